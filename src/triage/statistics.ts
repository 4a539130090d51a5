// The numbers that say how sure a comparison is (docs/history.md states every formula with its reference).
// A flip of a few tests between two batches of a nondeterministic agent is often noise: every rate gets an
// interval, and every "what changed" gets a paired test and the smallest change it could have detected.

import type { ComparisonStatistics } from '../model.js';

const Z95 = 1.96;
/** z(α/2) + z(β) for a two-sided 5% test with 80% power: the minimum detectable effect is this many SEs. */
const MDE_FACTOR = 2.8;

/** Wilson score interval of k successes in n trials (null when n = 0). */
export function wilson(k: number, n: number, z = Z95): [number, number] | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}

/**
 * McNemar on the paired verdicts. `before` and `after` say for each test id true (passed) or false (failed);
 * tests without a model verdict in either batch are left out.
 */
export function pairedStatistics(
  before: ReadonlyMap<string, boolean>,
  after: ReadonlyMap<string, boolean>,
): ComparisonStatistics {
  let n = 0;
  let b = 0;
  let c = 0;
  let passedBefore = 0;
  let passedAfter = 0;
  for (const [id, now] of after) {
    const then = before.get(id);
    if (then === undefined) continue;
    n++;
    if (then) passedBefore++;
    if (now) passedAfter++;
    if (then && !now) b++;
    if (!then && now) c++;
  }
  const m = b + c;
  const k = Math.min(b, c);
  // Exact two-sided: twice the lower tail of Binomial(b + c, 1/2), at most 1; 1 when nothing changed.
  const tail = m === 0 ? 0.5 : binomialCdfHalf(m, k);
  const mcnemarP = m === 0 ? 1 : Math.min(1, 2 * tail);
  const mcnemarMidP = m === 0 ? 1 : Math.min(1, Math.max(0, mcnemarP - binomialPmfHalf(m, k)));
  // The Wald SE of the paired difference, as docs/history.md states it. It is 0 when every paired test changed
  // the same way (b = n or c = n): the interval then has no width and the MDE is 0, which the pages say means
  // nothing (view-history.ts) rather than hiding it here.
  const se = n === 0 ? null : Math.sqrt(Math.max(0, m - ((b - c) * (b - c)) / n)) / n;
  const delta = n === 0 ? null : (c - b) / n;
  return {
    pairedTests: n,
    passToFail: b,
    failToPass: c,
    passRateBefore: n === 0 ? null : round(passedBefore / n),
    passRateAfter: n === 0 ? null : round(passedAfter / n),
    delta: delta === null ? null : round(delta),
    ci95: delta === null || se === null ? null : [round(delta - Z95 * se), round(delta + Z95 * se)],
    mcnemarP: round(mcnemarP),
    mcnemarMidP: round(mcnemarMidP),
    mde: m === 0 || se === null ? null : round(MDE_FACTOR * se),
    verdict: mcnemarP < 0.05 ? (c > b ? 'improvement' : 'regression') : 'no-detectable-change',
  };
}

/** P(X ≤ k) for X ~ Binomial(m, 1/2): terms built one from the other in log space (2^-m underflows past 1074). */
function binomialCdfHalf(m: number, k: number): number {
  let log = -m * Math.LN2;
  let sum = Math.exp(log);
  for (let i = 1; i <= k; i++) {
    log += Math.log(m - i + 1) - Math.log(i);
    sum += Math.exp(log);
  }
  return sum;
}

/** P(X = k) for X ~ Binomial(m, 1/2). */
function binomialPmfHalf(m: number, k: number): number {
  let log = -m * Math.LN2;
  for (let i = 1; i <= k; i++) log += Math.log(m - i + 1) - Math.log(i);
  return Math.exp(log);
}

/** Enough digits for any report, none of the float noise. */
function round(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}
