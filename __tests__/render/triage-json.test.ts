import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { triageJsonParts } from '../../src/render/index.js';
import { syntheticResult } from './support/synthetic-result.js';

const whole = (value: unknown) => [...triageJsonParts(value)].join('');

describe('triageJsonParts', () => {
  it('is exactly JSON.stringify(value, null, 2) plus a newline, in pieces', () => {
    const result = syntheticResult(400);
    const parts = [...triageJsonParts(result)];
    expect(parts.join('')).toBe(`${JSON.stringify(result, null, 2)}\n`);
    // Streamed: no piece is the whole file, one per test at most in size.
    expect(parts.length).toBeGreaterThan(400);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(JSON.stringify(result).length / 50);
  });

  it('agrees with JSON.stringify on any JSON-like value, with undefined and functions where JSON drops them', () => {
    const odd = fc.constantFrom(undefined, () => 1, Symbol('s'), new Date(0), '\n', '');
    const leaf = fc.oneof(fc.jsonValue(), odd);
    const value = fc.oneof(
      fc.dictionary(fc.string(), fc.oneof(leaf, fc.array(leaf), fc.dictionary(fc.string(), leaf))),
      fc.array(fc.oneof(leaf, fc.array(leaf), fc.dictionary(fc.string(), leaf))),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(whole(v)).toBe(`${JSON.stringify(v, null, 2)}\n`);
      }),
      { numRuns: 1000 },
    );
  });
});
