// A deterministic TriageResult of any size, for the large-batch layout and the summary limits: no parsing, no
// randomness, and a summary whose numbers agree with its tests.

import { planRerun } from '../../../src/triage/rerun.js';
import type { Category, Cause, RootCause, TestResult, TestStatus, TriageResult } from '../../../src/model.js';
import { wilson } from '../../../src/triage/statistics.js';

const NAMES = ['Fix', 'Add', 'Refactor', 'Implement', 'Update', 'Document'];
const TOPICS = ['Docker Build', 'Gradient Tracking', 'Config Loader', 'Cache Layer', 'CI Matrix'];

/** Every tenth test: 0-5 pass, 6 model failure, 7 framework bug, 8 infrastructure, 9 cascade of the bug. */
function kind(i: number): { status: TestStatus; category: Category; cause: Cause; rootCause: string | null } {
  switch (i % 10) {
    case 6:
      return { status: 'fail', category: 'model-failure', cause: 'scored-low', rootCause: null };
    case 7:
      return { status: 'error', category: 'framework-bug', cause: 'crash', rootCause: 'rc-1' };
    case 8:
      return { status: 'error', category: 'infrastructure', cause: 'missing-tool', rootCause: 'rc-2' };
    case 9:
      return { status: 'error', category: 'framework-bug', cause: 'crash', rootCause: 'rc-3' };
    default:
      return { status: 'pass', category: 'pass', cause: 'passed', rootCause: null };
  }
}

const REASONS: Record<string, string> = {
  'scored-low': 'tokens were spent and the score stayed at or under the threshold',
  crash: 'the harness exited with an error',
  'missing-tool': 'a required tool is missing',
  passed: 'the final status is pass',
};

const ERRORS: Record<string, string> = {
  'rc-1': "KeyError: 'tier_config'",
  'rc-2': "ERROR: [Errno 2] No such file or directory: 'pixi'",
  'rc-3': "RuntimeError: Failed to create worktree: branch 'T0_00' already exists",
};

