// A JSON text read through a window that slides over its pieces (parse/json-array-elements.ts): only the value
// being read is held, never the whole text. Pretty-printed values are found with indexOf (see indentedEnd).

export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const COMMA = 0x2c;
export const COLON = 0x3a;
/**
 * Text already read is dropped once this much of it has piled up before the value being read. Small enough
 * that the window's strings stay in V8's young generation (under 128 kB): larger ones go to the large-object
 * space, which only a full collection empties, and a 30 MB file read through 1 MB windows left some 40 MB of
 * them behind at the peak.
 */
const DROP_CHARS = 16 * 1024;

/** The pieces read so far, from the line of the first one not yet read. */
export class Window {
  text = '';
  ended = false;
  private readonly source: Iterator<string>;

  constructor(pieces: Iterable<string>) {
    this.source = pieces[Symbol.iterator]();
  }

  /**
   * Reads on, at least as much again as is buffered from `from`, so that a long value is rescanned a bounded
   * number of times; sets `ended` when there is nothing more.
   */
  more(from: number): void {
    const parts = [this.text];
    let length = this.text.length;
    const target = length + Math.max(1, length - from);
    while (length < target) {
      const next = this.source.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      parts.push(next.value);
      length += next.value.length;
    }
    this.text = parts.join('');
  }

  /**
   * Forgets the text before `at`'s line when there is enough of it (its indentation is kept: see
   * indentedEnd); returns where `at` now is.
   */
  drop(at: number): number {
    if (at < DROP_CHARS) return at;
    // JSON on one line (minified) has no line to keep: it is dropped up to `at`, and scanned.
    const line = this.text.lastIndexOf('\n', at - 1);
    const from = line !== -1 && at - line <= DROP_CHARS ? line : at;
    this.text = this.text.slice(from);
    return at - from;
  }

  /** The first index at or after `at` that is not white space (the text's length only at its very end). */
  skipSpace(at: number): number {
    let i = skipSpace(this.text, at);
    while (i === this.text.length && !this.ended) {
      this.more(i);
      i = skipSpace(this.text, i);
    }
    return i;
  }

  /** The index just past the value that starts at `at`, reading on as far as it goes. */
  valueEnd(at: number): number {
    for (;;) {
      const end = valueEnd(this.text, at, this.ended);
      if (end !== -1) return end;
      if (this.ended) throw new SyntaxError('unexpected end of the text');
      this.more(at);
    }
  }

  /** The value that starts at `at`, parsed, and the index just past it. */
  value(at: number): [unknown, number] {
    const guess = this.indentedEnd(at);
    if (guess !== -1) {
      try {
        return [JSON.parse(this.text.slice(at, guess)), guess];
      } catch {
        // Not laid out that way after all: scanned below.
      }
    }
    const end = this.valueEnd(at);
    return [JSON.parse(this.text.slice(at, end)), end];
  }

  /**
   * The element that starts at `at` and the index just past it; when it is a pretty-printed object, only
   * `fields` of it, read from its own lines (a test's six of its twenty-odd, without parsing the rest).
   */
  element(at: number, fields: ReadonlyMap<string, string> | undefined): [unknown, number] {
    if (fields && this.text.charCodeAt(at) === OPEN_OBJECT) {
      const end = this.indentedEnd(at);
      if (end !== -1) {
        const picked = this.pick(at, end, fields);
        if (picked) return [picked, end];
      }
    }
    return this.value(at);
  }

