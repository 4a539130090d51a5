// Known issues and the re-run plan through the bundled CLI, spawned as a user runs it (issue 13):
// - `--config FILE` with every key and `extends: projectscylla` on the sample batch: each test's knownIssue,
//   first match wins (a user rule before a preset rule, a user rule replacing a preset rule of its id), the
//   summary counts, the hits in `knownIssues[]`, an expired rule's warning;
// - finding `.github/e2e-triage.yml` in the current folder, `--no-config`, a missing `--config`;
// - configs that cannot be used: exit 2, one line `file:line: path: message`, nothing written;
// - the re-run plan on every format (ProjectScylla legacy and current, Inspect AI, promptfoo): rerun.txt, the
//   plan in triage.json, each runner's commands, the config's commands with shell-quoted ids;
// - the pages: Next steps, the known-issues table, a known failure's page, which issue files exist;
// - quarantine in the comparison with a previous batch (`--baseline`).
// Expected values were read from the batches themselves (see the comments beside them).

import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

// @ts-expect-error plain JS script without types
import { makeCurrentBatch } from '../../scripts/make-current-batch.mjs';
import type { TriageResult } from '../../src/model.js';
import { CLI, runCli, runProcess, type CliRun } from '../helpers/run-cli.js';

const SAMPLE = resolve('examples/sample-batch');
const INSPECT = resolve('__tests__/fixtures/inspect');
const PROMPTFOO = resolve('__tests__/fixtures/promptfoo');
const PRESET = resolve('src/parse/config/presets/projectscylla.yml');
const RERUN_CATEGORIES = ['framework-bug', 'infrastructure', 'unknown'];

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-triage-known-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const triageOf = (out: string) => readJson<TriageResult>(join(out, 'triage.json'));
const text = (out: string, file: string) => readFile(join(out, file), 'utf8');

/** Writes a config file in the work folder; returns its path. */
async function config(name: string, body: string): Promise<string> {
  const path = join(work, name);
  await writeFile(path, body);
  return path;
}

/** The 1-based line of the first occurrence of `needle`. */
function lineOf(body: string, needle: string): number {
  const at = body.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  return body.slice(0, at).split('\n').length;
}

