#!/usr/bin/env node
// Writes a realistic batch results folder in the legacy runner's formats: batch_summary.json written
// incrementally (duplicate rows), thread logs with three sessions appended, result folders. Deterministic
// for a given seed. Used for examples/ and by the benchmark.
//
//   node scripts/make-batch.mjs --out DIR [--tests 47] [--threads 2] [--seed 1] [--log-mb 0] [--expected]
//                                [--no-result-folders]
//   node scripts/make-batch.mjs --format current --out DIR [--tests 40] [--seed 1] [--expected]
//
// --format current writes the August 2026 runner's shape instead (scripts/make-current-batch.mjs).
//
// Sessions: 1 runs everything for real (passes, model failures, judge failures, crashed workers, a rate
// limit); 2 re-runs the errors with pixi missing (exit -1 in 0.0s); 3 resumes some tests and crashes:
// pydantic ValidationError at $0 (overwriting passes: masked passes), and on thread 0 a first crash followed
// by git worktree collisions (a cascade); its last block on thread 1 is killed mid-test.

import { mkdirSync, openSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { makeCurrentBatch } from './make-current-batch.mjs';

const SEP = '='.repeat(70);
const SEP60 = '='.repeat(60);
const VERBS = ['Fix', 'Add', 'Remove', 'Refactor', 'Implement', 'Update', 'Document', 'Migrate', 'Optimize', 'Enable'];
const NOUNS = [
  'Docker Build',
  'Type Annotations',
  'Dataset Loader',
  'CI Workflow',
  'Gradient Tracking',
  'Slot Manager',
  'Stride Lists',
  'Test Suite',
  'Log Rotation',
  'Justfile',
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
const localTs = (ms) => new Date(ms - 8 * 3600e3).toISOString().slice(0, 19).replace('T', ' ');
const money = (v) => v.toFixed(4);

export function makeBatch({
  out,
  tests = 47,
  threads = 2,
  seed = 1,
  logMb = 0,
  expected = false,
  // When the batch says it started (batch_summary.json): a history orders its batches by it.
  startedAt = Date.UTC(2026, 1, 14, 0, 28, 0),
  // False: the summary and the logs only, as a batch whose result folders were not uploaded (issue 15's).
  resultFolders = true,
}) {
  const random = rng(seed);
  const folderFile = (path, text) => {
    if (!resultFolders) return;
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  };
  mkdirSync(join(out, 'thread_logs'), { recursive: true });
  const ids = Array.from({ length: tests }, (_, i) => `test-${String(i + 1).padStart(3, '0')}`);
  const names = ids.map((_, i) => `${VERBS[i % VERBS.length]} ${NOUNS[Math.floor(i / VERBS.length) % NOUNS.length]}`);
  const kinds = ids.map(() => {
    const r = random();
    return r < 0.56
      ? 'pass'
      : r < 0.8
        ? 'model-failure'
        : r < 0.85
          ? 'judge-failure'
          : r < 0.91
            ? 'worker-crash'
            : r < 0.96
              ? 'rate-limit'
              : 'no-report';
  });
  // Every pattern appears at least once, whatever the seed draws.
  const forced = { 7: 'rate-limit', 12: 'rate-limit', 17: 'worker-crash', 9: 'judge-failure', 20: 'no-report' };
  for (const [index, kind] of Object.entries(forced)) if (Number(index) < tests) kinds[Number(index)] = kind;
  const logs = Array.from({ length: threads }, (_, t) => openSync(join(out, 'thread_logs', `thread_${t}.log`), 'w'));
  const rows = [];
  const truth = new Map(ids.map((id, i) => [id, { testId: id, kind: kinds[i], maskedPass: false }]));
  const folders = new Map();
  const padPerBlock = logMb > 0 ? Math.floor((logMb * 1024 * 1024) / tests) : 0;

  const write = (t, lines) => writeSync(logs[t], `${lines.join('\n')}\n`);
  const block = (
    t,
    id,
    startMs,
    seconds,
    exit,
    body,
    { killed = false, unexpected = null, flags = '--runs 1' } = {},
  ) => {
    write(t, [
      '',
      SEP,
      `[${iso(startMs)}] Starting ${id}`,
      `Command: /home/eval/.pixi/bin/pixi run python scripts/run_e2e_experiment.py --tiers-dir /home/eval/scylla/tests/fixtures/tests/${id} --tiers T0 T1 T2 ${flags} --model haiku --judge-model haiku --results-dir /home/eval/dryrun`,
      SEP,
      '',
    ]);
    body(t);
    if (killed) return;
    write(t, [
      '',
      SEP,
      `[${iso(startMs + seconds * 1000)}] Completed ${id} in ${seconds.toFixed(1)}s (exit code: ${exit})`,
      SEP,
      '',
    ]);
    if (unexpected) write(t, ['', `UNEXPECTED ERROR: ${unexpected}`]);
  };
  const row = (id, thread, status, exit, error, metrics, resultDir) => {
    rows.push({
      test_id: id,
      test_name: names[ids.indexOf(id)],
      thread_id: thread,
      status,
      exit_code: exit,
      result_dir: resultDir,
      error,
      ...metrics,
    });
  };
  const padding = (t, startMs) => {
    if (padPerBlock === 0) return;
    const line = `${localTs(startMs)} [INFO] scylla.e2e.subtest_executor: ${iso(startMs).slice(0, 23)}Z [AGENT] - Running agent with model[claude-haiku-4-5] turn output chunk `;
    const count = Math.max(1, Math.floor(padPerBlock / (line.length + 12)));
    const chunk = [];
    for (let k = 0; k < count; k++) chunk.push(`${line}${String(k).padStart(10, '0')}`);
    write(t, chunk);
  };

  // Session 1: every test, round robin over the threads, back to back.
  const clock = Array.from({ length: threads }, (_, t) => Date.UTC(2026, 1, 14, 0, 28, 0) + t * 350);
  ids.forEach((id, i) => {
    const t = i % threads;
    const kind = kinds[i];
    const start = clock[t];
    const seconds = kind === 'rate-limit' ? 95.2 : 120 + Math.round(random() * 900) / 10;
    const cost = kind === 'worker-crash' || kind === 'no-report' ? 0 : Math.round((0.2 + random() * 1.8) * 1e4) / 1e4;
    const folder = `${folderTs(start)}-${id}`;
    const exit = kind === 'rate-limit' ? 1 : 0;
    const passed = kind === 'pass';
    block(
      t,
      id,
      start,
      seconds,
      exit,
      (th) => {
        write(th, [
          `${localTs(start)} [INFO] __main__: Starting experiment: ${id}`,
          `${localTs(start)} [INFO] scylla.e2e.runner: 💾 Created checkpoint: /home/eval/dryrun/${folder}/checkpoint.json`,
        ]);
        padding(th, start);
        if (kind === 'worker-crash') {
          write(th, [
            `${localTs(start + 9000)} [ERROR] scylla.e2e.parallel_executor: Worker exception for T1/01: KeyError: 'tier_config'`,
            'Traceback (most recent call last):',
            '  File "/home/eval/scylla/scylla/e2e/parallel_executor.py", line 201, in _run',
            '    cfg = configs[key]',
            "KeyError: 'tier_config'",
          ]);
        }
        if (kind === 'judge-failure') {
          write(th, [
            `${localTs(start + 60000)} [ERROR] scylla.e2e.judge_runner: Judge 1 failed with model claude-haiku-4-5: Judge response missing required 'score' field. Keys found: ['type', 'subtype', 'is_error', 'result']`,
          ]);
        }
        if (kind === 'rate-limit') {
          write(th, [
            `${localTs(start + 90000)} [ERROR] __main__: Experiment failed due to rate limit: You've hit your limit · resets 6am (America/Los_Angeles)`,
            'Traceback (most recent call last):',
            '  File "/home/eval/scylla/scripts/run_e2e_experiment.py", line 310, in main',
            'RuntimeError: Experiment failed due to Claude API rate limit. Re-run after the limit resets.',
          ]);
          return;
        }
        if (kind === 'no-report') return;
        const score = passed ? 0.75 + random() * 0.24 : 0.1 + random() * 0.35;
        write(th, [
          '',
          SEP60,
          'EXPERIMENT COMPLETE',
          SEP60,
          `Duration: ${seconds.toFixed(1)}s`,
          `Total Cost: $${money(cost)}`,
          '',
          ...(passed
            ? ['Best Tier: T0', 'Best Sub-test: 00', `Frontier CoP: $${money(cost)}`]
            : ['No passing results found']),
          '',
          'Tier Results:',
          '-'.repeat(60),
          `  T0: ${passed ? 'PASS' : 'FAIL'} (score: ${score.toFixed(3)}, cost: $${money(cost)})`,
          SEP60,
        ]);
      },
      {
        unexpected:
          i === 5
            ? "OSError: [Errno 28] No space left on device: '/home/eval/dryrun/batch_summary.json.tmp.140213'"
            : null,
      },
    );
    clock[t] = start + seconds * 1000 + 400;
    const metrics =
      kind === 'rate-limit' || kind === 'no-report'
        ? {}
        : {
            best_tier: passed ? 'T0' : null,
            best_score: passed ? 0.9 : 0,
            frontier_cop: passed ? cost : null,
            total_cost: cost,
            total_duration: seconds,
          };
    row(
      id,
      t,
      kind === 'rate-limit' ? 'error' : kind === 'no-report' ? 'unknown' : passed ? 'pass' : 'fail',
      exit,
      exit ? 'Exit code: 1' : null,
      metrics,
      i % 7 === 3 ? null : `/home/eval/dryrun/${folder}`,
    );
    folders.set(id, { name: folder, kind, cost, passed, seconds, start });
    if (resultFolders) writeFolder(out, folder, id, kind, cost, passed, seconds, start);
  });

  // Session 2: the errors again, pixi missing: exit -1 in 0.0s; rows keep no metrics.
  const s2 = ids.filter((_, i) => kinds[i] === 'rate-limit');
  // Sessions never overlap: the next one starts hours after the last test of the previous one.
  let s2clock = Math.max(Date.UTC(2026, 1, 14, 11, 16, 0), ...clock.map((c) => c + 3 * 3600e3));
  s2.forEach((id, k) => {
    const t = k % threads;
    block(t, id, s2clock, 0, -1, (th) => write(th, ["ERROR: [Errno 2] No such file or directory: 'pixi'"]), {
      flags: '--runs 1 --retry-errors',
    });
    row(id, t, 'error', -1, "[Errno 2] No such file or directory: 'pixi'", {}, null);
    s2clock += 40;
  });

  // Session 3: a resume that breaks tests which had finished: ValidationError at $0 on thread 1; on thread 0 a
  // crash, then worktree collisions on every later test of the thread (a cascade).
  const passes = ids.filter((_, i) => kinds[i] === 'pass');
  const fails = ids.filter((_, i) => kinds[i] === 'model-failure');
  const resumed = [...passes.slice(0, Math.max(1, Math.round(passes.length * 0.2))), ...fails.slice(0, 2)];
  const cascade = [...passes.slice(-2), ...fails.slice(-3)].filter((id) => !resumed.includes(id));
  const s3start = Math.max(Date.UTC(2026, 1, 14, 13, 59, 0), s2clock + 2 * 3600e3);
  const s3clock = [s3start, s3start + 300];
  cascade.forEach((id, k) => {
    const start = s3clock[0];
    const seconds = k === 0 ? 74.2 : 4 + k * 1.3;
    const folder = `${folderTs(start)}-${id}`;
    block(
      0,
      id,
      start,
      seconds,
      1,
      (th) => {
        if (k === 0)
          write(th, [
            `${localTs(start + 70000)} [ERROR] __main__: Experiment failed: 'TierConfig' object has no attribute 'language'`,
            'Traceback (most recent call last):',
            '  File "/home/eval/scylla/scylla/e2e/subtest_executor.py", line 440, in run_subtest',
            '    language=tier_config.language,',
            "AttributeError: 'TierConfig' object has no attribute 'language'",
          ]);
        else
          write(th, [
            `${localTs(start + 3000)} [INFO] scylla.e2e.workspace_manager: ${iso(start + 3000).slice(0, 23)}Z [WORKTREE] - Creating worktree [T0_00]`,
            `${localTs(start + 3500)} [ERROR] __main__: Experiment failed: Failed to create worktree even after cleanup`,
            'Traceback (most recent call last):',
            '  File "/home/eval/scylla/scylla/e2e/workspace_setup.py", line 88, in create_worktree',
            `RuntimeError: Failed to create worktree even after cleanup: Preparing worktree (new branch 'T${k % 3}_0${k % 2}_run_01')`,
            `fatal: a branch named 'T${k % 3}_0${k % 2}_run_01' already exists`,
          ]);
      },
      { flags: '--runs 1' },
    );
    row(id, 0, 'error', 1, 'Exit code: 1', {}, `/home/eval/dryrun/${folder}`);
    folderFile(
      join(out, folder, 'checkpoint.json'),
      JSON.stringify(
        {
          version: '2.0',
          experiment_id: id,
          status: 'running',
          completed_runs: {},
          rate_limit_source: null,
          rate_limit_until: null,
          pause_count: 0,
          pid: 4242,
        },
        null,
        2,
      ),
    );
    s3clock[0] += seconds * 1000 + 300;
    truth.get(id).final = 'cascade';
  });
  resumed.forEach((id, k) => {
    const start = s3clock[1];
    const seconds = 8 + (k % 5) * 3.1;
    const killed = k === resumed.length - 1;
    block(
      1 % threads,
      id,
      start,
      seconds,
      0,
      (th) => {
        write(th, [
          `${localTs(start)} [INFO] scylla.e2e.runner: 📂 Resuming from checkpoint: /home/eval/dryrun/${folders.get(id).name}/checkpoint.json`,
          `${localTs(start + 5000)} [ERROR] scylla.e2e.parallel_executor: Worker exception for T0/00: ValidationError: 1 validation error for RunResult`,
          'Traceback (most recent call last):',
          '  File "/home/eval/scylla/scylla/e2e/parallel_executor.py", line 212, in _run',
          '    result = RunResult(**data)',
          'pydantic_core._pydantic_core.ValidationError: 1 validation error for RunResult',
          'criteria_scores',
          '  Input should be a valid dictionary [type=dict_type, input_value=None, input_type=NoneType]',
          '    For further information visit https://errors.pydantic.dev/2.10/v/dict_type',
          '',
        ]);
        if (!killed)
          write(th, [
            '',
            SEP60,
            'EXPERIMENT COMPLETE',
            SEP60,
            `Duration: ${seconds.toFixed(1)}s`,
            'Total Cost: $0.0000',
            '',
            'No passing results found',
            '',
            'Tier Results:',
            '-'.repeat(60),
            '  T0: FAIL (score: 0.000, cost: $0.0000)',
            SEP60,
          ]);
      },
      { killed, flags: '--runs 1' },
    );
    if (killed) return;
    row(
      id,
      1 % threads,
      'fail',
      0,
      null,
      { best_tier: null, best_score: 0, frontier_cop: null, total_cost: 0, total_duration: seconds },
      `/home/eval/dryrun/${folders.get(id).name}`,
    );
    const f = folders.get(id);
    folderFile(join(out, f.name, 'report.json'), report(id, null, 0, 0, seconds));
    s3clock[1] += seconds * 1000 + 300;
    truth.get(id).final = 'resumed-crash';
  });
  logs.forEach((fd) => closeSync(fd));

  // Incremental writes only (the last session never reached its final write): 8-key config, empty threads.
  const summary = {
    started_at: iso(startedAt),
    completed_at: iso(Math.max(...s3clock)),
    config: {
      model: 'haiku',
      judge_model: 'haiku',
      runs: 1,
      max_subtests: 1,
      thinking: 'None',
      tiers: ['T0', 'T1', 'T2'],
      started_at: iso(startedAt),
      threads,
    },
    threads: [],
    results: rows,
  };
  writeFileSync(join(out, 'batch_summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

  if (expected)
    writeFileSync(join(out, 'EXPECTED.json'), `${JSON.stringify(groundTruth(ids, kinds, truth, folders), null, 2)}\n`);
  return { tests, rows: rows.length };
}

function groundTruth(ids, kinds, truth, folders) {
  const tests = ids.map((id, i) => {
    const t = truth.get(id);
    const kind = kinds[i];
    let category = {
      pass: 'pass',
      'model-failure': 'model-failure',
      'judge-failure': 'infrastructure',
      'worker-crash': 'framework-bug',
      'rate-limit': 'infrastructure',
      'no-report': 'unknown',
    }[kind];
    let status = {
      pass: 'pass',
      'model-failure': 'fail',
      'judge-failure': 'fail',
      'worker-crash': 'fail',
      'rate-limit': 'error',
      'no-report': 'unknown',
    }[kind];
    let maskedPass = false;
    if (t.final === 'cascade') {
      status = 'error';
      category = 'framework-bug';
      maskedPass = kind === 'pass';
    } else if (t.final === 'resumed-crash') {
      status = 'fail';
      category = 'framework-bug';
      maskedPass = kind === 'pass' && folders.get(id).cost > 0;
    }
    return { testId: id, status, category, maskedPass };
  });
  const count = (f) => tests.filter(f).length;
  return {
    tests,
    summary: {
      total: tests.length,
      passed: count((t) => t.status === 'pass'),
      frameworkBugs: count((t) => t.category === 'framework-bug'),
      modelFailures: count((t) => t.category === 'model-failure'),
      infrastructure: count((t) => t.category === 'infrastructure'),
      unknown: count((t) => t.category === 'unknown'),
      maskedPasses: count((t) => t.maskedPass),
    },
  };
}

function report(id, bestTier, score, cost, seconds) {
  return `${JSON.stringify(
    {
      experiment_id: id,
      summary: {
        total_tiers: 1,
        best_tier: bestTier,
        best_subtest: bestTier ? '00' : null,
        frontier_cop: bestTier ? cost : null,
        total_cost: cost,
        total_duration: seconds,
        started_at: '2026-02-14T00:28:00+00:00',
        completed_at: '2026-02-14T00:40:00+00:00',
      },
      children: [{ tier: 'T0', best_subtest: '00', best_score: score, cost, report: './T0/report.json' }],
      generated_at: '2026-02-14T00:40:00+00:00',
    },
    null,
    2,
  )}\n`;
}

function writeFolder(out, folder, id, kind, cost, passed, seconds) {
  const dir = join(out, folder);
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(
    join(dir, 'config', 'experiment.json'),
    `${JSON.stringify({ experiment_id: id, models: ['claude-haiku-4-5'], judge_models: ['claude-haiku-4-5'], tiers_to_run: ['T0', 'T1', 'T2'], runs_per_subtest: 1, max_subtests: 1 }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'checkpoint.json'),
    `${JSON.stringify({ version: '2.0', experiment_id: id, status: kind === 'rate-limit' ? 'paused_rate_limit' : 'completed', completed_runs: { T0: { '00': { 1: passed ? 'passed' : 'failed' } } }, rate_limit_source: kind === 'rate-limit' ? 'agent' : null, rate_limit_until: null, pause_count: kind === 'rate-limit' ? 1 : 0, pid: 4242 }, null, 2)}\n`,
  );
  if (kind === 'rate-limit' || kind === 'no-report') return;
  writeFileSync(join(dir, 'report.json'), report(id, passed ? 'T0' : null, passed ? 0.9 : 0.3, cost, seconds));
  if (kind === 'judge-failure') {
    const run = join(dir, 'T0', '00', 'run_01');
    mkdirSync(join(run, 'judge', 'judge_01'), { recursive: true });
    writeFileSync(
      join(run, 'run_result.json'),
      `${JSON.stringify({ run_number: 1, exit_code: 0, cost_usd: cost, judge_score: 0, judge_passed: false, judge_grade: 'F', criteria_scores: null, judges: [{ model: 'claude-haiku-4-5', score: 0, passed: false, grade: 'F', reasoning: "Judge failed: Judge response missing required 'score' field.", judge_number: 1, is_valid: false, criteria_scores: null }] }, null, 2)}\n`,
    );
    writeFileSync(
      join(run, 'judge', 'judge_01', 'timing.json'),
      `${JSON.stringify({ judge_duration_seconds: 0.0, measured_at: '2026-02-14T00:40:00+00:00', failed: true, error: "Judge response missing required 'score' field. Keys found: ['type', 'subtype', 'is_error', 'result']" }, null, 2)}\n`,
    );
  }
  if (kind === 'worker-crash') {
    mkdirSync(join(dir, 'T1'), { recursive: true });
    writeFileSync(
      join(dir, 'T1', 'result.json'),
      `{\n  "tier_id": "T1",\n  "subtest_results": {\n    "01": {"runs": [], "pass_rate": 0.0, "selection_reason": "WorkerError: KeyError: 'tier_config'", "rate_limit_info": null}\n  },\n  "cost_of_pass": Infinity\n}\n`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      tests: { type: 'string', default: '47' },
      threads: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      'log-mb': { type: 'string', default: '0' },
      expected: { type: 'boolean', default: false },
      'no-result-folders': { type: 'boolean', default: false },
      format: { type: 'string', default: 'legacy' },
    },
  });
  if (!values.out || !['legacy', 'current'].includes(values.format)) {
    console.error(
      'usage: node scripts/make-batch.mjs --out DIR [--format legacy|current] [--tests N] [--threads N] [--seed N] [--log-mb N] [--expected] [--no-result-folders]',
    );
    process.exit(2);
  }
  if (values.format === 'current') {
    const truth = makeCurrentBatch({
      out: values.out,
      tests: Number(values.tests),
      seed: Number(values.seed),
      expected: values.expected,
    });
    console.log(`wrote ${truth.tests.length} tests to ${values.out}`);
    process.exit(0);
  }
  const result = makeBatch({
    out: values.out,
    tests: Number(values.tests),
    threads: Number(values.threads),
    seed: Number(values.seed),
    logMb: Number(values['log-mb']),
    expected: values.expected,
    resultFolders: !values['no-result-folders'],
  });
  console.log(`wrote ${result.tests} tests (${result.rows} rows) to ${values.out}`);
}
