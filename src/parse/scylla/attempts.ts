// Every try at a test, from all three sources, oldest first. `passed` marks tries that passed with a
// verdict of their own: masked-pass detection reads only this list.

import type { Attempt } from '../../model.js';
import type { LogBlock } from './thread-log.js';
import { PASS_SCORE } from './result-folders.js';
import type { TestCase } from './assemble.js';

export function collectAttempts(test: TestCase): Attempt[] {
  const attempts: Attempt[] = [];
  for (const block of test.blocks) attempts.push(fromBlock(block));
  test.rows.forEach((row, index) => {
    const final = index === test.rows.length - 1;
    const metricsUsable = row.hasMetrics && !row.bogusMetrics;
    // A final row's own metrics can be stale (copied from an earlier session's folder when the re-run failed).
    const passed = final
      ? test.status !== 'pass' &&
        row.status === 'error' &&
        metricsUsable &&
        isPassingMetrics(row.bestTier, row.bestScore)
      : metricsUsable && row.status === 'pass';
    attempts.push({
      source: 'row',
      file: 'batch_summary.json',
      line: row.line,
      session: null,
      thread: row.thread,
      startedAt: row.startedAt,
      completedAt: null,
      durationSeconds: metricsUsable ? row.totalDuration : null,
      exitCode: row.exitCode,
      status: row.status === 'success' ? (final ? test.status : 'unknown') : row.status,
      passed: final && test.status === 'pass' ? true : passed,
      cost: metricsUsable ? row.totalCost : null,
      score: metricsUsable ? row.bestScore : null,
      bestTier: metricsUsable ? row.bestTier : null,
      error: row.error,
    });
  });
  for (const folder of test.folders) {
    const report = folder.report;
    attempts.push({
      source: 'result-dir',
      file: report?.file ?? `${folder.name}/`,
      line: 0,
      session: null,
      thread: null,
      startedAt: report?.startedAt ?? folder.startedAt,
      completedAt: report?.completedAt ?? null,
      durationSeconds: report?.totalDuration ?? null,
      exitCode: null,
      status: report ? (report.passed ? 'pass' : 'fail') : 'unknown',
      // When the verdict came from this folder a passing report made the test pass, so it cannot mask;
      // otherwise a passing report the summary does not reflect is exactly what a masked pass is.
      passed: Boolean(report?.passed),
      cost: report?.totalCost ?? null,
      score: report ? report.bestScore : null,
      bestTier: report?.bestTier ?? null,
      error: null,
    });
  }
  return attempts.sort(byStart);
}

function fromBlock(block: LogBlock): Attempt {
  const experiment = block.experiment;
  const bestScore = experiment?.bestTier
    ? (experiment.tiers.find((t) => t.tier === experiment.bestTier)?.score ?? null)
    : null;
  const passed =
    experiment !== null &&
    (block.exitCode === 0 || block.exitCode === null) &&
    isPassingMetrics(experiment.bestTier, bestScore ?? 1);
  const lastError = block.errors.filter((e) => e.kind !== 'rate-limit').at(-1)?.text ?? null;
  let status: Attempt['status'];
  if (!block.complete) status = 'incomplete';
  else if (block.exitCode !== 0) status = 'error';
  else if (experiment) status = passed ? 'pass' : 'fail';
  else status = 'unknown';
  return {
    source: 'log',
    file: block.file,
    line: block.line,
    session: block.session,
    thread: block.thread,
    startedAt: block.startedAt,
    completedAt: block.completedAt,
    durationSeconds: block.durationSeconds,
    exitCode: block.exitCode,
    status,
    passed,
    cost: experiment?.totalCost ?? null,
    score: experiment ? (bestScore ?? 0) : null,
    bestTier: experiment?.bestTier ?? null,
    error: lastError,
  };
}

function isPassingMetrics(bestTier: string | null, bestScore: number | null): boolean {
  return bestTier !== null && bestScore !== null && bestScore > PASS_SCORE;
}

/**
 * Oldest first; attempts with no time (a legacy row) after the timed ones, in the order they came. An order
 * that took an untimed attempt as equal to every other was no order at all: the sort left timed ones apart.
 */
function byStart(a: Attempt, b: Attempt): number {
  const ta = a.startedAt ? Date.parse(a.startedAt) : NaN;
  const tb = b.startedAt ? Date.parse(b.startedAt) : NaN;
  if (Number.isNaN(ta)) return Number.isNaN(tb) ? 0 : 1;
  if (Number.isNaN(tb)) return -1;
  return ta - tb;
}
