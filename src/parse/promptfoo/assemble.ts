// One test's runs turned into a ParsedTest. The last run (by export, then testIdx) is the verdict; every run,
// the last included, is an attempt, so a pass among earlier repeats shows as a masked pass in triage.
// Money, tokens and time add up over the runs: repeats are part of the eval, not retries of a broken one.

import type { Attempt, Evidence } from '../../model.js';
import { exactArray } from '../../util/exact-array.js';
import type { ParsedTest } from '../parsed-batch.js';
import { classifyRow, type Verdict } from './classify.js';
import { firstLine } from './error-text.js';
import type { TestRows } from './group-rows.js';
import type { Row } from './row.js';
import type { TestIdentity } from './test-ids.js';

export interface EvalTimes {
  /** The eval's start, per file: promptfoo keeps no time per row. */
  startedAt: (file: string) => string | null;
}

export function assembleTest(test: TestRows, identity: TestIdentity, order: number, times: EvalTimes): ParsedTest {
  const verdicts = test.rows.map(classifyRow);
  const final = test.rows.at(-1)!;
  const verdict = verdicts.at(-1)!;
  const runs = test.rows.length;
  const passes = verdicts.filter((v) => v.status === 'pass').length;
  const history = runs > 1 ? ` (the last of ${runs} runs; ${passes} passed)` : '';
  return {
    testId: identity.id,
    name: identity.name,
    status: verdict.status,
    cause: verdict.cause,
    reason: `${verdict.reason}${history}`,
    evidence: exactArray(evidence(final, verdict)),
    error: verdict.error,
    cost: total(test.rows.map((r) => r.cost)),
    tokens: total(test.rows.map((r) => r.tokens)),
    score: final.score,
    bestTier: null,
    cop: null,
    durationSeconds: total(test.rows.map((r) => (r.latencyMs === null ? null : r.latencyMs / 1000))),
    exitCode: null,
    startedAt: times.startedAt(final.file),
    resultDir: null,
    tiers: [],
    attempts: exactArray(test.rows.map((row, i) => attempt(row, verdicts[i]!, i + 1, times))),
    // No workers, threads or sessions in promptfoo's output: no lanes for cascades.
    thread: null,
    session: null,
    order,
  };
}

function evidence(row: Row, verdict: Verdict): Evidence[] {
  const where = `testIdx ${row.testIdx ?? '?'}, promptIdx ${row.promptIdx ?? '?'}`;
  const text =
    row.success === true
      ? 'success: true'
      : `success: ${row.success ?? '?'}, failureReason: ${row.failureReason ?? '?'}; ${verdict.quote}`;
  return [{ file: row.file, line: row.line, text: `${where}: ${text}` }];
}

function attempt(row: Row, verdict: Verdict, position: number, times: EvalTimes): Attempt {
  return {
    source: 'row',
    file: row.file,
    line: row.line,
    session: position,
    thread: null,
    startedAt: times.startedAt(row.file),
    completedAt: null,
    durationSeconds: row.latencyMs === null ? null : row.latencyMs / 1000,
    exitCode: null,
    status: verdict.status,
    passed: verdict.status === 'pass',
    cost: row.cost,
    tokens: row.tokens,
    score: row.score,
    bestTier: null,
    error: row.error === null ? null : firstLine(row.error),
  };
}

/** The sum of what is known; null when nothing is. Rounded: 0.1 + 0.2 is not worth showing. */
function total(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return null;
  return Math.round(known.reduce((a, b) => a + b, 0) * 1e10) / 1e10;
}
