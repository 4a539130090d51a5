import { describe, expect, it } from 'vitest';

import { parseBatchSummary } from '../../../src/parse/scylla/batch-summary.js';

const legacyRow = (over: Record<string, unknown> = {}) => ({
  test_id: 'test-001',
  test_name: 'Hello World Task',
  thread_id: 1,
  status: 'pass',
  exit_code: 0,
  result_dir: '/home/someone/dryrun/2026-01-20T06-13-07-test-001',
  error: null,
  best_tier: 'T5',
  best_score: 0.9833,
  frontier_cop: 0.0653,
  total_cost: 1.0111,
  total_duration: 549.88,
  ...over,
});

describe('parseBatchSummary', () => {
  it('reads the legacy final write: config, threads, rows', () => {
    const text = JSON.stringify(
      {
        started_at: '2026-02-20T15:00:23.137756+00:00',
        completed_at: '2026-02-20T15:05:40+00:00',
        config: {
          model: 'haiku',
          judge_model: 'haiku',
          runs: 1,
          max_subtests: 1,
          thinking: 'None',
          tiers: ['T0', 'T1'],
        },
        threads: [
          { thread_id: 0, tests: ['test-001'], completed: 1, failed: 0 },
          { thread_id: 1, tests: [], completed: 0, failed: 0 },
        ],
        results: [legacyRow()],
      },
      null,
      2,
    );
    const parsed = parseBatchSummary(text);
    expect(parsed.config).toMatchObject({
      model: 'haiku',
      judgeModel: 'haiku',
      tiers: ['T0', 'T1'],
      incremental: false,
    });
    expect(parsed.threadCount).toBe(2);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]).toMatchObject({
      kind: 'legacy',
      l1: false,
      bogusMetrics: false,
      status: 'pass',
      totalCost: 1.0111,
      thread: 1,
      // The row's opening brace is the line before its first key.
      line: text.split('\n').findIndex((l) => l.includes('"test_id"')),
    });
    expect(parsed.warnings).toEqual([]);
  });

  it('recognises an incremental-only file (8-key config, empty threads)', () => {
    const text = JSON.stringify({
      started_at: 'x',
      config: { model: 'haiku', started_at: '2026-02-14T00:28:00+00:00', threads: 2, tiers: ['T0'] },
      threads: [],
      results: [legacyRow()],
    });
    const parsed = parseBatchSummary(text);
    expect(parsed.config?.incremental).toBe(true);
    expect(parsed.threadCount).toBe(2);
  });

  it('flags L1 rows: no test_name and the meaningless Infinity metrics', () => {
    const text = `{"results": [
      {"test_id": "test-001", "thread_id": 0, "status": "fail", "exit_code": 0, "result_dir": null, "error": null,
       "best_tier": null, "best_score": 0.0, "frontier_cop": Infinity, "total_cost": 0.0, "total_duration": 0.0}
    ]}`;
    const [row] = parseBatchSummary(text).rows;
    expect(row).toMatchObject({ l1: true, bogusMetrics: true, frontierCop: null, status: 'fail' });
  });

  it('reads current-format rows, and mixed files', () => {
    const text = JSON.stringify({
      results: [
        legacyRow({ test_id: 'test-002' }),
        { test_id: 'test-001', status: 'success', started_at: '2026-03-20T18:02:11.412345+00:00' },
        {
          test_id: 'test-003',
          status: 'error',
          error: 'Failed to create worktree: x',
          started_at: '2026-03-20T18:02:12+00:00',
        },
      ],
    });
    const rows = parseBatchSummary(text).rows;
    expect(rows.map((r) => [r.testId, r.kind, r.status])).toEqual([
      ['test-002', 'legacy', 'pass'],
      ['test-001', 'current', 'success'],
      ['test-003', 'current', 'error'],
    ]);
  });

  it('keeps every duplicate row, in file order (the last one wins later)', () => {
    const text = JSON.stringify({
      results: [legacyRow({ status: 'error', exit_code: -1 }), legacyRow({ status: 'fail', total_cost: 0 })],
    });
    expect(parseBatchSummary(text).rows.map((r) => r.index)).toEqual([0, 1]);
  });

  it('drops only the broken field of a row and says which, by zod path', () => {
    const text = JSON.stringify({
      results: [legacyRow({ total_cost: 'n/a', thread_id: 'one' }), legacyRow({ test_id: 'test-002' })],
    });
    const parsed = parseBatchSummary(text);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0]).toMatchObject({ testId: 'test-001', totalCost: null, thread: null });
    expect(parsed.warnings.map((w) => w.path).sort()).toEqual(['results[0].thread_id', 'results[0].total_cost']);
    expect(parsed.warnings[0]?.message).toMatch(/expected number/);
  });

  it('skips a row without a usable test_id, and a row that is not an object, with a warning each', () => {
    const text = JSON.stringify({ results: [{ status: 'pass' }, null, 42, legacyRow()] });
    const parsed = parseBatchSummary(text);
    expect(parsed.rows.map((r) => r.testId)).toEqual(['test-001']);
    expect(parsed.warnings.map((w) => w.path)).toEqual(['results[0].test_id', 'results[1]', 'results[2]']);
  });

  it('treats an unknown status as unknown, with a warning', () => {
    const parsed = parseBatchSummary(JSON.stringify({ results: [legacyRow({ status: 'weird' })] }));
    expect(parsed.rows[0]?.status).toBe('unknown');
    expect(parsed.warnings[0]?.path).toBe('results[0].status');
  });

  it('stops only when the file is unusable, naming the field', () => {
    expect(() => parseBatchSummary('{"config": {}}')).toThrow(/^batch_summary\.json: results: /);
    expect(() => parseBatchSummary('[1, 2]')).toThrow(/^batch_summary\.json: \(root\)/);
    expect(() => parseBatchSummary('{"results": [')).toThrow(/batch_summary\.json: invalid JSON/);
  });

  it('warns about an empty results list without failing', () => {
    const parsed = parseBatchSummary('{"results": []}');
    expect(parsed.rows).toEqual([]);
    expect(parsed.warnings).toEqual([
      { file: 'batch_summary.json', path: 'results', message: 'the results list is empty' },
    ]);
  });

  it('keeps null config values as missing, not as errors', () => {
    const parsed = parseBatchSummary(
      JSON.stringify({ started_at: null, config: null, threads: null, results: [legacyRow({ test_name: null })] }),
    );
    expect(parsed.config).toBeNull();
    expect(parsed.startedAt).toBeNull();
    expect(parsed.warnings).toEqual([]);
  });
});
