import { describe, expect, it } from 'vitest';

import type { TriageResult } from '../../src/model.js';
import { parseBatch } from '../../src/parse/index.js';
import { triage } from '../../src/triage/index.js';
import { BatchBuilder } from '../helpers/batch-builder.js';

async function run(builder: BatchBuilder): Promise<TriageResult> {
  return triage(await parseBatch(builder.source()), { toolVersion: 'test' });
}

const byId = (result: TriageResult, id: string) => {
  const test = result.tests.find((t) => t.testId === id);
  if (!test) throw new Error(`no ${id}`);
  return test;
};

const VALIDATION_ERROR = [
  '2026-02-14 06:01:53 [ERROR] scylla.e2e.parallel_executor: Worker exception for T0/02: ValidationError: 1 validation error for RunResult',
  'Traceback (most recent call last):',
  '  File "/home/u/ProjectScylla/scylla/e2e/parallel_executor.py", line 212, in run',
  '    result = fut.result()',
  'pydantic_core._pydantic_core.ValidationError: 1 validation error for RunResult',
  'criteria_scores',
  '  Input should be a valid dictionary [type=dict_type, input_value=None, input_type=NoneType]',
];

const legacy = (id: string, thread: number, fields: Record<string, unknown>) => ({
  test_id: id,
  test_name: `Name of ${id}`,
  thread_id: thread,
  exit_code: 0,
  result_dir: null,
  error: null,
  ...fields,
});

describe('triage: the seed batch pattern (three sessions appended to one log)', () => {
  const builder = new BatchBuilder()
    // Session 1: real runs.
    .block(0, {
      testId: 'test-002',
      start: '2026-02-14T00:28:00.000000+00:00',
      duration: 1234.5,
      experiment: { cost: 0.9, bestTier: 'T0' },
    })
    .block(0, {
      testId: 'test-003',
      start: '2026-02-14T00:48:35.000000+00:00',
      duration: 900,
      experiment: { cost: 1.5, bestTier: null },
    })
    // Session 2: pixi missing, every test exits -1 in 0 s.
    .block(0, {
      testId: 'test-002',
      start: '2026-02-14T11:16:00.000000+00:00',
      duration: 0,
      exit: -1,
      body: ["ERROR: [Errno 2] No such file or directory: 'pixi'"],
    })
    .block(0, {
      testId: 'test-004',
      start: '2026-02-14T11:16:00.100000+00:00',
      duration: 0,
      exit: -1,
      body: ["ERROR: [Errno 2] No such file or directory: 'pixi'"],
    })
    // Session 3: resume path crashes the workers: $0, exit 0.
    .block(0, {
      testId: 'test-002',
      start: '2026-02-14T13:59:00.000000+00:00',
      duration: 12.3,
      body: VALIDATION_ERROR,
      experiment: { cost: 0, bestTier: null },
    })
    .row(
      legacy('test-002', 0, {
        status: 'pass',
        best_tier: 'T0',
        best_score: 0.94,
        frontier_cop: 0.9,
        total_cost: 0.9,
        total_duration: 1234.5,
      }),
    )
    .row(
      legacy('test-003', 0, {
        status: 'fail',
        best_tier: null,
        best_score: 0.0,
        frontier_cop: null,
        total_cost: 1.5,
        total_duration: 900,
      }),
    )
    .row(
      legacy('test-004', 0, { status: 'error', exit_code: -1, error: "[Errno 2] No such file or directory: 'pixi'" }),
    )
    .row(
      legacy('test-002', 0, {
        status: 'fail',
        best_tier: null,
        best_score: 0.0,
        frontier_cop: null,
        total_cost: 0.0,
        total_duration: 12.3,
      }),
    );

  it('the last row wins, the zero-cost fail is a framework bug, and the session-1 pass is recovered', async () => {
    const result = await run(builder);
    const t2 = byId(result, 'test-002');
    expect(t2).toMatchObject({ status: 'fail', category: 'framework-bug', maskedPass: true, cost: 0 });
    expect(t2.attempts.filter((a) => a.source === 'log').map((a) => [a.session, a.status, a.passed])).toEqual([
      [1, 'pass', true],
      [2, 'error', false],
      [3, 'fail', false],
    ]);
    expect(
      t2.evidence.some((e) => e.file === 'thread_logs/thread_0.log' && /earlier attempt passed/.test(e.text)),
    ).toBe(true);
    expect(t2.error).toMatch(/ValidationError: 1 validation error for RunResult/);
  });

  it('classifies the model failure and the missing tool', async () => {
    const result = await run(builder);
    expect(byId(result, 'test-003')).toMatchObject({
      category: 'model-failure',
      maskedPass: false,
      cost: 1.5,
      rootCause: null,
    });
    expect(byId(result, 'test-004')).toMatchObject({ status: 'error', category: 'infrastructure', exitCode: -1 });
  });

  it('computes the corrected pass rate and the session count', async () => {
    const { summary } = await run(builder);
    expect(summary).toMatchObject({
      total: 3,
      passed: 0,
      failed: 2,
      errors: 1,
      frameworkBugs: 1,
      modelFailures: 1,
      infrastructure: 1,
      maskedPasses: 1,
      correctedPassed: 1,
      sessions: 3,
      totalCost: 1.5,
    });
    expect(summary.correctedPassRate).toBeCloseTo(1 / 3, 6);
  });
});

