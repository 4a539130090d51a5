// A JSON object whose one large array is read element by element: each element is parsed on its own and passed
// through `keep` at once, so only what `keep` returns stays alive. A previous 10,000-test triage.json is 30 MB of
// text; parsed whole it was some 100 MB of objects, of which the comparison needs a few fields per test.
// Anything this scanner does not expect throws, and the caller parses the text the ordinary way instead.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

export function parseObjectWithLeanArray(
  text: string,
  arrayKey: string,
  keep: (element: unknown) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  expect(text, i, OPEN_OBJECT);
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === CLOSE_OBJECT) return finish(text, i, out);
  for (;;) {
    expect(text, i, QUOTE);
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    expect(text, i, COLON);
    i = skipSpace(text, i + 1);
    if (key === arrayKey && text.charCodeAt(i) === OPEN_ARRAY) {
      const elements: unknown[] = [];
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) !== CLOSE_ARRAY) {
        for (;;) {
          const end = valueEnd(text, i);
          elements.push(keep(JSON.parse(text.slice(i, end))));
          i = skipSpace(text, end);
          if (text.charCodeAt(i) === CLOSE_ARRAY) break;
          expect(text, i, COMMA);
          i = skipSpace(text, i + 1);
        }
      }
      out[key] = elements;
      i = skipSpace(text, i + 1);
    } else {
      const end = valueEnd(text, i);
      out[key] = JSON.parse(text.slice(i, end));
      i = skipSpace(text, end);
    }
    if (text.charCodeAt(i) === CLOSE_OBJECT) return finish(text, i, out);
    expect(text, i, COMMA);
    i = skipSpace(text, i + 1);
  }
}

function finish(text: string, closeAt: number, out: Record<string, unknown>): Record<string, unknown> {
  if (skipSpace(text, closeAt + 1) !== text.length) throw new SyntaxError('text after the top-level object');
  return out;
}

function expect(text: string, at: number, code: number): void {
  if (text.charCodeAt(at) !== code) throw new SyntaxError(`expected ${String.fromCharCode(code)} at ${at}`);
}

function skipSpace(text: string, at: number): number {
  let i = at;
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/** The index just past the string that opens at `at`. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) throw new SyntaxError('unterminated string');
    let slashes = 0;
    for (let k = quote - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** The index just past the value that starts at `at` (JSON.parse checks the value itself). */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return stringEnd(text, at);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    let i = at;
    for (
      let c = text.charCodeAt(i);
      i < text.length && c !== COMMA && c !== CLOSE_OBJECT && c !== CLOSE_ARRAY && c > 0x20;
      c = text.charCodeAt(++i)
    );
    if (i === at) throw new SyntaxError(`a value expected at ${at}`);
    return i;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new SyntaxError('unterminated object or array');
}
