// A JSON object whose one large array is read element by element: each element is parsed on its own and passed
// through `keep` at once, so only what `keep` returns stays alive. A previous 10,000-test triage.json is 30 MB of
// text; parsed whole it was some 100 MB of objects, of which the comparison needs a few fields per test. The
// text may come in pieces (a file read a megabyte at a time): only the value being read is then held, never the
// 30 MB (60 MB as a string once one character is not Latin-1).
// Anything this scanner does not expect throws, and the caller parses the text the ordinary way instead.

import { textPieces, type JsonText } from './json-text.js';
import { CLOSE_ARRAY, CLOSE_OBJECT, COLON, COMMA, OPEN_ARRAY, OPEN_OBJECT, QUOTE, Window } from './json-window.js';

export interface LeanArray {
  /** The top-level key of the large array. */
  key: string;
  /** What is kept of each element. */
  keep: (element: unknown) => unknown;
  /** The only fields `keep` reads of an element that is an object: it may be given those alone. */
  fields?: ReadonlySet<string>;
  /** The top-level keys to read; the others are skipped unparsed (all are read without it). */
  wanted?: ReadonlySet<string>;
}

export function parseObjectWithLeanArray(json: JsonText, lean: LeanArray): Record<string, unknown> {
  const { key: arrayKey, keep, wanted } = lean;
  // Each field as its key is written in the text.
  const fields = lean.fields && new Map([...lean.fields].map((f) => [JSON.stringify(f), f]));
  const w = new Window(textPieces(json));
  try {
    return readObject(w, arrayKey, keep, fields, wanted);
  } finally {
    w.close();
  }
}

function readObject(
  w: Window,
  arrayKey: string,
  keep: (element: unknown) => unknown,
  fields: ReadonlyMap<string, string> | undefined,
  wanted: ReadonlySet<string> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Once the keys wanted are read, the rest is not: a triage.json ends with its comparison and history.
  let unread = wanted?.size ?? Infinity;
  let i = w.skipSpace(0);
  if (i === 0 && w.text.charCodeAt(0) === 0xfeff) i = w.skipSpace(1);
  w.expect(i, OPEN_OBJECT);
  i = w.skipSpace(i + 1);
  if (w.text.charCodeAt(i) === CLOSE_OBJECT) return finish(w, i, out);
  for (;;) {
    w.expect(i, QUOTE);
    const keyEnd = w.valueEnd(i);
    const key = JSON.parse(w.text.slice(i, keyEnd)) as string;
    i = w.skipSpace(keyEnd);
    w.expect(i, COLON);
    i = w.skipSpace(i + 1);
    if (wanted?.has(key) && !(key in out)) unread--;
    if (key === arrayKey && w.text.charCodeAt(i) === OPEN_ARRAY) {
      const elements: unknown[] = [];
      i = w.skipSpace(i + 1);
      if (w.text.charCodeAt(i) !== CLOSE_ARRAY) {
        for (;;) {
          i = w.drop(i);
          const [element, end] = w.element(i, fields);
          elements.push(keep(element));
          i = w.skipSpace(end);
          if (w.text.charCodeAt(i) === CLOSE_ARRAY) break;
          w.expect(i, COMMA);
          i = w.skipSpace(i + 1);
        }
      }
      out[key] = elements;
      i = w.skipSpace(i + 1);
    } else if (wanted && !wanted.has(key)) {
      i = w.skipSpace(w.valueEnd(i));
    } else {
      const [value, end] = w.value(i);
      out[key] = value;
      i = w.skipSpace(end);
    }
    if (w.text.charCodeAt(i) === CLOSE_OBJECT) return finish(w, i, out);
    w.expect(i, COMMA);
    if (unread === 0) return out;
    i = w.drop(w.skipSpace(i + 1));
  }
}

function finish(w: Window, closeAt: number, out: Record<string, unknown>): Record<string, unknown> {
  if (w.skipSpace(closeAt + 1) !== w.text.length) throw new SyntaxError('text after the top-level object');
  return out;
}