describe('triage: a crash that cascades down each thread', () => {
  const attributeError = (thread: number, id: string, start: string) => ({
    testId: id,
    start,
    duration: 9.3,
    exit: 1,
    body: [
      `2026-02-20 07:00:27 [ERROR] __main__: Experiment failed: 'TierConfig' object has no attribute 'language'`,
      'Traceback (most recent call last):',
      `  File "/home/u/ProjectScylla/scylla/e2e/subtest_executor.py", line 440, in run_subtest`,
      "AttributeError: 'TierConfig' object has no attribute 'language'",
    ],
    thread,
  });
  const collision = (id: string, start: string, branch: string) => ({
    testId: id,
    start,
    duration: 5,
    exit: 1,
    body: [
      `2026-02-20 07:01:00 [INFO] scylla.e2e.workspace_manager: 2026-02-20T15:01:00.123Z [WORKTREE] - Creating worktree [${branch}]`,
      'Traceback (most recent call last):',
      '  File "/home/u/ProjectScylla/scylla/e2e/workspace_setup.py", line 88, in create',
      `RuntimeError: Failed to create worktree even after cleanup: Preparing worktree (new branch '${branch}')`,
      `fatal: a branch named '${branch}' already exists`,
    ],
  });
  const b = new BatchBuilder()
    .block(0, attributeError(0, 'test-002', '2026-02-20T15:00:27.000000+00:00'))
    .block(0, collision('test-017', '2026-02-20T15:01:41.000000+00:00', 'T0_00_run_01'))
    .block(0, collision('test-022', '2026-02-20T15:01:51.000000+00:00', 'T1_01_run_01'))
    .block(1, attributeError(1, 'test-007', '2026-02-20T15:00:27.500000+00:00'))
    .block(1, collision('test-021', '2026-02-20T15:00:36.000000+00:00', 'T0_00_run_01'));
  for (const [id, thread] of [
    ['test-002', 0],
    ['test-017', 0],
    ['test-022', 0],
    ['test-007', 1],
    ['test-021', 1],
  ] as const) {
    b.row(legacy(id, thread, { status: 'error', exit_code: 1, error: 'Exit code: 1' }));
  }

  it('clusters by normalised signature and marks the collisions as a cascade of the first crash', async () => {
    const result = await run(b);
    expect(result.rootCauses).toHaveLength(2);
    const [collisions, crash] = result.rootCauses;
    expect(collisions).toMatchObject({
      id: 'rc-1',
      category: 'framework-bug',
      tests: ['test-017', 'test-021', 'test-022'],
      causedBy: 'rc-2',
      threads: [0, 1],
    });
    expect(collisions!.signature).toContain('Failed to create worktree even after cleanup');
    expect(collisions!.signature).not.toContain('T0_00_run_01');
    expect(crash).toMatchObject({ id: 'rc-2', tests: ['test-002', 'test-007'], causedBy: null });
    expect(crash!.signature).toContain("'TierConfig' object has no attribute 'language'");
    expect(byId(result, 'test-021')).toMatchObject({ rootCause: 'rc-1', causedBy: 'rc-2', category: 'framework-bug' });
  });
});

