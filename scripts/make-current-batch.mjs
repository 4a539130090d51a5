// Writes a results folder the way the August 2026 runner (`manage_experiment.py run` over a tests folder)
// writes it: minimal batch_summary.json rows appended across two sessions, no thread logs, result folders with
// runs under completed/Tn/, checkpoint backups, leftovers of crashed writes, host-resource preflight aborts and
// folders an operator set aside as INVALID-<folder>/. Deterministic for a seed; EXPECTED.json holds the truth as
// the generator meant it (shared/docs/scylla-formats.md §2.2, §4, §10), independent of e2e-triage's code.
//
//   node scripts/make-batch.mjs --format current --out DIR [--tests 40] [--seed 1] [--expected]

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KINDS = ['pass', 'model-failure', 'zero-cost', 'judge-failure', 'crash', 'rate-limit', 'host', 'no-report'];
const HOST_TEXTS = [
  ['memory', (r) => `CRITICAL: only ${200 + Math.floor(r() * 300)}MB RAM available (threshold 512MB)`],
  ['disk', (r) => `CRITICAL: only ${(1 + r() * 3).toFixed(1)}GB disk free (threshold 5GB)`],
  [
    'memory',
    (r) =>
      `Low memory warning: only ${300 + Math.floor(r() * 200)}MB available. Consider reducing --threads or --max-concurrent-agents.`,
  ],
  [
    'disk',
    (r) => `Low disk warning: only ${(2 + r() * 2).toFixed(1)}GB free. Consider cleaning up old experiment workspaces.`,
  ],
];

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const iso = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');
const folderTs = (ms) => new Date(ms).toISOString().slice(0, 19).replace(/:/g, '-');
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

