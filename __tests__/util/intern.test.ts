// The shared strings and lists of a large batch: equal values, one copy, and nothing a batch can grow.

import { describe, expect, it } from 'vitest';

import { emptyArray, exactArray } from '../../src/util/exact-array.js';
import { intern } from '../../src/util/intern.js';

describe('intern', () => {
  it('gives back the value itself, null as null', () => {
    const tier = ['T', '1'].join('');
    expect(intern(tier)).toBe('T1');
    expect(intern('T1')).toBe('T1');
    expect(intern(null)).toBeNull();
    const long = 'x'.repeat(65);
    expect(intern(long)).toBe(long);
  });

  it('gives back every value unchanged past its bound (test ids, or a hostile batch)', () => {
    for (let i = 0; i < 20_000; i++) expect(intern(`value-${i}`)).toBe(`value-${i}`);
  });
});

describe('exactArray', () => {
  it('copies a list to its own length, and gives every empty list as one frozen list', () => {
    const items = [1, 2, 3];
    const copy = exactArray(items);
    expect(copy).toEqual(items);
    expect(copy).not.toBe(items);
    const empty = exactArray<number>([]);
    expect(empty).toEqual([]);
    expect(empty).toBe(emptyArray<string>());
    expect(Object.isFrozen(empty)).toBe(true);
    // A change to a kept list throws instead of reaching every test that shares it.
    expect(() => (empty as number[]).push(1)).toThrow(TypeError);
    expect(JSON.stringify({ empty })).toBe('{"empty":[]}');
  });
});