describe('triage: current format, outcome read from the result folders', () => {
  const b = new BatchBuilder()
    .withTop({})
    .row({ test_id: 'test-001', status: 'success', started_at: '2026-03-20T18:02:11.412345+00:00' })
    .row({ test_id: 'test-002', status: 'success', started_at: '2026-03-20T18:02:11.5+00:00' })
    .row({
      test_id: 'test-003',
      status: 'error',
      error: "Failed to create worktree: fatal: invalid reference: 'abc123'",
      started_at: '2026-03-20T18:02:12+00:00',
    })
    .row({ test_id: 'test-004', status: 'success', started_at: '2026-03-20T18:02:13+00:00' })
    .folder('2026-03-20T18-02-11-test-001', { report: { bestTier: 'T1', cost: 0.4 } })
    .folder('2026-03-20T18-02-11-test-002', { report: { bestTier: null, cost: 2.1 } })
    .folder('2026-03-20T18-02-13-test-004', {
      checkpoint: { version: '3.1', status: 'running', experiment_state: 'tiers_running' },
    });

  it('derives pass and fail from report.json, errors from the row, unknown when there is no report', async () => {
    const result = await run(b);
    expect(result.batch.format).toBe('current');
    expect(result.tests.map((t) => [t.testId, t.status, t.category])).toEqual([
      ['test-001', 'pass', 'pass'],
      ['test-002', 'fail', 'model-failure'],
      ['test-003', 'error', 'framework-bug'],
      ['test-004', 'unknown', 'unknown'],
    ]);
    expect(byId(result, 'test-001')).toMatchObject({ cost: 0.4, cop: 0.4, bestTier: 'T1' });
    expect(result.summary).toMatchObject({ passed: 1, passCost: 0.4, meanCop: 0.4, medianCop: 0.4, unknown: 1 });
  });
});

describe('triage: legacy L1 rows', () => {
  it('ignores the Infinity metrics and reads the real outcome from the folder', async () => {
    const b = new BatchBuilder()
      .withTop({})
      .rawRow(
        '{"test_id": "test-001", "thread_id": 0, "status": "fail", "exit_code": 0, "result_dir": "/home/x/dryrun/2026-02-12T20-00-00-test-001", "error": null, "best_tier": null, "best_score": 0.0, "frontier_cop": Infinity, "total_cost": 0.0, "total_duration": 0.0}',
      )
      .rawRow(
        '{"test_id": "test-002", "thread_id": 1, "status": "fail", "exit_code": 0, "result_dir": null, "error": null, "best_tier": null, "best_score": 0.0, "frontier_cop": Infinity, "total_cost": 0.0, "total_duration": 0.0}',
      )
      .folder('2026-02-12T20-00-00-test-001', { report: { bestTier: 'T5', cost: 1.01, frontierCop: 0.065 } });
    const result = await run(b);
    expect(result.batch.format).toBe('legacy-l1');
    expect(byId(result, 'test-001')).toMatchObject({ status: 'pass', category: 'pass', cost: 1.01, cop: 0.065 });
    expect(byId(result, 'test-002')).toMatchObject({ status: 'unknown', category: 'unknown', cost: null });
  });
});