export function syntheticResult(count: number): TriageResult {
  const tiers = ['T0', 'T1', 'T2'];
  const tests: TestResult[] = [];
  for (let i = 1; i <= count; i++) {
    const k = kind(i);
    const id = `test-${String(i).padStart(String(count).length, '0')}`;
    const thread = i % 4;
    const pass = k.status === 'pass';
    const ranModel = pass || k.category === 'model-failure';
    const cost = ranModel ? Number((0.05 + ((i * 37) % 200) / 100).toFixed(4)) : null;
    // Every 20th framework bug passed in an earlier attempt: a masked pass.
    const masked = k.rootCause === 'rc-1' && i % 200 === 17;
    const error = k.rootCause ? ERRORS[k.rootCause]! : null;
    tests.push({
      testId: id,
      name: `${NAMES[i % NAMES.length]} ${TOPICS[i % TOPICS.length]}`,
      thread,
      status: k.status,
      category: k.category,
      cause: k.cause,
      reason: REASONS[k.cause]!,
      maskedPass: masked,
      knownIssue: null,
      rootCause: k.rootCause,
      causedBy: k.rootCause === 'rc-3' ? 'rc-1' : null,
      cost,
      score: ranModel ? (pass ? 0.8 : 0.2) : null,
      bestTier: pass ? tiers[i % 3]! : null,
      cop: pass ? cost : null,
      durationSeconds: ranModel ? 60 + (i % 120) : 2,
      exitCode: pass || k.category === 'model-failure' ? 0 : 1,
      error,
      resultDir: `2026-03-01T08-00-00-${id}`,
      startedAt: '2026-03-01T08:00:00Z',
      tiers: [],
      attempts: masked
        ? [
            {
              source: 'log',
              file: `thread_logs/thread_${thread}.log`,
              line: i * 3,
              session: 1,
              thread,
              startedAt: '2026-03-01T08:00:00Z',
              completedAt: null,
              durationSeconds: 90,
              exitCode: 0,
              status: 'pass',
              passed: true,
              cost: 0.5,
              score: 0.9,
              bestTier: 'T0',
              error: null,
            },
          ]
        : [],
      evidence: error ? [{ file: `thread_logs/thread_${thread}.log`, line: i * 3 + 1, text: error }] : [],
    });
  }
  const rootCauses: RootCause[] = (['rc-1', 'rc-2', 'rc-3'] as const).map((id) => ({
    id,
    category: id === 'rc-2' ? 'infrastructure' : 'framework-bug',
    signature: ERRORS[id]!.replace(/'[^']*'/g, '<q>').replace(/\d+/g, '<n>'),
    example: ERRORS[id]!,
    tests: tests.filter((t) => t.rootCause === id).map((t) => t.testId),
    causedBy: id === 'rc-3' ? 'rc-1' : null,
    threads: [0, 1, 2, 3],
  }));
  const passes = tests.filter((t) => t.status === 'pass');
  const cops = passes.map((t) => t.cop ?? 0).sort((a, b) => a - b);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const durations = tests.map((t) => t.durationSeconds ?? 0).sort((a, b) => a - b);
  const median = (xs: number[]) =>
    xs.length === 0
      ? null
      : xs.length % 2
        ? xs[(xs.length - 1) / 2]!
        : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2;
  const of = (c: Category) => tests.filter((t) => t.category === c).length;
  const maskedCount = tests.filter((t) => t.maskedPass).length;
  const round = (x: number) => Number(x.toFixed(4));
  return {
    schemaVersion: 1,
    tool: { name: 'e2e-triage', version: '0.1.0' },
    batch: {
      harness: 'scylla',
      model: 'sonnet-4.5',
      judgeModel: 'haiku',
      tiers,
      startedAt: '2026-03-01T08:00:00Z',
      completedAt: '2026-03-02T02:00:00Z',
      format: 'current',
      runs: 1,
      maxSubtests: 1,
      thinking: null,
      threads: 4,
      source: `synthetic-${count}`,
    },
    summary: {
      total: count,
      passed: passes.length,
      failed: tests.filter((t) => t.status === 'fail').length,
      errors: tests.filter((t) => t.status === 'error').length,
      unknownStatus: 0,
      passRate: passes.length / count,
      totalCost: round(sum(tests.map((t) => t.cost ?? 0))),
      passCost: round(sum(cops)),
      meanCop: cops.length ? round(sum(cops) / cops.length) : null,
      medianCop: median(cops),
      frameworkBugs: of('framework-bug'),
      modelFailures: of('model-failure'),
      infrastructure: of('infrastructure'),
      unknown: of('unknown'),
      maskedPasses: maskedCount,
      correctedPassed: passes.length + maskedCount,
      correctedPassRate: (passes.length + maskedCount) / count,
      modelPassed: passes.length + maskedCount,
      modelFailed: of('model-failure'),
      modelPassRate: (passes.length + maskedCount) / (passes.length + maskedCount + of('model-failure')),
      modelPassRateCi95: wilson(passes.length + maskedCount, passes.length + maskedCount + of('model-failure')),
      totalDurationSeconds: sum(durations),
      meanDurationSeconds: sum(durations) / count,
      medianDurationSeconds: median(durations),
      sessions: 1,
      knownIssues: 0,
      quarantined: 0,
      appearsFixed: 0,
    },
    tests,
    rootCauses,
    tierMetrics: tiers.map((tier, t) => {
      const inTier = tests.filter((x) => x.bestTier === tier);
      return {
        tier,
        tests: Math.ceil(count / 3),
        passed: inTier.length,
        meanScore: 0.5 + t * 0.1,
        totalCost: round(sum(inTier.map((x) => x.cost ?? 0))),
      };
    }),
    excluded: [],
    redacted: [],
    knownIssues: [],
    rerun: planRerun(
      tests,
      { harness: 'scylla', format: 'current' },
      { rerun: { command: null, rejudgeCommand: null } },
    ),
    warnings: [],
  };
}
