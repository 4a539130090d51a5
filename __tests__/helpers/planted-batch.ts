// A results folder with a credential in every place one can enter: summary rows of both formats, a test name
// and a test id, thread-log errors and tracebacks, an UNEXPECTED ERROR line, judge, worker and agent files of
// result folders, and an INVALID.md. Given harmless stand-ins instead, the same folder holds none.

import { blockLines, reportJson } from './batch-builder.js';
import { fakeCredentials, type FakeCredential } from './fake-credentials.js';

export const legacyRow = (id: string, fields: Record<string, unknown>) => ({
  test_id: id,
  test_name: `Name of ${id}`,
  thread_id: 0,
  status: 'fail',
  exit_code: 0,
  result_dir: null,
  error: null,
  ...fields,
});

/** One batch with a credential in every place it can enter (or, given harmless stand-ins, none). */
export function plantedBatch(planted: readonly FakeCredential[] = fakeCredentials()): Record<string, string> {
  const [anthropic, openai, ghClassic, ghFine, ghApp, awsKey, slack, huggingFace, bearer, envKey, password, pem] =
    planted;
  const log = [
    ...blockLines({
      testId: 'test-001',
      start: '2026-02-14T00:28:00.000000+00:00',
      exit: 1,
      body: [
        `2026-02-14 00:28:05 [ERROR] __main__: Experiment failed: ${anthropic!.line}`,
        'Traceback (most recent call last):',
        '  File "/home/u/scylla/judge.py", line 40, in call',
        `anthropic.AuthenticationError: ${anthropic!.line}`,
      ],
    }),
    ...blockLines({
      testId: 'test-002',
      start: '2026-02-14T00:30:00.000000+00:00',
      exit: 1,
      body: [
        'Traceback (most recent call last):',
        '  File "/home/u/scylla/workspace.py", line 88, in clone',
        `RuntimeError: git clone failed`,
        ghApp!.line,
      ],
      unexpected: `OSError: could not push with ${ghClassic!.value}`,
    }),
  ];
  const rows = [
    legacyRow('test-001', { status: 'error', exit_code: 1, error: 'Exit code: 1' }),
    legacyRow('test-002', { status: 'error', exit_code: 1, error: 'Exit code: 1' }),
    legacyRow('test-003', { status: 'error', exit_code: 1, error: openai!.line }),
    legacyRow('test-004', {
      test_name: `Deploy with ${ghFine!.value}`,
      status: 'error',
      exit_code: 1,
      error: awsKey!.line,
    }),
    legacyRow(`test-${huggingFace!.value}`, { status: 'error', exit_code: 1, error: 'crashed' }),
    legacyRow('test-006', { status: 'fail', total_cost: 0.4, best_tier: null, best_score: 0.1 }),
    legacyRow('test-007', { status: 'fail', total_cost: 0.5, best_tier: null, best_score: 0.1 }),
    // Current-format rows in the same file (a mixed summary).
    { test_id: 'test-008', status: 'error', error: slack!.line, started_at: '2026-08-10T09:00:00+00:00' },
    {
      test_id: 'test-009',
      status: 'error',
      error: `${bearer!.line}\n${envKey!.line}`,
      started_at: '2026-08-10T09:01:00+00:00',
    },
    { test_id: 'test-010', status: 'success', started_at: '2026-08-10T09:02:00+00:00' },
  ];
  return {
    'batch_summary.json': JSON.stringify({ config: { model: 'haiku', tiers: ['T0'] }, results: rows }, null, 2),
    'thread_logs/thread_0.log': `${log.join('\n')}\n`,
    // Result-folder files: a judge that failed, an agent envelope, a crashed sub-test worker.
    '2026-02-14T00-40-00-test-006/report.json': reportJson('test-006', { bestTier: null, cost: 0.4 }),
    '2026-02-14T00-40-00-test-006/T0/00/run_01/judge/judge_01/timing.json': JSON.stringify({
      failed: true,
      error: `judge model call failed: ${password!.line}`,
    }),
    '2026-02-14T00-41-00-test-007/report.json': reportJson('test-007', { bestTier: null, cost: 0 }),
    '2026-02-14T00-41-00-test-007/T0/result.json': JSON.stringify({
      subtest_results: { '00': { selection_reason: `WorkerError: ${pem!.line}` } },
    }),
    '2026-08-10T09-02-00-test-010/checkpoint.json': '{"status": "running"}',
    '2026-08-10T09-02-00-test-010/T0/00/run_01/agent/result.json': JSON.stringify({
      stdout: JSON.stringify({ is_error: true, result: `agent call failed: ${openai!.line}` }),
    }),
    'INVALID-2026-08-10T09-03-00-test-011/INVALID.md': `# Leaked ${ghClassic!.value} in the workspace\n`,
  };
}
