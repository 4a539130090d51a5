// Text built with `flat` reads exactly as the template literal it replaces, whatever the values.

import { describe, expect, it } from 'vitest';

import { flat } from '../../src/util/flat.js';

describe('flat', () => {
  it('reads as the template literal, for every kind of value', () => {
    const values: unknown[] = [null, undefined, 0, -0, 1.5699, NaN, 1e21, '', 'T0', true, [1, 2], { a: 1 }, 10n];
    for (const v of values) {
      expect(flat`Completed ${v} in ${v}s (exit code: ${v})`).toBe(
        `Completed ${v as string} in ${v as string}s (exit code: ${v as string})`,
      );
    }
    const named = { toString: () => 'custom' };
    expect(flat`${named}`).toBe('custom');
  });

  it('handles no values, values at either end, and nested templates', () => {
    expect(flat`no values`).toBe('no values');
    expect(flat``).toBe('');
    expect(flat`${'a'}${'b'}`).toBe('ab');
    const tier = 'T1';
    const score = [null][0] as number | null;
    expect(flat`earlier attempt passed: ${tier ? `${tier} ` : ''}score ${score ?? '?'}`).toBe(
      'earlier attempt passed: T1 score ?',
    );
  });

  it('throws where the template literal throws (a symbol has no text)', () => {
    expect(() => flat`${Symbol('x')}`).toThrow(TypeError);
  });
});
