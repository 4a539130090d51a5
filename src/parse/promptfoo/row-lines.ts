// The 1-based line where each row of `results.results` starts in an `-o out.json` file, so evidence can point
// at it. JSON.parse keeps no positions: one pass over the text finds them (strings skipped with indexOf).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

export function rowLines(text: string): number[] {
  const offsets: number[] = [];
  const n = text.length;
  let depth = 0;
  let rootKey = '';
  let resultsKey = '';
  let inRows = false;
  // Inside the rows array: the next value to start is a row (every row counts, objects or not, so the lines
  // stay aligned with the array when a broken row is skipped).
  let expectRow = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (expectRow && depth === 3 && c !== 0x5d /* ] */) {
      offsets.push(i);
      expectRow = false;
    }
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      // A key of the root object or of `results` (a string followed by ':'), compared only where it matters.
      if ((depth === 1 || (depth === 2 && rootKey === 'results')) && nextNonSpace(text, end) === COLON) {
        const key = text.slice(i + 1, end - 1);
        if (depth === 1) rootKey = key;
        else resultsKey = key;
      }
      i = end;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth === 3 && c === 0x5b && rootKey === 'results' && resultsKey === 'results') inRows = expectRow = true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      if (depth < 3) inRows = expectRow = false;
    } else if (c === 0x2c /* , */ && inRows && depth === 3) {
      expectRow = true;
    }
    i++;
  }
  return toLines(text, offsets);
}

/** Index just past the closing quote of the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j === -1) return text.length;
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
    j++;
  }
}

function nextNonSpace(text: string, from: number): number {
  let j = from;
  while (j < text.length && isSpace(text.charCodeAt(j))) j++;
  return text.charCodeAt(j);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function toLines(text: string, offsets: number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  for (const offset of offsets) {
    for (let nl = text.indexOf('\n', pos); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
    pos = offset;
    lines.push(line);
  }
  return lines;
}
