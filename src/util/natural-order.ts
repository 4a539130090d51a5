// "test-2" before "test-10", without Intl: a numeric Collator pulls ICU's collation data into memory
// (about 8 MB of resident pages, measured), a large share of the CLI's budget for one sort order.
//
// The strings are compared run by run where they stand, without splitting them: sorting 10,000 test ids
// calls this some 130,000 times, and a batch is sorted several times (bench/notes.md).

const ZERO = 48;
const NINE = 57;

/**
 * Compares digit runs by value and other runs case-insensitively, then breaks ties by code units, so the
 * order is total and the same on every machine.
 */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const pDigits = isDigit(a.charCodeAt(i));
    const qDigits = isDigit(b.charCodeAt(j));
    const pEnd = runEnd(a, i, pDigits);
    const qEnd = runEnd(b, j, qDigits);
    let order: number;
    if (pDigits && qDigits) order = compareNumbers(a, i, pEnd, b, j, qEnd);
    // Numbers sort before words, as in a numeric collation.
    else if (pDigits !== qDigits) order = pDigits ? -1 : 1;
    else order = compareWords(a, i, pEnd, b, j, qEnd);
    if (order !== 0) return order;
    i = pEnd;
    j = qEnd;
  }
  // One is the other's runs and more: fewer runs first.
  if (i < a.length || j < b.length) return runsFrom(a, i) - runsFrom(b, j);
  return a < b ? -1 : 1;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** The end of the run of digits (or of anything else) that starts at `from`. */
function runEnd(text: string, from: number, digits: boolean): number {
  let k = from + 1;
  while (k < text.length && isDigit(text.charCodeAt(k)) === digits) k++;
  return k;
}

function runsFrom(text: string, from: number): number {
  let runs = 0;
  for (let k = from; k < text.length; runs++) k = runEnd(text, k, isDigit(text.charCodeAt(k)));
  return runs;
}

/** By value: leading zeros aside (one digit kept), the longer is larger, then digit by digit. */
function compareNumbers(a: string, i: number, pEnd: number, b: string, j: number, qEnd: number): number {
  while (i < pEnd - 1 && a.charCodeAt(i) === ZERO) i++;
  while (j < qEnd - 1 && b.charCodeAt(j) === ZERO) j++;
  if (pEnd - i !== qEnd - j) return pEnd - i - (qEnd - j);
  for (; i < pEnd; i++, j++) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * As their lower case, compared by code units: ASCII in place; a run with anything else as toLowerCase has the
 * whole run (a character's lower case can depend on its neighbours, and change its length).
 */
function compareWords(a: string, i: number, pEnd: number, b: string, j: number, qEnd: number): number {
  const pStart = i;
  const qStart = j;
  for (; i < pEnd && j < qEnd; i++, j++) {
    const p = a.charCodeAt(i);
    const q = b.charCodeAt(j);
    if (p > 0x7f || q > 0x7f) return lowerCompare(a.slice(pStart, pEnd), b.slice(qStart, qEnd));
    const pl = lowerAscii(p);
    const ql = lowerAscii(q);
    if (pl !== ql) return pl < ql ? -1 : 1;
  }
  // The ASCII so far is the same: the longer run's lower case starts with the other's.
  return i < pEnd ? 1 : j < qEnd ? -1 : 0;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function lowerCompare(p: string, q: string): number {
  const pl = p.toLowerCase();
  const ql = q.toLowerCase();
  return pl < ql ? -1 : pl > ql ? 1 : 0;
}