describe('triage: duplicates, stale metrics, judges and orphans', () => {
  it('an error row that carries a passing earlier folder metrics is a masked pass', async () => {
    const b = new BatchBuilder().row(
      legacy('test-005', 0, {
        status: 'error',
        exit_code: -1,
        error: "[Errno 2] No such file or directory: 'pixi'",
        best_tier: 'T0',
        best_score: 0.9,
        frontier_cop: 0.5,
        total_cost: 0.5,
        total_duration: 300,
      }),
    );
    const t = byId(await run(b), 'test-005');
    expect(t).toMatchObject({ status: 'error', category: 'infrastructure', maskedPass: true });
  });

  it('an earlier pass row overwritten by a $0 re-run is a masked pass; an error row followed by a pass is a pass', async () => {
    const b = new BatchBuilder()
      .row(
        legacy('test-006', 0, {
          status: 'pass',
          best_tier: 'T0',
          best_score: 0.8,
          frontier_cop: 0.3,
          total_cost: 0.3,
          total_duration: 50,
        }),
      )
      .row(legacy('test-007', 1, { status: 'error', exit_code: 1, error: 'Exit code: 1' }))
      .row(
        legacy('test-006', 0, {
          status: 'fail',
          best_tier: null,
          best_score: 0,
          frontier_cop: null,
          total_cost: 0,
          total_duration: 9,
        }),
      )
      .row(
        legacy('test-007', 1, {
          status: 'pass',
          best_tier: 'T0',
          best_score: 0.8,
          frontier_cop: 0.2,
          total_cost: 0.2,
          total_duration: 50,
        }),
      );
    const result = await run(b);
    expect(byId(result, 'test-006')).toMatchObject({ status: 'fail', category: 'framework-bug', maskedPass: true });
    expect(byId(result, 'test-007')).toMatchObject({ status: 'pass', category: 'pass', maskedPass: false });
    expect(byId(result, 'test-006').attempts.filter((a) => a.source === 'row')).toHaveLength(2);
  });

  it('a costly fail whose judges failed is infrastructure, not a model failure (null criteria_scores is fine)', async () => {
    const b = new BatchBuilder()
      .row(
        legacy('test-008', 0, {
          status: 'fail',
          result_dir: '/elsewhere/2026-02-20T16-00-00-test-008',
          best_tier: null,
          best_score: 0,
          frontier_cop: null,
          total_cost: 0.7,
          total_duration: 400,
        }),
      )
      .folder('2026-02-20T16-00-00-test-008', {
        report: { bestTier: null, cost: 0.7 },
        extra: {
          'T0/00/run_01/run_result.json': JSON.stringify({
            criteria_scores: null,
            judges: [{ is_valid: false, reasoning: 'Judge failed: x' }],
          }),
          'T0/00/run_01/judge/judge_01/timing.json': JSON.stringify({
            judge_duration_seconds: 0,
            failed: true,
            error: "Judge response missing required 'score' field.",
          }),
        },
      });
    const t = byId(await run(b), 'test-008');
    expect(t).toMatchObject({ category: 'infrastructure', resultDir: '2026-02-20T16-00-00-test-008' });
    expect(t.evidence.some((e) => e.file.endsWith('judge_01/timing.json'))).toBe(true);
  });

  it('keeps a test that has a result folder but no row, with a warning, and survives a broken report.json', async () => {
    const b = new BatchBuilder()
      .row(legacy('test-009', 0, { status: 'unknown' }))
      .folder('2026-02-20T16-00-00-test-009', { extra: { 'report.json': '{"summary": {"total_cost": 0.5,' } })
      .folder('2026-02-20T16-10-00-test-010', { report: { bestTier: 'T0', cost: 0.4 } });
    const result = await run(b);
    expect(result.tests.map((t) => t.testId)).toEqual(['test-009', 'test-010']);
    expect(byId(result, 'test-010')).toMatchObject({ status: 'unknown', category: 'unknown', maskedPass: true });
    expect(result.warnings.map((w) => `${w.file}: ${w.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2026-02-20T16-00-00-test-009\/report\.json: invalid JSON/),
        expect.stringMatching(/test-010 has no row in batch_summary\.json/),
      ]),
    );
  });
});
