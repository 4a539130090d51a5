// What the runner writes since May–August 2026 (shared/docs/scylla-formats.md §10): host-resource preflight
// aborts, checkpoint backups and leftovers of crashed writes, and folders an operator set aside as INVALID.

import { describe, expect, it } from 'vitest';

import type { TestResult, TriageResult } from '../../../src/model.js';
import { parseBatch } from '../../../src/parse/index.js';
import { renderAnalysis } from '../../../src/render/index.js';
import { triage } from '../../../src/triage/index.js';
import { BatchBuilder, reportJson } from '../../helpers/batch-builder.js';
import { MemorySource } from '../../helpers/memory-source.js';

const analyse = async (files: Record<string, string>): Promise<TriageResult> =>
  triage(await parseBatch(new MemorySource(files, 'august')), { toolVersion: 'test' });

const byId = (r: TriageResult, id: string): TestResult => {
  const test = r.tests.find((t) => t.testId === id);
  if (!test) throw new Error(`no ${id}`);
  return test;
};

const current = (rows: Record<string, unknown>[]) => JSON.stringify({ results: rows });
const ok = (id: string, at = '2026-08-10T09:00:00+00:00') => ({ test_id: id, status: 'success', started_at: at });
const failed = (id: string, error: string, at = '2026-08-10T09:00:00+00:00') => ({
  test_id: id,
  status: 'error',
  error,
  started_at: at,
});
const checkpoint = (state: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ version: '3.1', experiment_id: 'x', status: 'running', experiment_state: state, ...extra });

const MEMORY = 'CRITICAL: only 300MB RAM available (threshold 512MB)';
const DISK = 'CRITICAL: only 2.1GB disk free (threshold 5GB)';
const LOW_MEMORY = 'Low memory warning: only 450MB available. Consider reducing --threads or --max-concurrent-agents.';
const LOW_DISK = 'Low disk warning: only 3.4GB free. Consider cleaning up old experiment workspaces.';

/** The folder a preflight abort leaves: config, a checkpoint still initializing, the pid file. */
const abortedFolder = (name: string) => ({
  [`${name}/config/experiment.json`]: JSON.stringify({ experiment_id: name.slice(20), models: ['claude-haiku-4-5'] }),
  [`${name}/checkpoint.json`]: checkpoint('initializing'),
  [`${name}/experiment.pid`]: '41234\n',
});

