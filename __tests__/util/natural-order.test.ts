import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { naturalCompare } from '../../src/util/natural-order.js';

const sorted = (values: string[]) => [...values].sort(naturalCompare);

/** The definition, as first written: the strings split into runs by a regular expression. */
function byRuns(a: string, b: string): number {
  if (a === b) return 0;
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    const [pDigits, qDigits] = [/^\d/.test(p), /^\d/.test(q)];
    let order: number;
    if (pDigits && qDigits) {
      const [pv, qv] = [p.replace(/^0+(?=\d)/, ''), q.replace(/^0+(?=\d)/, '')];
      order = pv.length !== qv.length ? pv.length - qv.length : pv < qv ? -1 : pv > qv ? 1 : 0;
    } else if (pDigits !== qDigits) order = pDigits ? -1 : 1;
    else {
      const [pl, ql] = [p.toLowerCase(), q.toLowerCase()];
      order = pl < ql ? -1 : pl > ql ? 1 : 0;
    }
    if (order !== 0) return order;
  }
  if (x.length !== y.length) return x.length - y.length;
  return a < b ? -1 : 1;
}

describe('naturalCompare', () => {
  it('orders numbers by value, words without case, and numbers first', () => {
    expect(sorted(['test-10', 'test-2', 'test-001', 'Test-3', 'test-02'])).toEqual([
      'test-001',
      'test-02',
      'test-2',
      'Test-3',
      'test-10',
    ]);
    expect(sorted(['b', '10', 'A', '9', 'a'])).toEqual(['9', '10', 'A', 'a', 'b']);
    expect(sorted(['run-2/triage.json', 'run-10/triage.json', 'run-1/x', 'run-1'])).toEqual([
      'run-1',
      'run-1/x',
      'run-2/triage.json',
      'run-10/triage.json',
    ]);
  });

  it('agrees with a numeric collator on ids made of one word and one number', () => {
    const collator = new Intl.Collator('en', { numeric: true });
    const id = fc.tuple(fc.constantFrom('test-', 'case_', 'T'), fc.nat(100_000)).map(([w, n]) => `${w}${n}`);
    fc.assert(
      fc.property(id, id, (a, b) => {
        expect(Math.sign(naturalCompare(a, b))).toBe(Math.sign(collator.compare(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives what splitting the strings into runs gives, value for value', () => {
    // Upper and lower case, zeros, and letters whose lower case is longer or depends on their neighbours.
    const unit = fc.constantFrom(
      'a',
      'A',
      'z',
      'Z',
      '0',
      '00',
      '1',
      '9',
      '-',
      '[',
      '_',
      '~',
      'é',
      'É',
      'İ',
      'Σ',
      'ß',
      '\u{1F600}',
    );
    const text = fc.string({ unit, maxLength: 10 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(naturalCompare(a, b)).toBe(byRuns(a, b));
      }),
      { numRuns: 20_000 },
    );
    for (const [a, b] of [
      ['AΣ', 'aσ'],
      ['xΣ1', 'XΣ2'],
      ['test-007', 'test-7'],
      ['test-0', 'test-000'],
      ['b10', 'B9'],
      ['', '0'],
      ['İ', 'i'],
      ['a-1-b', 'a-1'],
    ])
      expect([naturalCompare(a!, b!), naturalCompare(b!, a!)]).toEqual([byRuns(a!, b!), byRuns(b!, a!)]);
  });

  it('is a total order: antisymmetric, transitive, zero only for equal strings', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', '0', '1', '9', '-', '_', '/', 'é'), maxLength: 8 });
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(Math.sign(naturalCompare(a, b))).toBe(-Math.sign(naturalCompare(b, a)) || 0);
        expect(naturalCompare(a, b) === 0).toBe(a === b);
        if (naturalCompare(a, b) <= 0 && naturalCompare(b, c) <= 0) expect(naturalCompare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});