/** test-2 before test-10: digit runs by value, other runs case-insensitively (written here, not imported). */
function natural(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    const order =
      /^\d/.test(p) && /^\d/.test(q) ? Number(p) - Number(q) : p.toLowerCase().localeCompare(q.toLowerCase());
    if (order !== 0) return order;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The re-run list as the issue defines it, from triage.json's own tests. */
const expectedRerun = (t: TriageResult) =>
  t.tests
    .filter((x) => RERUN_CATEGORIES.includes(x.category) && x.knownIssue?.mode !== 'quarantine')
    .map((x) => x.testId)
    .sort(natural);

/** rerun.txt equals triage.json's rerun.tests, which equals the list worked out from its tests. */
async function checkedPlan(out: string): Promise<TriageResult> {
  const triage = await triageOf(out);
  const lines = await text(out, 'rerun.txt');
  expect(lines).toBe(triage.rerun.tests.map((id) => `${id}\n`).join(''));
  expect(triage.rerun.tests).toEqual(expectedRerun(triage));
  return triage;
}

/** A usable run: exit 0, and whatever it said on stderr. */
async function analyse(args: string[], options: { cwd?: string } = {}): Promise<CliRun> {
  const run = options.cwd ? await runProcess(process.execPath, [CLI, ...args], options) : await runCli(args);
  expect(run.stderr.includes('\n    at '), run.stderr).toBe(false);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

// The sample batch's failures by root cause, as its triage (no config) reads them:
//   criteria_scores ValidationError (framework bug) 001-007; pixi missing (infrastructure) 008, 013;
//   judge failed (infrastructure, cost spent) 010, 037, 047; KeyError 'tier_config' (framework bug) 018, 022, 024;
//   no verdict (unknown) 020, 021; worktree collision (framework bug) 034, 042, 045, 046;
//   'TierConfig' has no 'language' (framework bug) 044; model failures 011, 016, 027, 030, 032.
const FULL_CONFIG = `# Every key, on the sample batch.
extends: projectscylla
known-issues:
  # Before the preset's scylla-criteria-scores-none: claims 001-003, the preset keeps 004-007.
  - id: KI-12
    match: 'criteria_scores'
    tests: 'test-00[1-3]'
    categories: [framework-bug]
    mode: known
    issue: '#12'
    fix: 'Read it with \`.get("criteria_scores") or {}\`'
  # Replaces the preset's rule of this id (known, no issue) with a quarantine.
  - id: scylla-pixi-not-on-path
    match: "No such file or directory: 'pixi'"
    mode: quarantine
    issue: 'owner/repo#3'
    fix: 'Put \`pixi\` on the PATH of the runner'
  - id: KI-tier-config
    match: "KeyError: 'tier_config'"
    tests: ['test-018', 'test-02*']
    categories: [framework-bug]
    mode: expected-fail
    issue: 'https://github.com/acme/scylla/issues/77'
    fix: 'Pass the tier config to the worker'
    expires: 2020-01-31
  # The judge failures are infrastructure: this rule matches nothing.
  - id: KI-judge-as-framework
    match: 'Judge'
    categories: [framework-bug]
    issue: '#99'
  # test-018 is KI-tier-config's (first match wins); test-023 appears fixed under both rules.
  - id: KI-flaky-tasks
    tests: ['test-009', 'test-011', 'test-012', 'test-018', 'test-023']
    mode: expected-fail
    expires: 2999-12-31
rerun:
  command: 'run-again --only {tests}'
  rejudge-command: 'judge-again {tests}'
`;

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `test-${String(from + i).padStart(3, '0')}`);
/** `tests('001 008')` is `['test-001', 'test-008']`. */
const tests = (numbers: string) => numbers.split(' ').map((n) => `test-${n}`);

/** The sample batch with FULL_CONFIG, run once and shared by the topics below. */
let fullRun: Promise<{ file: string; out: string; run: CliRun; triage: TriageResult }> | null = null;
function full() {
  fullRun ??= (async () => {
    const file = await config('full.yml', FULL_CONFIG);
    const out = join(work, 'full');
    const run = await analyse([SAMPLE, '--config', file, '--out', out]);
    return { file, out, run, triage: await triageOf(out) };
  })();
  return fullRun;
}

/** The sample batch without a config, run once. */
let plainRun: Promise<{ out: string; run: CliRun }> | null = null;
function plain() {
  plainRun ??= (async () => {
    const out = join(work, 'legacy');
    return { out, run: await analyse([SAMPLE, '--no-config', '--out', out]) };
  })();
  return plainRun;
}

describe('--config FILE with every key and extends: projectscylla (sample batch)', () => {
  let file: string;
  let run: CliRun;
  let triage: TriageResult;
  let presetRules: { id: string; fix: string }[];
  beforeAll(async () => {
    ({ file, run, triage } = await full());
    presetRules = (parseYaml(await readFile(PRESET, 'utf8')) as { 'known-issues': { id: string; fix: string }[] })[
      'known-issues'
    ];
  });

  it('says nothing on stderr for a named config', () => {
    expect(run.stderr).toBe('');
  });

  it('gives every test exactly its known issue: first match wins, a user rule replaces the preset one', () => {
    const expected = new Map<string, TriageResult['tests'][number]['knownIssue']>();
    const set = (ids: string[], id: string, mode: 'known' | 'quarantine' | 'expected-fail', issue: string | null) =>
      ids.forEach((t) => expected.set(t, { id, mode, issue }));
    set(range(1, 3), 'KI-12', 'known', '#12');
    set(range(4, 7), 'scylla-criteria-scores-none', 'known', null);
    set(['test-008', 'test-013'], 'scylla-pixi-not-on-path', 'quarantine', 'owner/repo#3');
    set(['test-011'], 'KI-flaky-tasks', 'expected-fail', null);
    set(['test-018', 'test-022', 'test-024'], 'KI-tier-config', 'expected-fail', 'acme/scylla#77');
    set(['test-034', 'test-042', 'test-045', 'test-046'], 'scylla-worktree-branch-collision', 'known', null);
    expect(triage.tests.map((t) => t.testId)).toEqual(range(1, 47));
    expect(triage.tests.map((t) => [t.testId, t.knownIssue])).toEqual(
      range(1, 47).map((id) => [id, expected.get(id) ?? null]),
    );
    // Categories are unchanged by a rule: the quarantined pixi failures are still infrastructure.
    expect(triage.tests.find((t) => t.testId === 'test-008')!.category).toBe('infrastructure');
  });

  it('counts the matched failures, the quarantined ones and the expected failures that passed', () => {
    expect(triage.summary).toMatchObject({ knownIssues: 17, quarantined: 2, appearsFixed: 7 });
    expect(run.stdout).toContain(
      '\n  known issues: 17 failures (KI-12 x3, scylla-pixi-not-on-path x2, KI-tier-config x3, KI-flaky-tasks x1, scylla-criteria-scores-none x4, scylla-worktree-branch-collision x4), 2 quarantined\n',
    );
    expect(run.stdout).toContain('\n  appears fixed: 7 expected failures passed\n');
  });

  it('lists the rules the batch met in config order, then the preset, with tests, links and expiry', () => {
    // The preset's fixes as the yaml library reads its data file, not as the CLI does.
    const presetFix = (id: string) => presetRules.find((r) => r.id === id)!.fix;
    expect(triage.knownIssues).toEqual([
      {
        id: 'KI-12',
        mode: 'known',
        issue: '#12',
        issueUrl: null, // `#12` needs a repository to link to: the CLI has none
        fix: 'Read it with `.get("criteria_scores") or {}`',
        expires: null,
        expired: false,
        tests: ['test-001', 'test-002', 'test-003'],
        appearsFixed: [],
      },
      {
        id: 'scylla-pixi-not-on-path',
        mode: 'quarantine',
        issue: 'owner/repo#3',
        issueUrl: 'https://github.com/owner/repo/issues/3',
        fix: 'Put `pixi` on the PATH of the runner',
        expires: null,
        expired: false,
        tests: ['test-008', 'test-013'],
        appearsFixed: [],
      },
      {
        id: 'KI-tier-config',
        mode: 'expected-fail',
        issue: 'acme/scylla#77',
        issueUrl: 'https://github.com/acme/scylla/issues/77',
        fix: 'Pass the tier config to the worker',
        expires: '2020-01-31',
        expired: true,
        tests: ['test-018', 'test-022', 'test-024'],
        // test-02* names these passes (020, 021 are unknowns, 027 a model failure).
        appearsFixed: ['test-023', 'test-025', 'test-026', 'test-028', 'test-029'],
      },
      {
        id: 'KI-flaky-tasks',
        mode: 'expected-fail',
        issue: null,
        issueUrl: null,
        fix: null,
        expires: '2999-12-31',
        expired: false,
        tests: ['test-011'],
        appearsFixed: ['test-009', 'test-012', 'test-023'],
      },
      {
        id: 'scylla-criteria-scores-none',
        mode: 'known',
        issue: null,
        issueUrl: null,
        fix: presetFix('scylla-criteria-scores-none'),
        expires: null,
        expired: false,
        tests: range(4, 7),
        appearsFixed: [],
      },
      {
        id: 'scylla-worktree-branch-collision',
        mode: 'known',
        issue: null,
        issueUrl: null,
        fix: presetFix('scylla-worktree-branch-collision'),
        expires: null,
        expired: false,
        tests: ['test-034', 'test-042', 'test-045', 'test-046'],
        appearsFixed: [],
      },
    ]);
  });

  it('warns about the expired rule, naming its id and line, and it still matches', () => {
    const line = lineOf(FULL_CONFIG, '- id: KI-tier-config');
    const message = `KI-tier-config expired on 2020-01-31 (line ${line}): it still matches; fix the issue and remove the rule, or move the date`;
    expect(triage.warnings).toEqual([{ file, path: 'known-issues[2].expires', message, kind: 'config' }]);
    expect(run.stdout).toContain(
      `  1 about the config; see analysis.md\n    ${file}: known-issues[2].expires: ${message}\n`,
    );
    // The rule that expires in 2999 gives no warning.
    expect(run.stdout).not.toContain('KI-flaky-tasks expired');
  });
});

describe('where the config comes from', () => {
  let repo: string;
  const RULE = `known-issues:
  - id: found-in-cwd
    tests: 'test-044'
`;
  beforeAll(async () => {
    repo = join(work, 'repo');
    await mkdir(join(repo, '.github'), { recursive: true });
    await writeFile(join(repo, '.github', 'e2e-triage.yml'), RULE);
  });

  it('reads .github/e2e-triage.yml of the current folder, and says so on stderr', async () => {
    const out = join(work, 'found');
    const run = await analyse([SAMPLE, '--out', out], { cwd: repo });
    expect(run.stderr).toBe(
      'e2e-triage: using .github/e2e-triage.yml (--config FILE for another, --no-config for none)\n',
    );
    const triage = await triageOf(out);
    expect(triage.tests.filter((t) => t.knownIssue).map((t) => [t.testId, t.knownIssue])).toEqual([
      ['test-044', { id: 'found-in-cwd', mode: 'known', issue: null }],
    ]);
    expect(triage.summary.knownIssues).toBe(1);
  });

  it('ignores it with --no-config', async () => {
    const out = join(work, 'not-found');
    const run = await analyse([SAMPLE, '--no-config', '--out', out], { cwd: repo });
    expect(run.stderr).toBe('');
    const triage = await triageOf(out);
    expect(triage.tests.filter((t) => t.knownIssue !== null)).toEqual([]);
    expect(triage.knownIssues).toEqual([]);
    expect(triage.summary).toMatchObject({ knownIssues: 0, quarantined: 0, appearsFixed: 0 });
  });

  it('stops with exit 2 naming a --config file that does not exist, before writing anything', async () => {
    const out = join(work, 'missing-out');
    const run = await runProcess(process.execPath, [CLI, SAMPLE, '--config', 'missing.yml', '--out', out], {
      cwd: repo,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('e2e-triage: --config missing.yml: no such file\n');
    expect(existsSync(out)).toBe(false);
  });

  it('names the found file and its line when the file found cannot be used', async () => {
    const bad = join(work, 'bad-repo');
    await mkdir(join(bad, '.github'), { recursive: true });
    await writeFile(join(bad, '.github', 'e2e-triage.yml'), 'known-issues:\n  - id: A\n    catgories: [unknown]\n');
    const out = join(work, 'bad-repo-out');
    const run = await runProcess(process.execPath, [CLI, SAMPLE, '--out', out], { cwd: bad });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'e2e-triage: using .github/e2e-triage.yml (--config FILE for another, --no-config for none)\n' +
        'e2e-triage: .github/e2e-triage.yml:3: known-issues[0].catgories: Unrecognized key: "catgories"\n',
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('a config that cannot be used', () => {
  // Each: the file's lines, then the line, path and message the error must name.
  const cases: { name: string; lines: string[]; line: number; path: string; message: string }[] = [
    {
      name: 'unknown top-level key',
      lines: ['extends: projectscylla', 'known-issue:', '  - id: A', '    match: x'],
      line: 2,
      path: 'known-issue',
      message: 'Unrecognized key: "known-issue"',
    },
    {
      name: 'unknown key in a rule',
      lines: ['known-issues:', '  - id: A', '    match: x', '    modes: known'],
      line: 4,
      path: 'known-issues[0].modes',
      message: 'Unrecognized key: "modes"',
    },
    {
      name: 'unknown key under rerun',
      lines: ['rerun:', '  command: run {tests}', '  retries: 2'],
      line: 3,
      path: 'rerun.retries',
      message: 'Unrecognized key: "retries"',
    },
    {
      name: 'bad regex',
      lines: ['known-issues:', '  - id: A', '    tests: test-1', '  - id: B', '    match: "(unclosed"'],
      line: 5,
      path: 'known-issues[1].match',
      message: 'not a valid regular expression: Invalid regular expression: /(unclosed/: Unterminated group',
    },
    {
      name: 'bad glob in a list',
      lines: ['known-issues:', '  - id: A', '    tests: ["test-1", "test-["]'],
      line: 3,
      path: 'known-issues[0].tests[1]',
      message: 'not a valid glob: Missing closing: "]" - use "\\\\]" to match literal characters',
    },
    {
      name: 'bad glob as a string',
      lines: ['known-issues:', '  - id: A', '    match: x', '    tests: test-['],
      line: 4,
      path: 'known-issues[0].tests',
      message: 'not a valid glob: Missing closing: "]" - use "\\\\]" to match literal characters',
    },
    {
      name: 'duplicate id',
      lines: ['known-issues:', '  - id: A', '    match: x', '  - id: B', '    match: y', '  - id: A', '    match: z'],
      line: 6,
      path: 'known-issues[2].id',
      message: 'A is already the id of known-issues[0]',
    },
    {
      name: 'rule with neither match nor tests',
      lines: ['known-issues:', '  - id: A', '    match: x', '  - id: B', '    mode: known'],
      line: 4,
      path: 'known-issues[1]',
      message: 'B: give match, tests or both (a rule with neither would claim every failure)',
    },
    {
      name: 'bad issue reference',
      lines: ['known-issues:', '  - id: A', '    match: x', '    issue: "bug 12"'],
      line: 4,
      path: 'known-issues[0].issue',
      message: '"bug 12" is not #123, owner/repo#123 or an issue URL',
    },
    {
      name: 'pull request URL as the issue',
      lines: ['known-issues:', '  - id: A', '    match: x', '    issue: "https://github.com/o/r/pull/3"'],
      line: 4,
      path: 'known-issues[0].issue',
      message: '"https://github.com/o/r/pull/3" is not #123, owner/repo#123 or an issue URL',
    },
    {
      name: 'date that does not exist',
      lines: ['known-issues:', '  - id: A', '    match: x', '    expires: 2026-02-30'],
      line: 4,
      path: 'known-issues[0].expires',
      message: '"2026-02-30" is not a date (YYYY-MM-DD)',
    },
    {
      name: 'date in another format',
      lines: ['known-issues:', '  - id: A', '    match: x', '    expires: "31/01/2027"'],
      line: 4,
      path: 'known-issues[0].expires',
      message: '"31/01/2027" is not a date (YYYY-MM-DD)',
    },
    {
      name: 'unknown preset',
      lines: ['known-issues:', '  - id: A', '    match: x', 'extends: nosuch'],
      line: 4,
      path: 'extends',
      message: 'unknown preset "nosuch"; presets: projectscylla',
    },
    {
      name: 'unknown mode',
      lines: ['known-issues:', '  - id: A', '    match: x', '    mode: ignore'],
      line: 4,
      path: 'known-issues[0].mode',
      message: 'Invalid option: expected one of "known"|"quarantine"|"expected-fail"',
    },
  ];

  it.each(cases)('$name: exit 2, one line naming file, line and key, nothing written', async (c) => {
    const file = await config(`bad-${c.name.replace(/\W+/g, '-')}.yml`, `${c.lines.join('\n')}\n`);
    const out = join(work, `bad-out-${c.name.replace(/\W+/g, '-')}`);
    const run = await runCli([SAMPLE, '--config', file, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`e2e-triage: ${file}:${c.line}: ${c.path}: ${c.message}\n`);
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    {
      name: 'a tab as indentation',
      lines: ['known-issues:', '  - id: A', '    match: x', '  - id: B', '\tmatch: y'],
      line: 5,
      message: 'Tabs are not allowed as indentation',
    },
    {
      name: 'a duplicate key',
      lines: ['known-issues:', '  - id: A', '    match: x', '    mode: known', '    mode: quarantine'],
      line: 5,
      message: 'Map keys must be unique',
    },
  ])('invalid YAML ($name): exit 2, one line naming the file and the line, nothing written', async (c) => {
    const file = await config(`bad-yaml-${c.name.replace(/\W+/g, '-')}.yml`, `${c.lines.join('\n')}\n`);
    const out = join(work, `bad-yaml-out-${c.name.replace(/\W+/g, '-')}`);
    const run = await runCli([SAMPLE, '--config', file, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`e2e-triage: ${file}:${c.line}: not valid YAML: ${c.message}\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the re-run plan on every format', () => {
  it('ProjectScylla legacy (sample batch, no config): the runner its own command, no re-judge command', async () => {
    const { out, run } = await plain();
    const triage = await checkedPlan(out);
    const ids = tests('001 002 003 004 005 006 007 008 010 013 018 020 021 022 024 034 037 042 044 045 046 047');
    expect(triage.rerun).toEqual({
      tests: ids,
      // The judge failures, whose agents ran: 1.2465 + 0.3227 + 0.6568 spent.
      rejudge: ['test-010', 'test-037', 'test-047'],
      command: `pixi run python scripts/run_e2e_batch.py --tests ${ids.join(' ')} --retry-errors`,
      rejudgeCommand: null,
      costAtStake: 2.226,
    });
    expect(run.stdout).toContain(
      '\n  re-run 22 tests (rerun.txt)\n  3 of them only had their judges fail (this runner cannot re-judge alone: $2.23 spent again)\n',
    );
  });

  it('ProjectScylla legacy with the config: quarantined tests left out, its own commands filled', async () => {
    const triage = await checkedPlan((await full()).out);
    const ids = tests('001 002 003 004 005 006 007 010 018 020 021 022 024 034 037 042 044 045 046 047');
    expect(triage.rerun.tests).toEqual(ids);
    expect(triage.rerun.tests).not.toContain('test-008');
    expect(triage.rerun.tests).not.toContain('test-013');
    expect(triage.rerun.command).toBe(`run-again --only ${ids.join(' ')}`);
    expect(triage.rerun.rejudgeCommand).toBe('judge-again test-010 test-037 test-047');
  });

  describe('ProjectScylla current runner (make-current-batch, 40 tests, seed 1)', () => {
    let batch: string;
    beforeAll(() => {
      batch = join(work, 'current');
      makeCurrentBatch({ out: batch, tests: 40, seed: 1 });
    });

    it('re-runs with manage_experiment.py --tests, re-judges from judge_pipeline_run, counts the cost at stake', async () => {
      const out = join(work, 'current-out');
      await analyse([batch, '--no-config', '--out', out]);
      const triage = await checkedPlan(out);
      const ids = tests('001 003 004 007 008 009 010 012 017 020 024 026 028 030 031 032 034 040');
      const base = 'uv run python scripts/manage_experiment.py run --config tests/fixtures/tests/ --tests';
      expect(triage.rerun.tests).toEqual(ids);
      expect(triage.rerun.rejudge).toEqual(['test-004', 'test-017']);
      expect(triage.rerun.command).toBe(`${base} ${ids.join(' ')}`);
      expect(triage.rerun.rejudgeCommand).toBe(`${base} test-004 test-017 --from judge_pipeline_run`);
      // The re-judge list: judge failures among the re-run whose agent cost something.
      expect(
        triage.tests
          .filter((t) => ids.includes(t.testId) && t.cause === 'judge-failed' && (t.cost ?? 0) > 0)
          .map((t) => t.testId),
      ).toEqual(triage.rerun.rejudge);
      // What their agents cost, as each test's report.json says (1.939 + 0.8293).
      let spent = 0;
      for (const id of triage.rerun.rejudge) {
        const dir = triage.tests.find((t) => t.testId === id)!.resultDir!;
        spent += (await readJson<{ summary: { total_cost: number } }>(join(batch, dir, 'report.json'))).summary
          .total_cost;
      }
      expect(triage.rerun.costAtStake).toBe(2.7683);
      expect(triage.rerun.costAtStake).toBeCloseTo(spent, 10);
    });

    it('with extends and a quarantine of the preflight aborts: those left out, the preset still matching', async () => {
      const file = await config(
        'current.yml',
        `extends: projectscylla
known-issues:
  - id: host-quarantine
    match: 'CRITICAL: only'
    mode: quarantine
`,
      );
      const out = join(work, 'current-config-out');
      await analyse([batch, '--config', file, '--out', out]);
      const triage = await checkedPlan(out);
      // Errors with "CRITICAL: only": 001, 007, 009, 010, 026, 032, 040; 024 only has "Low memory warning".
      const quarantined = tests('001 007 009 010 026 032 040');
      expect(triage.tests.filter((t) => t.knownIssue?.mode === 'quarantine').map((t) => t.testId)).toEqual(quarantined);
      expect(triage.tests.find((t) => t.testId === 'test-024')!.knownIssue).toEqual({
        id: 'scylla-host-resource-preflight',
        mode: 'known',
        issue: null,
      });
      const ids = tests('003 004 008 012 017 020 024 028 030 031 034');
      expect(triage.rerun.tests).toEqual(ids);
      expect(triage.summary).toMatchObject({ knownIssues: 8, quarantined: 7 });
      expect(triage.rerun.rejudge).toEqual(['test-004', 'test-017']);
    });
  });

  describe('Inspect AI', () => {
    it('re-runs with inspect eval-retry and only the log that holds the failure (real logs)', async () => {
      const out = join(work, 'inspect-real');
      await analyse([`${INSPECT}/real`, '--out', out]);
      const triage = await checkedPlan(out);
      expect(triage.rerun).toEqual({
        tests: ['popularity@mockllm/model'],
        rejudge: [],
        command: 'inspect eval-retry 2024-08-29T15-11-18+00-00_popularity_5EAmX6wjMFqea6WY7XHzZp.json',
        rejudgeCommand: null,
        costAtStake: 0,
      });
    });

    it('names every log of the re-run once, each a shell word (a name with a space is quoted)', async () => {
      const logs = join(work, 'inspect-logs');
      await mkdir(logs, { recursive: true });
      await copyFile(`${INSPECT}/made/ctf-lite.eval`, join(logs, 'ctf lite.eval'));
      const popularity = '2024-08-29T15-11-18+00-00_popularity_5EAmX6wjMFqea6WY7XHzZp.json';
      await copyFile(`${INSPECT}/real/${popularity}`, join(logs, popularity));
      const out = join(work, 'inspect-logs-out');
      await analyse([logs, '--out', out]);
      const triage = await checkedPlan(out);
      expect(triage.rerun.tests).toEqual([
        'ctf_lite/4@anthropic/claude-sonnet-4-5',
        'ctf_lite/5@anthropic/claude-sonnet-4-5',
        'popularity@mockllm/model',
      ]);
      expect(triage.rerun.command).toBe(`inspect eval-retry 'ctf lite.eval' ${popularity}`);
    });

    it('leaves a quarantined sample out (one .eval log)', async () => {
      const file = await config(
        'inspect.yml',
        `known-issues:
  - id: rate-limits
    tests: 'ctf_lite/*'
    categories: [infrastructure]
    mode: quarantine
`,
      );
      const out = join(work, 'inspect-eval-out');
      await analyse([`${INSPECT}/made/ctf-lite.eval`, '--config', file, '--out', out]);
      const triage = await checkedPlan(out);
      // ctf_lite/4 is the rate limit (infrastructure), ctf_lite/5 the crash (framework bug).
      expect(triage.tests.filter((t) => t.knownIssue).map((t) => t.testId)).toEqual(['ctf_lite/4']);
      expect(triage.rerun.tests).toEqual(['ctf_lite/5']);
      expect(triage.rerun.command).toBe('inspect eval-retry ctf-lite.eval');
    });
  });

  describe('promptfoo', () => {
    it('re-runs with promptfoo eval --retry-errors, ids in natural order', async () => {
      const out = join(work, 'pf');
      await analyse([`${PROMPTFOO}/out.json`, '--out', out]);
      const triage = await checkedPlan(out);
      expect(triage.rerun).toEqual({
        tests: ['null output', 'provider throws', 'rate limited'],
        rejudge: [],
        command: 'promptfoo eval --retry-errors',
        rejudgeCommand: null,
        costAtStake: 0,
      });
    });

    it('lists the judge failures it cannot re-judge alone, and takes the config re-judge command', async () => {
      const plain = join(work, 'pf-judge');
      await analyse([`${PROMPTFOO}/judge_fail.json`, '--out', plain]);
      const triage = await checkedPlan(plain);
      // "judge throws" spent nothing: a re-run costs nothing again for it.
      const rejudge = ['contains passes but judge errors', 'judge returns non-JSON', 'judge returns provider error'];
      expect(triage.rerun).toMatchObject({
        tests: [...rejudge, 'judge throws'],
        rejudge,
        command: 'promptfoo eval --retry-errors',
        rejudgeCommand: null,
        costAtStake: 0.0036,
      });
      const file = await config('pf-judge.yml', "rerun:\n  rejudge-command: 'pf-judge {tests}'\n");
      const configured = join(work, 'pf-judge-config');
      await analyse([`${PROMPTFOO}/judge_fail.json`, '--config', file, '--out', configured]);
      expect((await triageOf(configured)).rerun).toMatchObject({
        command: 'promptfoo eval --retry-errors',
        rejudgeCommand:
          "pf-judge 'contains passes but judge errors' 'judge returns non-JSON' 'judge returns provider error'",
      });
    });

    it("fills the config's {tests} with each id a shell word: bare when safe, quoted otherwise, as sh reads them back", async () => {
      // Test ids are promptfoo descriptions: one with a quote and a $(...), one safe, one with a space.
      const source = await readFile(`${PROMPTFOO}/out.json`, 'utf8');
      const results = join(work, 'pf-quote.json');
      await writeFile(
        results,
        source.replaceAll('provider throws', "provider's $(throw)").replaceAll('rate limited', 'rate-limited'),
      );
      const file = await config('pf-quote.yml', 'rerun:\n  command: "printf \'%s\\\\n\' {tests}"\n');
      const out = join(work, 'pf-quote-out');
      await analyse([results, '--config', file, '--out', out]);
      const triage = await checkedPlan(out);
      expect(triage.rerun.tests).toEqual(['null output', "provider's $(throw)", 'rate-limited']);
      expect(triage.rerun.command).toBe(`printf '%s\\n' 'null output' 'provider'\\''s $(throw)' rate-limited`);
      const echoed = await runProcess('sh', ['-c', triage.rerun.command!], { cwd: work });
      expect(echoed.code).toBe(0);
      expect(echoed.stdout).toBe(await text(out, 'rerun.txt'));
    });

    it('writes an empty rerun.txt and no command when every failure is the model’s', async () => {
      const out = join(work, 'pf-nodesc');
      await analyse([`${PROMPTFOO}/nodesc.json`, '--out', out]);
      const triage = await checkedPlan(out);
      expect(await text(out, 'rerun.txt')).toBe('');
      expect(triage.rerun).toEqual({ tests: [], rejudge: [], command: null, rejudgeCommand: null, costAtStake: 0 });
      expect(await text(out, 'README.md')).toContain(
        '## Next steps\n\nNothing to re-run: every failure is the model’s own.\n',
      );
    });
  });
});

describe('the pages of a batch with known issues (sample batch, the full config)', () => {
  let out: string;
  let readme: string;
  let triage: TriageResult;
  beforeAll(async () => {
    ({ out, triage } = await full());
    readme = await text(out, 'README.md');
  });

  it('opens README.md with Next steps: the re-run and re-judge commands, the known issues, what appears fixed', () => {
    const next = readme.slice(readme.indexOf('## Next steps\n'), readme.indexOf('## Configuration\n'));
    expect(next).toBe(
      [
        '## Next steps',
        '',
        '**Re-run 20 tests** whose result says nothing about the model (framework bugs, infrastructure, unknown; ids in `rerun.txt`):',
        '',
        '```sh',
        triage.rerun.command,
        '```',
        '',
        '**Re-judge 3 tests** instead of re-running them: the agent finished and only the judges failed, which keeps $2.23 of agent work (`test-010`, `test-037`, `test-047`):',
        '',
        '```sh',
        'judge-again test-010 test-037 test-047',
        '```',
        '',
        '**17 failures are known issues**, 2 of them in quarantine: KI-12 (#12): 3, scylla-pixi-not-on-path ([owner/repo#3](https://github.com/owner/repo/issues/3)): 2, KI-tier-config ([acme/scylla#77](https://github.com/acme/scylla/issues/77)): 3, KI-flaky-tasks: 1, scylla-criteria-scores-none: 4, scylla-worktree-branch-collision: 4. No new issue is filed for them.',
        '',
        '**7 expected failures appear fixed**: KI-tier-config ([acme/scylla#77](https://github.com/acme/scylla/issues/77)): `test-023`, `test-025`, `test-026`, `test-028`, `test-029`; KI-flaky-tasks: `test-009`, `test-012`, `test-023`. Close the issue and remove the rule when it holds.',
        '',
        '',
      ].join('\n'),
    );
    expect(triage.rerun.command).toMatch(/^run-again --only test-001 /);
  });

  it('lists in README.md each rule hit with its mode, issue link, tests and fix', () => {
    for (const row of [
      '| KI-12 | known issue | #12 | 3: `test-001`, `test-002`, `test-003` | Read it with `.get("criteria_scores") or {}` |',
      '| scylla-pixi-not-on-path | quarantined | [owner/repo#3](https://github.com/owner/repo/issues/3) | 2: `test-008`, `test-013` | Put `pixi` on the PATH of the runner |',
      '| KI-tier-config (expired 2020-01-31) | expected failure | [acme/scylla#77](https://github.com/acme/scylla/issues/77) | 3: `test-018`, `test-022`, `test-024` | Pass the tier config to the worker |',
      '| KI-flaky-tasks | expected failure | — | 1: `test-011` | — |',
    ])
      expect(readme).toContain(`\n${row}\n`);
    // The rule that matched nothing is not listed.
    expect(readme).not.toContain('KI-judge-as-framework');
    expect(readme).toContain(
      '\n- KI-tier-config ([acme/scylla#77](https://github.com/acme/scylla/issues/77)): `test-023`, `test-025`, `test-026`, `test-028`, `test-029`\n- KI-flaky-tasks: `test-009`, `test-012`, `test-023`\n',
    );
    // The results table's Known issue column.
    expect(readme).toMatch(
      /\n\| 8 \| \[test-008\]\(failures\/test-008\.md\) \|.*\| rc-5 \| scylla-pixi-not-on-path \(quarantined\) \|\n/,
    );
  });

  it("shows on a known failure's page the rule, its issue link and its fix; none on an unmatched failure", async () => {
    const section = async (id: string) => {
      const page = await text(out, `failures/${id}.md`);
      const at = page.indexOf('## Known issue\n\n');
      return at < 0 ? null : page.slice(at).split('\n')[2];
    };
    expect(await section('test-018')).toBe(
      '**KI-tier-config** (expected failure, tracked in [acme/scylla#77](https://github.com/acme/scylla/issues/77)); expected to fail until the issue is fixed; no new issue is filed for it. Fix: Pass the tier config to the worker',
    );
    expect(await section('test-008')).toBe(
      '**scylla-pixi-not-on-path** (quarantined, tracked in [owner/repo#3](https://github.com/owner/repo/issues/3)); left out of the new failures and of the re-run; no new issue is filed for it. Fix: Put `pixi` on the PATH of the runner',
    );
    expect(await section('test-001')).toBe(
      '**KI-12** (known issue, tracked in #12); no new issue is filed for it. Fix: Read it with `.get("criteria_scores") or {}`',
    );
    expect(await section('test-034')).toMatch(
      /^\*\*scylla-worktree-branch-collision\*\* \(known issue\); no new issue is filed for it\. Fix: Worktree branches \(`<tier>_<sub>_run_<NN>`\) left by a crashed test/,
    );
    expect(await section('test-010')).toBeNull();
    expect(await section('test-044')).toBeNull();
  });

  it('writes issues/<test>.md for the unmatched failures only, and issues/known/<id>.md for rules with an issue that matched', async () => {
    const failures = triage.tests.filter((t) => t.category !== 'pass');
    const matched = failures.filter((t) => t.knownIssue).map((t) => t.testId);
    const unmatched = failures.filter((t) => !t.knownIssue).map((t) => t.testId);
    expect(unmatched).toEqual(tests('010 016 020 021 027 030 032 037 044 047'));
    expect(matched).toHaveLength(17);
    for (const id of matched) expect(existsSync(join(out, 'issues', `${id}.md`)), id).toBe(false);
    for (const id of unmatched) expect(existsSync(join(out, 'issues', `${id}.md`)), id).toBe(true);
    // Matched failures still have their failure page.
    for (const id of matched) expect(existsSync(join(out, 'failures', `${id}.md`)), id).toBe(true);
    // KI-judge-as-framework has an issue but matched nothing; KI-flaky-tasks and the preset rules have no issue.
    expect((await readdir(join(out, 'issues', 'known'))).sort()).toEqual([
      'KI-12.md',
      'KI-tier-config.md',
      'scylla-pixi-not-on-path.md',
    ]);
    const head = async (id: string) => (await text(out, `issues/known/${id}.md`)).split('\n').slice(0, 3);
    expect(await head('KI-12')).toEqual([
      '# Known issue KI-12 seen again: 3 tests in sample-batch (2026-02-14)',
      '<!-- e2e-triage:comment-on=12 -->',
      expect.stringMatching(/^<!-- e2e-triage:fingerprint=[0-9a-f]{16} -->$/),
    ]);
    expect(await head('scylla-pixi-not-on-path')).toEqual([
      '# Known issue scylla-pixi-not-on-path seen again: 2 tests in sample-batch (2026-02-14)',
      '<!-- e2e-triage:comment-on=3 -->',
      '<!-- e2e-triage:comment-repo=owner/repo -->',
    ]);
    expect(await head('KI-tier-config')).toEqual([
      '# Known issue KI-tier-config seen again: 3 tests in sample-batch (2026-02-14)',
      '<!-- e2e-triage:comment-on=77 -->',
      '<!-- e2e-triage:comment-repo=acme/scylla -->',
    ]);
  });
});

describe('quarantine in the comparison with the previous batch (--baseline)', () => {
  // The previous batch: the sample batch's own analysis, with test-008 (pixi missing now) and test-016 (a model
  // failure now) passing then. This batch quarantines the pixi failures: test-008 and test-013.
  const QUARANTINE = `known-issues:
  - id: pixi-quarantine
    match: "No such file or directory: 'pixi'"
    mode: quarantine
`;
  let baseline: string;
  beforeAll(async () => {
    const previous = await triageOf((await plain()).out);
    for (const t of previous.tests) {
      if (t.testId !== 'test-008' && t.testId !== 'test-016') continue;
      Object.assign(t, { status: 'pass', category: 'pass', cause: 'passed', rootCause: null, error: null });
    }
    baseline = join(work, 'baseline.json');
    await writeFile(baseline, JSON.stringify(previous));
  });

  it('leaves a quarantined new failure out of the new failures and counts it apart', async () => {
    const file = await config('quarantine.yml', QUARANTINE);
    const out = join(work, 'compared');
    const run = await analyse([SAMPLE, '--config', file, '--baseline', baseline, '--out', out]);
    const triage = await triageOf(out);
    const c = triage.comparison!;
    expect(c.comparable).toBe(true);
    expect(c.counts).toEqual({
      'new-failure': 1,
      fixed: 0,
      'still-failing': 25,
      'still-passing': 20,
      'new-test': 0,
      removed: 0,
    });
    expect(c.quarantinedFailures).toBe(1);
    const byId = (id: string) => c.tests.find((t) => t.testId === id)!;
    expect(byId('test-008')).toMatchObject({ transition: 'new-failure', quarantined: true });
    expect(byId('test-008').before).toMatchObject({ status: 'pass', category: 'pass' });
    expect(byId('test-008').after).toMatchObject({ status: 'error', category: 'infrastructure' });
    expect(byId('test-016')).toMatchObject({ transition: 'new-failure' });
    expect(byId('test-016')).not.toHaveProperty('quarantined');
    // Quarantined but failing before too: not a quarantined new failure.
    expect(byId('test-013')).toMatchObject({ transition: 'still-failing' });
    expect(byId('test-013')).not.toHaveProperty('quarantined');
    expect(c.tests.filter((t) => t.quarantined).map((t) => t.testId)).toEqual(['test-008']);
    expect(Object.values(c.counts).reduce((a, b) => a + b, 0) + c.quarantinedFailures).toBe(47);
    expect(run.stdout).toContain('\n  since last batch: 1 new failures, 0 fixed, 25 still failing, 0 new, 0 removed\n');
    expect(triage.rerun.tests).not.toContain('test-008');
    expect(await text(out, 'README.md')).toContain('\n| New failures | 1 |\n');
  });

  it('counts it as a new failure without the quarantine', async () => {
    const out = join(work, 'compared-plain');
    await analyse([SAMPLE, '--no-config', '--baseline', baseline, '--out', out]);
    const c = (await triageOf(out)).comparison!;
    expect(c.counts['new-failure']).toBe(2);
    expect(c.quarantinedFailures).toBe(0);
    expect(c.tests.filter((t) => t.transition === 'new-failure').map((t) => t.testId)).toEqual([
      'test-008',
      'test-016',
    ]);
  });

  it('README.md lists the quarantined failure apart, not among the new failures', async () => {
    const readme = await text(join(work, 'compared'), 'README.md');
    expect(readme).toContain('| New failures | 1 |\n| New failures in quarantine (not counted) | 1 |\n');
    expect(readme).toContain(
      '\n- **New failures**: test-016\n- **New failures in quarantine (not counted)**: test-008\n',
    );
  });
});