describe('host-resource preflight aborts', () => {
  const rows = [
    failed('test-001', MEMORY),
    failed('test-002', MEMORY.replace('300', '120')),
    failed('test-003', LOW_MEMORY),
    failed('test-004', DISK),
    failed('test-005', LOW_DISK.replace('3.4', '0.9')),
    failed('test-006', `${MEMORY}; ${DISK}`),
    failed('test-007', `${LOW_DISK}; ${LOW_MEMORY}`),
    failed('test-008', 'KeyError: tier_config'),
  ];
  const files = {
    'batch_summary.json': current(rows),
    ...abortedFolder('2026-08-10T09-00-00-test-001'),
    ...abortedFolder('2026-08-10T09-00-01-test-004'),
  };

  it('are infrastructure (the host), never framework bugs, in every form of the current summary', async () => {
    const result = await analyse(files);
    for (const id of ['test-001', 'test-002', 'test-003', 'test-004', 'test-005', 'test-006', 'test-007']) {
      const test = byId(result, id);
      expect(test.category, id).toBe('infrastructure');
      expect(test.cause, id).toBe('host-resource');
      expect(test.status).toBe('error');
      // The real text is kept as the error, whatever it was joined with.
      expect(test.error).toBe(rows.find((r) => r.test_id === id)!.error);
    }
    expect(byId(result, 'test-001').reason).toMatch(/host was short of memory$/);
    expect(byId(result, 'test-006').reason).toMatch(/host was short of memory and disk$/);
    expect(byId(result, 'test-008').category).toBe('framework-bug');
    expect(result.summary.infrastructure).toBe(7);
    expect(result.summary.frameworkBugs).toBe(1);
    // Quoted from the checkpoint left behind.
    expect(byId(result, 'test-001').evidence.map((e) => e.text)).toContain(
      'status running, experiment_state initializing',
    );
  });

  it('make one root cause per resource whatever the numbers or the wording', async () => {
    const result = await analyse(files);
    const groups = result.rootCauses
      .filter((rc) => rc.signature.startsWith('host short of'))
      .map((rc) => [rc.signature.replace(/ \(.*/, ''), rc.tests]);
    expect(groups).toEqual([
      ['host short of memory', ['test-001', 'test-002', 'test-003']],
      ['host short of disk', ['test-004', 'test-005']],
      ['host short of memory and disk', ['test-006', 'test-007']],
    ]);
    expect(result.rootCauses.every((rc) => rc.causedBy === null)).toBe(true);
  });

  it('are infrastructure in the legacy format too, from the log line and the row', async () => {
    const builder = new BatchBuilder()
      .block(0, {
        testId: 'test-001',
        start: '2026-05-06T10:00:00.000000+00:00',
        exit: 1,
        body: [`2026-05-06 03:00:00 [ERROR] __main__: Experiment failed: ${DISK}`],
      })
      .row({ test_id: 'test-001', test_name: 'A', thread_id: 0, status: 'error', exit_code: 1, error: 'Exit code: 1' })
      .row({ test_id: 'test-002', test_name: 'B', thread_id: 0, status: 'error', exit_code: 1, error: LOW_MEMORY });
    const result = triage(await parseBatch(builder.source()), { toolVersion: 'test' });
    expect(byId(result, 'test-001')).toMatchObject({ category: 'infrastructure', cause: 'host-resource' });
    expect(byId(result, 'test-002')).toMatchObject({ category: 'infrastructure', cause: 'host-resource' });
    expect(byId(result, 'test-001').evidence.map((e) => e.text)).toContainEqual(expect.stringContaining(DISK));
  });

  it('tell the team on the failure page what to do: free memory or disk, fewer threads', async () => {
    const files2 = renderAnalysis(await analyse(files), { issueMode: 'per-test' });
    const page = files2.find((f) => f.path === 'failures/test-001.md')!.content;
    expect(page).toContain('| Category | Infrastructure |');
    expect(page).toMatch(/Free memory or disk .* fewer tests at once \(`--threads`, `--max-concurrent-agents`\)/);
    expect(page).not.toMatch(/Fix the harness bug/);
  });
});

describe('checkpoint backups and leftovers', () => {
  const folder = '2026-08-10T09-00-00-test-001';
  const paused = checkpoint('tiers_running', { status: 'paused_rate_limit' });
  const base = (extra: Record<string, string>) => ({ 'batch_summary.json': current([ok('test-001')]), ...extra });

  it('reads checkpoint.json.bak, one save stale, when checkpoint.json is missing (no warning)', async () => {
    const result = await analyse(base({ [`${folder}/checkpoint.json.bak`]: paused }));
    const test = byId(result, 'test-001');
    expect(test).toMatchObject({ category: 'infrastructure', cause: 'rate-limit' });
    expect(test.evidence.map((e) => `${e.file}: ${e.text}`)).toContain(
      `${folder}/checkpoint.json.bak: status paused_rate_limit, experiment_state tiers_running, rate limited, one save older than checkpoint.json, which is missing or unreadable`,
    );
    expect(result.warnings).toEqual([]);
  });

  it('reads the backup when checkpoint.json is cut short, and says so once', async () => {
    const result = await analyse(
      base({ [`${folder}/checkpoint.json`]: '{"version": "3.1", "experi', [`${folder}/checkpoint.json.bak`]: paused }),
    );
    expect(byId(result, 'test-001').cause).toBe('rate-limit');
    expect(result.warnings.map((w) => `${w.file}: ${w.message}`)).toEqual([
      `${folder}/checkpoint.json: invalid JSON at the end of the file (truncated?); read checkpoint.json.bak instead (one save older)`,
    ]);
  });

  it('never counts the backup as a second checkpoint: a good checkpoint.json wins', async () => {
    const result = await analyse(
      base({ [`${folder}/checkpoint.json`]: checkpoint('tiers_running'), [`${folder}/checkpoint.json.bak`]: paused }),
    );
    expect(byId(result, 'test-001').cause).toBe('no-verdict');
    expect(byId(result, 'test-001').evidence.some((e) => e.file.endsWith('.bak'))).toBe(false);
  });

  it('warns about both when both are broken, and goes on', async () => {
    const result = await analyse(
      base({ [`${folder}/checkpoint.json`]: '[', [`${folder}/checkpoint.json.bak`]: '"not an object"' }),
    );
    expect(byId(result, 'test-001').cause).toBe('no-verdict');
    expect(result.warnings.map((w) => w.file)).toEqual([`${folder}/checkpoint.json`, `${folder}/checkpoint.json.bak`]);
  });

  it('ignores crashed atomic writes, pid files and re-judge backups without a word', async () => {
    const result = await analyse({
      'batch_summary.json': current([ok('test-001')]),
      [`${folder}/report.json`]: reportJson('test-001', { bestTier: 'T0', cost: 0.5 }),
      [`${folder}/checkpoint.json`]: checkpoint('complete'),
      [`${folder}/checkpoint.tmp.4123.1397.json`]: '{"version": "3.1", "exp',
      [`${folder}/experiment.pid`]: '41234\n',
      [`${folder}/completed/T0/00/run_01/run_result.json.pre-rejudge`]: '{"judge_score": 0.1',
    });
    expect(byId(result, 'test-001').category).toBe('pass');
    expect(result.warnings).toEqual([]);
    expect(byId(result, 'test-001').attempts).toHaveLength(2);
  });
});

describe('folders set aside as INVALID-<folder>/', () => {
  const good = '2026-08-10T09-00-00-test-001';
  const invalid = 'INVALID-2026-08-11T10-00-00-test-001';
  const files = (rows: string) => ({
    'batch_summary.json': rows,
    [`${good}/report.json`]: reportJson('test-001', { bestTier: null, cost: 0.8 }),
    [`${invalid}/report.json`]: reportJson('test-001', { bestTier: 'T0', cost: 1.2 }),
    [`${invalid}/INVALID.md`]: '# Judged with the wrong rubric (fixture v1)\n\nKeep for audit.\n',
    'INVALID-2026-08-11T10-00-00-test-002/report.json': reportJson('test-002', { bestTier: 'T0', cost: 0.4 }),
  });
  const legacyRows = JSON.stringify({
    results: [
      {
        test_id: 'test-001',
        test_name: 'A',
        thread_id: 0,
        status: 'fail',
        exit_code: 0,
        error: null,
        result_dir: `/x/${good}`,
      },
      {
        test_id: 'test-002',
        test_name: 'B',
        thread_id: 0,
        status: 'unknown',
        exit_code: 0,
        error: null,
        result_dir: null,
      },
    ],
  });

  for (const [format, rows] of [
    ['current', current([ok('test-001'), ok('test-002')])],
    ['legacy', legacyRows],
  ] as const) {
    it(`are never an attempt, a masked pass or the newest folder (${format} summary)`, async () => {
      const result = await analyse(files(rows));
      const one = byId(result, 'test-001');
      expect(one).toMatchObject({ status: 'fail', category: 'model-failure', maskedPass: false, resultDir: good });
      expect(one.attempts.map((a) => a.file)).not.toContain(`${invalid}/report.json`);
      expect(one.attempts.some((a) => a.file.startsWith('INVALID-'))).toBe(false);
      const two = byId(result, 'test-002');
      expect(two).toMatchObject({ status: 'unknown', category: 'unknown', cause: 'no-verdict', maskedPass: false });
      expect(result.summary.maskedPasses).toBe(0);
    });

    it(`are listed with the first line of their INVALID.md (${format} summary)`, async () => {
      const result = await analyse(files(rows));
      expect(result.excluded).toEqual([
        { path: invalid, testId: 'test-001', reason: 'Judged with the wrong rubric (fixture v1)' },
        { path: 'INVALID-2026-08-11T10-00-00-test-002', testId: 'test-002', reason: '(no INVALID.md)' },
      ]);
      expect(result.warnings).toEqual([]);
    });
  }

  it('name the set-aside folder when it was the only one, and show in README.md and analysis.md', async () => {
    const result = await analyse(files(current([ok('test-001'), ok('test-002')])));
    const two = byId(result, 'test-002');
    expect(two.reason).toBe(
      'its result folder was set aside as INVALID-2026-08-11T10-00-00-test-002, so nothing says how it went',
    );
    const pages = renderAnalysis(result, { issueMode: 'per-test' });
    for (const path of ['README.md', 'analysis.md']) {
      const text = pages.find((f) => f.path === path)!.content;
      expect(text, path).toContain('## Results set aside');
      expect(text, path).toContain(`| \`${invalid}\` | test-001 | Judged with the wrong rubric \\(fixture v1\\) |`);
    }
  });
});

describe('the names of the harness', () => {
  it('are needed nowhere: a batch that never says "Scylla" is read the same', async () => {
    const builder = new BatchBuilder()
      .block(0, {
        testId: 'test-001',
        start: '2026-02-14T00:28:00.000000+00:00',
        body: ['2026-02-14 00:30:00 [ERROR] scylla.e2e.runner: ProjectScylla worker exception in Scylla'],
        experiment: { cost: 0, bestTier: null },
      })
      .row({
        test_id: 'test-001',
        test_name: 'A',
        thread_id: 0,
        status: 'fail',
        exit_code: 0,
        total_cost: 0,
        best_score: 0,
        best_tier: null,
      })
      .folder('2026-02-14T00-28-00-test-001', {
        report: { bestTier: null, cost: 0 },
        extra: { 'report.md': '# E2E Experiment Report\n\nGenerated by ProjectScylla\n' },
      });
    const files = builder.build();
    const scrubbed = Object.fromEntries(
      Object.entries(files).map(([path, text]) => [path, text.replace(/(Project)?Scylla/gi, 'Harness')]),
    );
    const strip = (r: TriageResult) => JSON.stringify(r).replace(/(Project)?Scylla|Harness/gi, 'X');
    expect(strip(await analyse(scrubbed))).toBe(strip(await analyse(files)));
    expect(byId(await analyse(scrubbed), 'test-001').category).toBe('framework-bug');
  });
});

describe('a current row after a legacy session of the same test (a mixed summary)', () => {
  it('is judged on its own row, never on the legacy session block beside it', async () => {
    // The legacy runner failed to launch the test (pixi missing); the current runner, which writes no thread
    // logs, ran it again weeks later and crashed with another error.
    const batch = new BatchBuilder()
      .row({
        test_id: 'test-001',
        test_name: 'One',
        thread_id: 0,
        status: 'error',
        exit_code: -1,
        result_dir: null,
        error: "[Errno 2] No such file or directory: 'pixi'",
      })
      .block(0, {
        testId: 'test-001',
        start: '2026-02-20T10:00:00.000000+00:00',
        duration: 0,
        exit: -1,
        body: ["ERROR: [Errno 2] No such file or directory: 'pixi'"],
      })
      .row({
        test_id: 'test-001',
        status: 'error',
        started_at: '2026-03-10T09:00:00.000000+00:00',
        error: 'RuntimeError: Failed to create worktree: branch exists',
      });
    const result = triage(await parseBatch(batch.source()), { toolVersion: 'test' });
    expect(result.batch.format).toBe('mixed');
    const test = result.tests[0]!;
    expect(test.error).toBe('RuntimeError: Failed to create worktree: branch exists');
    expect(test.category).toBe('framework-bug');
    expect(test.startedAt).toBe('2026-03-10T09:00:00.000000+00:00');
    expect(test.exitCode).not.toBe(-1);
    expect(result.rootCauses.map((rc) => rc.signature)).toEqual([
      'RuntimeError: Failed to create worktree: branch exists',
    ]);
    // The legacy session is still an attempt of the test.
    expect(test.attempts.map((a) => a.source)).toContain('log');
  });
});
