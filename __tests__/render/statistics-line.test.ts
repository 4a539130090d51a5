// The headline line every page and the PR comment carry: the example word for word, and p printed so
// it never contradicts the verdict beside it.

import { describe, expect, it } from 'vitest';

import type { TriageResult } from '../../src/model.js';
import { statisticsLine } from '../../src/render/index.js';
import { pairedStatistics, wilson } from '../../src/triage/statistics.js';

/** A batch of `passed` of `total` model verdicts, compared on b pass->fail and c fail->pass pairs. */
function line(b: number, c: number, samePass: number, sameFail: number, passed: number, total: number): string {
  const before = new Map<string, boolean>();
  const after = new Map<string, boolean>();
  let i = 0;
  const add = (count: number, then: boolean, now: boolean) => {
    for (let k = 0; k < count; k++, i++) {
      before.set(`t${i}`, then);
      after.set(`t${i}`, now);
    }
  };
  add(b, true, false);
  add(c, false, true);
  add(samePass, true, true);
  add(sameFail, false, false);
  const result = {
    summary: { modelPassRate: passed / total, modelPassRateCi95: wilson(passed, total) },
    comparison: { comparable: true, statistics: pairedStatistics(before, after) },
  } as unknown as TriageResult;
  return statisticsLine(result);
}

describe('the statistics line', () => {
  it('reads as the issue writes it: 60 paired, 5 new failures and 3 fixed', () => {
    expect(line(5, 3, 40, 12, 32, 50)).toBe(
      'model pass rate 64% [50–76%] · vs previous: -3.3 points [-12.5, +5.9], 5 new failures / 3 fixed, McNemar p = 0.73 → no detectable change (could detect about 13 points)',
    );
  });

  it('prints p with three decimals under 0.1, so 0.0625 is not 0.06 beside "no detectable change"', () => {
    expect(line(5, 0, 40, 5, 40, 50)).toContain('McNemar p = 0.063 → no detectable change');
  });

  it('never prints a p under 0.05 as 0.050 beside "a regression"', () => {
    // b = 42, c = 25: exact p = 0.0498...
    const text = line(42, 25, 50, 50, 75, 167);
    expect(text).toMatch(/McNemar p = 0\.049\d → a regression/);
  });

  it('says an MDE of 0 tells nothing when every paired test changed the same way', () => {
    expect(line(5, 0, 0, 0, 0, 5)).toBe(
      'model pass rate 0% [0–43%] · vs previous: -100.0 points [-100.0, -100.0], 5 new failures / 0 fixed, McNemar p = 0.063 → no detectable change (every paired test changed the same way: too few to say what it could detect)',
    );
  });

  it('says p < 0.01 for strong evidence, and when nothing changed', () => {
    expect(line(12, 0, 30, 8, 30, 50)).toContain('McNemar p < 0.01 → a regression');
    expect(line(0, 0, 30, 20, 30, 50)).toContain(
      '0 new failures / 0 fixed, McNemar p = 1.00 → no detectable change (no test changed its verdict)',
    );
  });
});
