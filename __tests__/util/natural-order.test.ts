import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { naturalCompare } from '../../src/util/natural-order.js';

const sorted = (values: string[]) => [...values].sort(naturalCompare);

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
