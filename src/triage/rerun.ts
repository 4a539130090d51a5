// The re-run plan: the tests whose result says nothing about the model (framework bugs, infrastructure,
// unknowns; not quarantined), the ones among them that only need their judges again, and the commands that
// do it for the harness that ran the batch, or the config's own. Pure.

import type { BatchInfo, RerunPlan, TestResult } from '../model.js';
import type { TriageConfig } from '../parse/config/types.js';
import { naturalCompare } from '../util/natural-order.js';
import { shellQuote } from '../util/shell-quote.js';

const RERUN_CATEGORIES = new Set(['framework-bug', 'infrastructure', 'unknown']);

const SCYLLA_CURRENT = 'uv run python scripts/manage_experiment.py run --config tests/fixtures/tests/ --tests {tests}';

/** The runner that wrote the batch: its command for re-running some tests, and for re-judging them. */
export function defaultCommands(batch: Pick<BatchInfo, 'harness' | 'format'>): {
  command: string | null;
  rejudgeCommand: string | null;
} {
  switch (batch.harness) {
    case 'scylla':
      if (batch.format === 'legacy' || batch.format === 'legacy-l1') {
        return {
          command: 'pixi run python scripts/run_e2e_batch.py --tests {tests} --retry-errors',
          rejudgeCommand: null,
        };
      }
      return { command: SCYLLA_CURRENT, rejudgeCommand: `${SCYLLA_CURRENT} --from judge_pipeline_run` };
    case 'inspect':
      // eval-retry re-runs a log's failed samples (errors, cancellations), keeping the ones that completed.
      return { command: 'inspect eval-retry {logs}', rejudgeCommand: null };
    case 'promptfoo':
      // promptfoo re-runs the rows that ended in ERROR; it has no way to name tests on the command line.
      return { command: 'promptfoo eval --retry-errors', rejudgeCommand: null };
  }
}

export function planRerun(
  tests: readonly TestResult[],
  batch: Pick<BatchInfo, 'harness' | 'format'>,
  config: Pick<TriageConfig, 'rerun'>,
): RerunPlan {
  const rerun = tests
    .filter((t) => RERUN_CATEGORIES.has(t.category) && t.knownIssue?.mode !== 'quarantine')
    .sort((a, b) => naturalCompare(a.testId, b.testId));
  const rejudge = rerun.filter((t) => t.cause === 'judge-failed' && ((t.cost ?? 0) > 0 || (t.tokens ?? 0) > 0));
  const defaults = defaultCommands(batch);
  const costAtStake = rejudge.reduce((sum, t) => sum + (t.cost ?? 0), 0);
  return {
    tests: rerun.map((t) => t.testId),
    rejudge: rejudge.map((t) => t.testId),
    command: fill(config.rerun.command ?? defaults.command, rerun),
    rejudgeCommand: fill(config.rerun.rejudgeCommand ?? defaults.rejudgeCommand, rejudge),
    costAtStake: Math.round(costAtStake * 1e10) / 1e10,
  };
}

/** `{tests}`: the ids, `{logs}`: the result files they came from, each a shell word. Null when nothing to run. */
function fill(template: string | null, tests: readonly TestResult[]): string | null {
  if (template === null || tests.length === 0) return null;
  const ids = tests.map((t) => shellQuote(t.testId)).join(' ');
  const logs = [...new Set(tests.map((t) => t.resultDir).filter((d): d is string => d !== null))]
    .map(shellQuote)
    .join(' ');
  return template.replaceAll('{tests}', ids).replaceAll('{logs}', logs);
}