  /**
   * The fields of the object at [at, end) whose value is on their own line, or null when the object's lines
   * are not as JSON.stringify lays them out (then it is parsed whole). Its own keys are the lines indented two
   * spaces more than its brackets; no object opens at its own indent before it closes (two elements run
   * together when one of them closed on a line of its own). Its lines are read only until every field was
   * found: a field given twice counts the first time (JSON.stringify never writes one twice).
   */
  private pick(at: number, end: number, fields: ReadonlyMap<string, string>): Record<string, unknown> | null {
    const pad = at - this.text.lastIndexOf('\n', at) - 1;
    const another = this.text.indexOf(`\n${' '.repeat(pad)}{`, at);
    if (another !== -1 && another < end) return null;
    const keyLine = `\n${' '.repeat(pad + 2)}"`;
    const out: Record<string, unknown> = {};
    let found = 0;
    try {
      for (let line = this.text.indexOf(keyLine, at); line !== -1 && line < end && found < fields.size;) {
        const keyStart = line + keyLine.length - 1;
        const keyEnd = stringEnd(this.text, keyStart);
        if (keyEnd === -1 || this.text.charCodeAt(keyEnd) !== COLON || this.text.charCodeAt(keyEnd + 1) !== 0x20)
          return null;
        // Matched as written: the keys asked for have no escapes, and a key written with some is no field.
        const key = fields.get(this.text.slice(keyStart, keyEnd));
        if (key !== undefined && !(key in out)) {
          const valueStart = keyEnd + 2;
          const first = this.text.charCodeAt(valueStart);
          if (first === OPEN_OBJECT || first === OPEN_ARRAY) return null;
          let valueEnd = this.text.indexOf('\n', valueStart);
          if (this.text.charCodeAt(valueEnd - 1) === COMMA) valueEnd--;
          out[key] = JSON.parse(this.text.slice(valueStart, valueEnd));
          found++;
        }
        line = this.text.indexOf(keyLine, keyEnd);
      }
    } catch {
      return null;
    }
    return out;
  }

  /**
   * In pretty-printed JSON (triage.json is), an object or array that opens on a line indented by n spaces
   * closes at the first line indented by n spaces that starts with its closing bracket: a string cannot hold a
   * raw line break, and nested values are indented further. Found with indexOf, some five times faster than a
   * scan character by character. -1 when the layout is not that one; JSON.parse then checks the value: a wrong
   * end can only cut it short or run past it, and either way it is not valid JSON.
   */
  private indentedEnd(at: number): number {
    const open = this.text.charCodeAt(at);
    if (open !== OPEN_OBJECT && open !== OPEN_ARRAY) return -1;
    if (at + 1 === this.text.length && !this.ended) this.more(at);
    // Pretty-printed: a line break right after the bracket (an empty one or one on one line is scanned).
    if (this.text.charCodeAt(at + 1) !== 0x0a) return -1;
    let lineStart = at;
    while (lineStart > 0 && this.text.charCodeAt(lineStart - 1) === 0x20) lineStart--;
    if (lineStart === 0 || this.text.charCodeAt(lineStart - 1) !== 0x0a) return -1;
    const close = `\n${' '.repeat(at - lineStart)}${open === OPEN_OBJECT ? '}' : ']'}`;
    for (;;) {
      const found = this.text.indexOf(close, at);
      if (found !== -1) return found + close.length;
      if (this.ended) return -1;
      this.more(at);
    }
  }

  /** Lets the source go (a file's reader closes it) when the text was not read to its end. */
  close(): void {
    if (!this.ended) this.source.return?.();
  }

  expect(at: number, code: number): void {
    if (this.text.charCodeAt(at) !== code) throw new SyntaxError(`expected ${String.fromCharCode(code)}`);
  }
}

function skipSpace(text: string, at: number): number {
  let i = at;
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/** The index just past the string that opens at `at`; -1 when the text ends first. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) return -1;
    let slashes = 0;
    for (let k = quote - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/**
 * The index just past the value that starts at `at` (JSON.parse checks the value itself); -1 when the text
 * ends first, which for a number or a literal is only known once the text is `final`.
 */
function valueEnd(text: string, at: number, final: boolean): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return stringEnd(text, at);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    let i = at;
    for (
      let c = text.charCodeAt(i);
      i < text.length && c !== COMMA && c !== CLOSE_OBJECT && c !== CLOSE_ARRAY && c > 0x20;
      c = text.charCodeAt(++i)
    );
    if (i === text.length && !final) return -1;
    if (i === at) throw new SyntaxError('a value expected');
    return i;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end === -1) return -1;
      i = end - 1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
