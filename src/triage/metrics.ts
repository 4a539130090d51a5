// Batch-level numbers. Rates are fractions (0..1); money is dollars; means over what is known only.

import type { Summary, TestResult, TierMetrics } from '../model.js';
import { compareTiers } from '../util/tier-order.js';
import { outcomeOf } from './history/outcome.js';
import { wilson } from './statistics.js';

/** The summary's counts; the known-issue counts are the caller's (they need the config). */
export function computeSummary(
  tests: TestResult[],
  sessions: number,
): Omit<Summary, 'knownIssues' | 'quarantined' | 'appearsFixed'> {
  const count = (predicate: (t: TestResult) => boolean) => tests.filter(predicate).length;
  const total = tests.length;
  const passed = count((t) => t.status === 'pass');
  const maskedPasses = count((t) => t.maskedPass);
  const passes = tests.filter((t) => t.status === 'pass');
  const cops = passes.map((t) => t.cop).filter(isNumber);
  const durations = tests.map((t) => t.durationSeconds).filter(isNumber);
  const outcomes = tests.map(outcomeOf);
  const modelPassed = outcomes.filter((o) => o === 'P').length;
  const modelFailed = outcomes.filter((o) => o === 'F').length;
  const tokens = tests.map((t) => t.tokens).filter((n): n is number => typeof n === 'number');
  return {
    total,
    passed,
    failed: count((t) => t.status === 'fail'),
    errors: count((t) => t.status === 'error'),
    unknownStatus: count((t) => t.status === 'unknown'),
    passRate: rate(passed, total),
    totalCost: round(sum(tests.map((t) => t.cost).filter(isNumber))),
    ...(tokens.length > 0 ? { totalTokens: sum(tokens) } : {}),
    passCost: round(sum(passes.map((t) => t.cost).filter(isNumber))),
    meanCop: cops.length > 0 ? round(sum(cops) / cops.length) : null,
    medianCop: median(cops),
    frameworkBugs: count((t) => t.category === 'framework-bug'),
    modelFailures: count((t) => t.category === 'model-failure'),
    infrastructure: count((t) => t.category === 'infrastructure'),
    unknown: count((t) => t.category === 'unknown'),
    maskedPasses,
    correctedPassed: passed + maskedPasses,
    correctedPassRate: rate(passed + maskedPasses, total),
    modelPassed,
    modelFailed,
    modelPassRate: modelPassed + modelFailed === 0 ? null : rate(modelPassed, modelPassed + modelFailed),
    modelPassRateCi95: wilson(modelPassed, modelPassed + modelFailed),
    totalDurationSeconds: round(sum(durations)),
    meanDurationSeconds: durations.length > 0 ? round(sum(durations) / durations.length) : null,
    medianDurationSeconds: median(durations),
    sessions,
  };
}

export function computeTierMetrics(tests: TestResult[]): TierMetrics[] {
  const byTier = new Map<string, { tests: number; passed: number; scores: number[]; cost: number }>();
  for (const test of tests) {
    for (const tier of test.tiers) {
      const entry = byTier.get(tier.tier) ?? { tests: 0, passed: 0, scores: [], cost: 0 };
      entry.tests++;
      if (tier.passed) entry.passed++;
      if (tier.score !== null) entry.scores.push(tier.score);
      entry.cost += tier.cost ?? 0;
      byTier.set(tier.tier, entry);
    }
  }
  return [...byTier.entries()]
    .sort(([a], [b]) => compareTiers(a, b))
    .map(([tier, e]) => ({
      tier,
      tests: e.tests,
      passed: e.passed,
      meanScore: e.scores.length > 0 ? round(sum(e.scores) / e.scores.length) : null,
      totalCost: round(e.cost),
    }));
}

function isNumber(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : round(part / whole);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Rounds away float noise (0.1 + 0.2) without losing the data's own precision. */
function round(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}
