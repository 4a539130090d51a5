// The statistics against values computed by hand (binomial sums written out, Wilson's formula on a
// calculator): docs/history.md gives each formula.

import { describe, expect, it } from 'vitest';

import { pairedStatistics, wilson } from '../../src/triage/statistics.js';

/** A pairing with b tests gone from pass to fail, c from fail to pass, and the rest as given. */
function pairing(b: number, c: number, bothPass = 0, bothFail = 0) {
  const before = new Map<string, boolean>();
  const after = new Map<string, boolean>();
  let i = 0;
  const add = (then: boolean, now: boolean, count: number) => {
    for (let k = 0; k < count; k++, i++) {
      before.set(`t${i}`, then);
      after.set(`t${i}`, now);
    }
  };
  add(true, false, b);
  add(false, true, c);
  add(true, true, bothPass);
  add(false, false, bothFail);
  return pairedStatistics(before, after);
}

describe('Wilson score interval', () => {
  it.each([
    [40, 50, 0.669626279, 0.8875637005],
    [9, 10, 0.5958436145, 0.9821242505],
    [50, 50, 0.9286499658, 1],
    [0, 12, 0, 0.2425007575],
    [30, 47, 0.4953563457, 0.7603397771],
  ])('%i of %i', (k, n, low, high) => {
    const [l, h] = wilson(k, n)!;
    expect(l).toBeCloseTo(low, 9);
    expect(h).toBeCloseTo(high, 9);
  });

  it('is null without a single model verdict', () => {
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('the paired comparison', () => {
  it('5 new failures, 0 fixed: exact p = 2/32 = 0.0625, not significant at 5%', () => {
    const s = pairing(5, 0, 40, 5);
    expect(s).toMatchObject({ pairedTests: 50, passToFail: 5, failToPass: 0, mcnemarP: 0.0625, mcnemarMidP: 0.03125 });
    expect(s.verdict).toBe('no-detectable-change');
    expect(s.delta).toBe(-0.1);
    // SE = sqrt(5 - 25/50)/50 = 0.0424264
    expect(s.ci95![0]).toBeCloseTo(-0.1 - 1.96 * 0.0424264069, 9);
    expect(s.ci95![1]).toBeCloseTo(-0.1 + 1.96 * 0.0424264069, 9);
    expect(s.mde).toBeCloseTo(2.8 * 0.0424264069, 9);
    expect(s.passRateBefore).toBe(0.9);
    expect(s.passRateAfter).toBe(0.8);
  });

  it('6 new failures, 0 fixed: p = 2/64 = 0.03125, a regression', () => {
    expect(pairing(6, 0, 30)).toMatchObject({ mcnemarP: 0.03125, mcnemarMidP: 0.015625, verdict: 'regression' });
    expect(pairing(0, 6, 30)).toMatchObject({ mcnemarP: 0.03125, verdict: 'improvement' });
  });

  it('every paired test changed the same way (b = n): the formula gives SE 0, a zero-width interval and MDE 0', () => {
    // SE = sqrt(5 - 25/5)/5 = 0, as the formula states; the pages say this tells nothing.
    const s = pairing(5, 0, 0, 0);
    expect(s).toMatchObject({ pairedTests: 5, delta: -1, mcnemarP: 0.0625, ci95: [-1, -1], mde: 0 });
  });

  it('b + c = 0: nothing changed, p = 1, no detectable effect size', () => {
    const s = pairing(0, 0, 20, 4);
    expect(s).toMatchObject({ pairedTests: 24, mcnemarP: 1, mcnemarMidP: 1, mde: null, delta: 0 });
    expect(s.ci95).toEqual([0, 0]);
    expect(s.verdict).toBe('no-detectable-change');
  });

  it('the README headline case: 60 paired, 5 new failures and 3 fixed', () => {
    const s = pairing(5, 3, 40, 12);
    // p = 2 (1 + 8 + 28 + 56) / 256 = 0.7265625; mid-p = p - C(8,3)/256 = 0.5078125
    expect(s).toMatchObject({ pairedTests: 60, mcnemarP: 0.7265625, mcnemarMidP: 0.5078125 });
    expect(s.delta).toBeCloseTo(-2 / 60, 10);
    // SE = sqrt(8 - 4/60)/60 = 0.0469442; CI -3.3 points [-12.5, +5.9]; MDE about 13 points
    expect(s.ci95![0]).toBeCloseTo(-0.1253, 4);
    expect(s.ci95![1]).toBeCloseTo(0.0587, 4);
    expect(s.mde).toBeCloseTo(0.1314, 4);
  });

  it.each([
    // b, c, exact p, mid-p (sums of C(m, i) / 2^m by hand)
    [3, 8, 0.2265625, 0.14599609375],
    [2, 9, 0.0654296875, 0.03857421875],
    [1, 1, 1, 0.5],
    [2, 2, 1, 0.625],
  ])('b = %i, c = %i: exact p %f, mid-p %f', (b, c, p, mid) => {
    const s = pairing(b, c, 10, 10);
    expect(s.mcnemarP).toBeCloseTo(p, 9);
    expect(s.mcnemarMidP).toBeCloseTo(mid, 9);
  });

  it('pairs only tests with a verdict in both batches', () => {
    const before = new Map([
      ['a', true],
      ['b', false],
      ['gone', true],
    ]);
    const after = new Map([
      ['a', false],
      ['b', false],
      ['new', true],
    ]);
    expect(pairedStatistics(before, after)).toMatchObject({ pairedTests: 2, passToFail: 1, failToPass: 0 });
    expect(pairedStatistics(new Map(), after)).toMatchObject({ pairedTests: 0, delta: null, ci95: null, mde: null });
  });

  it('stays finite for thousands of tests', () => {
    const s = pairing(2400, 2600, 3000, 2000);
    expect(s.mcnemarP).toBeGreaterThan(0);
    expect(s.mcnemarP).toBeLessThan(0.01);
    expect(s.verdict).toBe('improvement');
  });
});