export function makeCurrentBatch({ out, tests = 40, seed = 1, expected = false }) {
  const random = rng(seed);
  mkdirSync(out, { recursive: true });
  const ids = Array.from({ length: tests }, (_, i) => `test-${String(i + 1).padStart(3, '0')}`);
  // Every kind at least once, then drawn.
  const kinds = ids.map((_, i) => (i < KINDS.length ? KINDS[i] : KINDS[Math.floor(random() * KINDS.length)]));
  const rows = [];
  const truth = new Map();
  const excluded = [];
  const hostGroups = new Map();
  const put = (path, text) => {
    mkdirSync(join(out, path, '..'), { recursive: true });
    writeFileSync(join(out, path), text);
  };

  const config = (id) => ({
    experiment_id: id,
    task_repo: 'https://github.com/acme/widgets',
    task_commit: 'abc1234',
    models: ['claude-haiku-4-5'],
    judge_models: ['claude-haiku-4-5'],
    tiers_to_run: ['T0', 'T1'],
    runs_per_subtest: 1,
    max_subtests: 1,
    thinking_mode: 'None',
  });
  const checkpoint = (id, state, extra = {}) => ({
    version: '3.1',
    experiment_id: id,
    status: state === 'complete' ? 'completed' : 'running',
    experiment_state: state,
    run_states: state === 'initializing' ? {} : { T0: { '00': { 1: 'worktree_cleaned' } } },
    rate_limit_until: null,
    pause_count: 0,
    ...extra,
  });
  const report = (id, { bestTier, score, cost, seconds, start }) => ({
    experiment_id: id,
    summary: {
      total_tiers: 2,
      best_tier: bestTier,
      best_subtest: bestTier ? '00' : null,
      frontier_cop: bestTier ? cost : null,
      total_cost: cost,
      total_duration: seconds,
      started_at: iso(start),
      completed_at: iso(start + seconds * 1000),
    },
    children: [
      {
        tier: 'T1',
        best_subtest: '01',
        best_score: Math.max(0, score - 0.1),
        cost: cost / 2,
        report: './T1/report.json',
      },
      { tier: 'T0', best_subtest: '00', best_score: score, cost: cost / 2, report: './T0/report.json' },
    ],
  });

  /** One experiment folder as the runner leaves it; returns its name. */
  const experiment = (id, start, kind) => {
    const name = `${folderTs(start)}-${id}`;
    put(`${name}/config/experiment.json`, json(config(id)));
    if (kind === 'host') {
      // The preflight check runs after the folder, its config and the first checkpoint exist.
      put(`${name}/checkpoint.json`, json(checkpoint(id, 'initializing')));
      put(`${name}/experiment.pid`, '41234\n');
      return name;
    }
    if (kind === 'crash' || kind === 'rate-limit') {
      put(`${name}/checkpoint.json`, json(checkpoint(id, 'failed')));
      put(`${name}/checkpoint.json.bak`, json(checkpoint(id, 'tiers_running')));
      return name;
    }
    const seconds = 200 + Math.round(random() * 600);
    const cost = kind === 'zero-cost' ? 0 : Math.round((0.3 + random() * 2) * 1e4) / 1e4;
    const passed = kind === 'pass';
    const score = passed ? 0.7 + random() * 0.29 : kind === 'zero-cost' ? 0 : 0.1 + random() * 0.35;
    if (kind !== 'no-report') {
      put(`${name}/report.json`, json(report(id, { bestTier: passed ? 'T0' : null, score, cost, seconds, start })));
    }
    const run = `${name}/completed/T0/00/run_01`;
    put(
      `${run}/run_result.json`,
      json({ run_number: 1, exit_code: 0, cost_usd: cost, judge_score: score, judge_passed: passed, judges: [] }),
    );
    if (kind === 'judge-failure') {
      put(
        `${run}/judge/judge_01/timing.json`,
        json({
          judge_duration_seconds: 0,
          measured_at: iso(start),
          failed: true,
          error: 'Judge response missing required score field',
        }),
      );
    }
    if (passed && random() < 0.5) put(`${run}/run_result.json.pre-rejudge`, json({ run_number: 1, judge_score: 0.2 }));
    put(`${name}/checkpoint.json.bak`, json(checkpoint(id, 'reports_generated')));
    put(`${name}/checkpoint.json`, json(checkpoint(id, kind === 'no-report' ? 'tiers_running' : 'complete')));
    if (random() < 0.3) put(`${name}/checkpoint.tmp.4123.1397.json`, '{"version": "3.1", "experiment_id": "te');
    if (random() < 0.3) put(`${name}/experiment.pid`, '41234\n');
    return name;
  };

  const kindCategory = {
    pass: ['pass', 'pass', 'passed'],
    'model-failure': ['fail', 'model-failure', 'scored-low'],
    'zero-cost': ['fail', 'framework-bug', 'zero-cost'],
    'judge-failure': ['fail', 'infrastructure', 'judge-failed'],
    crash: ['error', 'framework-bug', 'crash'],
    'rate-limit': ['error', 'infrastructure', 'rate-limit'],
    host: ['error', 'infrastructure', 'host-resource'],
    'no-report': ['unknown', 'unknown', 'no-verdict'],
  };
  const errorText = (kind, id) =>
    kind === 'crash'
      ? `Failed to create worktree for ${id}: fatal: a branch named 'T0_00_run_01' already exists`
      : "Experiment failed due to rate limit: You've hit your limit · resets 6am (America/Los_Angeles)";
  const hostError = (count) => {
    const picked = Array.from({ length: count }, () => HOST_TEXTS[Math.floor(random() * HOST_TEXTS.length)]);
    const resources = ['memory', 'disk'].filter((r) => picked.some(([kind]) => kind === r));
    return { text: picked.map(([, make]) => make(random)).join('; '), group: resources.join('+') };
  };
  const record = (id, kind, extra = {}) => {
    const [status, category, cause] = kindCategory[kind];
    truth.set(id, { testId: id, status, category, cause, maskedPass: false, ...extra });
  };

  // Session 1: every test once.
  let clock = Date.UTC(2026, 7, 10, 9, 0, 0);
  const firstFolders = new Map();
  ids.forEach((id, i) => {
    const kind = kinds[i];
    const start = clock;
    clock += 45_000 + Math.floor(random() * 30_000);
    let row = { test_id: id, status: 'success', started_at: iso(start) };
    if (kind === 'host') {
      const { text, group } = hostError(i % 3 === 0 ? 2 : 1);
      row = { test_id: id, status: 'error', error: text, started_at: iso(start) };
      hostGroups.set(group, [...(hostGroups.get(group) ?? []), id]);
    } else if (kind === 'crash' || kind === 'rate-limit') {
      row = { test_id: id, status: 'error', error: errorText(kind, id), started_at: iso(start) };
    }
    rows.push(row);
    firstFolders.set(id, experiment(id, start, kind));
    record(id, kind);
  });

  // Session 2, a day later: errors re-run (half of them pass now), and a fresh re-run of some passes that the
  // short host aborts: the earlier pass is masked by the abort.
  clock = Date.UTC(2026, 7, 11, 9, 0, 0);
  const errors = ids.filter((_, i) => kinds[i] === 'crash' || kinds[i] === 'rate-limit');
  errors.forEach((id, k) => {
    const start = clock;
    clock += 60_000;
    rows.push({ test_id: id, status: 'success', started_at: iso(start) });
    const kind = k % 2 === 0 ? 'pass' : 'model-failure';
    experiment(id, start, kind);
    record(id, kind);
  });
  const passes = ids.filter((_, i) => kinds[i] === 'pass');
  for (const id of passes.slice(0, Math.max(1, Math.floor(passes.length / 3)))) {
    const start = clock;
    clock += 2_000;
    const { text, group } = hostError(1);
    rows.push({ test_id: id, status: 'error', error: text, started_at: iso(start) });
    experiment(id, start, 'host');
    hostGroups.set(group, [...(hostGroups.get(group) ?? []), id]);
    record(id, 'host', { maskedPass: true });
  }

  // Checkpoint backups: a folder holding only the backup, and one whose checkpoint a crash cut short while
  // its backup says the run paused on a rate limit.
  const onlyBak = passes.at(-1);
  if (onlyBak && truth.get(onlyBak).status === 'pass') rmSync(join(out, firstFolders.get(onlyBak), 'checkpoint.json'));
  const unreported = ids.filter((_, i) => kinds[i] === 'no-report');
  const paused = unreported[1];
  if (paused) {
    put(`${firstFolders.get(paused)}/checkpoint.json`, '{"version": "3.1", "experiment_id": "');
    put(
      `${firstFolders.get(paused)}/checkpoint.json.bak`,
      json(checkpoint(paused, 'tiers_running', { status: 'paused_rate_limit', rate_limit_until: iso(clock) })),
    );
    record(paused, 'no-report', { category: 'infrastructure', cause: 'rate-limit' });
  }

  // Folders set aside by an operator: a hand-run pass that used the wrong rubric (the test keeps its own
  // verdict), and a test whose only folder was set aside (nothing says how it went).
  const failed = ids.filter((_, i) => kinds[i] === 'model-failure' && truth.get(ids[i]).status === 'fail');
  if (failed[0]) {
    const id = failed[0];
    const name = `${folderTs(clock)}-${id}`;
    clock += 1000;
    put(
      `INVALID-${name}/report.json`,
      json(report(id, { bestTier: 'T0', score: 0.95, cost: 1.2, seconds: 300, start: clock })),
    );
    put(`INVALID-${name}/INVALID.md`, '# Judged with the wrong rubric (fixture v1)\n\nRe-run after the fix.\n');
    excluded.push({ path: `INVALID-${name}`, testId: id, reason: 'Judged with the wrong rubric (fixture v1)' });
  }
  const alone = passes.find((id) => truth.get(id).status === 'pass' && id !== onlyBak);
  if (alone) {
    const name = firstFolders.get(alone);
    renameSync(join(out, name), join(out, `INVALID-${name}`));
    excluded.push({ path: `INVALID-${name}`, testId: alone, reason: '(no INVALID.md)' });
    record(alone, 'no-report');
  }

  writeFileSync(join(out, 'batch_summary.json'), json({ results: rows }));
  const expectedTruth = {
    tests: ids.map((id) => truth.get(id)),
    excluded: excluded.sort((a, b) => (a.path < b.path ? -1 : 1)),
    hostRootCauses: [...hostGroups.entries()]
      .map(([resources, members]) => ({ resources, tests: [...new Set(members)].sort() }))
      .sort((a, b) => (a.resources < b.resources ? -1 : 1)),
  };
  if (expected) writeFileSync(join(out, 'EXPECTED.json'), json(expectedTruth));
  return expectedTruth;
}
