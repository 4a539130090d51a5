// shortHash switches from @noble/hashes to node:crypto partway through a run: both must give the same names.

import { describe, expect, it } from 'vitest';

import { jsSha256, nativeSha256, shortHash } from '../../src/util/short-hash.js';

const TEXTS = [
  '',
  'test\u0000test-001\u0000framework-bug',
  'ünïcödé ✓ 日本語 🚀',
  'lone \ud800 high, lone \udc00 low, reversed \udc00\ud800, pair \ud83d\ude80',
  'x'.repeat(100_000),
  '\r\n\t\u007f\u0085\u2028',
];

describe('shortHash', () => {
  it('hashes the same with node:crypto as with @noble/hashes, lone surrogates included', () => {
    const native = nativeSha256();
    expect(native).not.toBeNull();
    for (const text of TEXTS) expect(native!(text), JSON.stringify(text.slice(0, 40))).toBe(jsSha256(text));
    expect(jsSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the same names before and after it switches', () => {
    const names = Array.from({ length: 2500 }, (_, i) => shortHash(`${TEXTS[i % TEXTS.length]}${i}`, 16));
    names.forEach((name, i) => expect(name).toBe(jsSha256(`${TEXTS[i % TEXTS.length]}${i}`).slice(0, 16)));
    expect(shortHash('abc')).toBe('ba7816bf');
  });
});
