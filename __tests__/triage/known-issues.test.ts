// Known issues on a batch: the config's rules in order (first match wins), on the error text and on the root
// cause's signature, each mode's effect on triage.json and the comparison, expiry; and the re-run plan.

import { describe, expect, it } from 'vitest';

import type { TestResult, TriageResult } from '../../src/model.js';
import { parseBaseline } from '../../src/parse/baseline.js';
import { parseConfig } from '../../src/parse/config/read-config.js';
import { parseBatch } from '../../src/parse/index.js';
import { compareWithBaseline } from '../../src/triage/compare.js';
import { triage } from '../../src/triage/index.js';
import { defaultCommands, planRerun } from '../../src/triage/rerun.js';
import { shellQuote } from '../../src/util/shell-quote.js';
import { BatchBuilder, summaryRow } from '../helpers/batch-builder.js';

const row = (id: string, status: string, cost: number, error: string | null = null) =>
  summaryRow(id, status, cost, error, { failScore: 0.2 });

const ROWS = [
  row('test-1', 'error', 0, "Experiment failed: KeyError: 'tier_config'"),
  row('test-2', 'error', 0, "[Errno 2] No such file or directory: 'pixi'"),
  row('test-3', 'fail', 0.8),
  row('test-4', 'pass', 1.1),
  row('test-10', 'error', 0, "fatal: a branch named 'T0_00_run_01' already exists"),
  row('test-11', 'pass', 0.9),
];

async function analyse(config: string, rows = ROWS, today: string | null = '2026-11-30'): Promise<TriageResult> {
  const b = new BatchBuilder().withTop({ config: { model: 'haiku', judge_model: 'haiku', tiers: ['T0'] } });
  for (const r of rows) b.row(r);
  return triage(await parseBatch(b.source()), {
    toolVersion: 'test',
    config: parseConfig(config, '.github/e2e-triage.yml'),
    today,
    repository: { serverUrl: 'https://github.example', repo: 'acme/widgets' },
  });
}

const matched = (r: TriageResult) =>
  Object.fromEntries(r.tests.filter((t) => t.knownIssue).map((t) => [t.testId, t.knownIssue!.id]));

describe('matching', () => {
  it('tries the rules in order, the first match wins; categories and tests narrow a rule', async () => {
    const r = await analyse(`
known-issues:
  - id: infra-only
    match: tier_config
    categories: [infrastructure]
  - id: first-two
    tests: ['test-1', 'test-2']
  - id: pixi
    match: pixi
    mode: quarantine
  - id: xfail
    tests: 'test-[34]'
    mode: expected-fail
    issue: '#5'
`);
    // test-1 is a framework bug, so infra-only passes it by; test-2 would match pixi too, but first-two comes first.
    expect(matched(r)).toEqual({ 'test-1': 'first-two', 'test-2': 'first-two', 'test-3': 'xfail' });
    expect(r.tests.find((t) => t.testId === 'test-3')!.knownIssue).toEqual({
      id: 'xfail',
      mode: 'expected-fail',
      issue: '#5',
    });
    // test-4 passed though xfail expects it to fail: it appears fixed. Passing tests never carry a match.
    expect(r.knownIssues.map((h) => [h.id, h.tests, h.appearsFixed])).toEqual([
      ['first-two', ['test-1', 'test-2'], []],
      ['xfail', ['test-3'], ['test-4']],
    ]);
    expect(r.knownIssues[1]!.issueUrl).toBe('https://github.example/acme/widgets/issues/5');
    expect(r.summary).toMatchObject({ knownIssues: 3, quarantined: 0, appearsFixed: 1 });
    expect(r.tests.find((t) => t.testId === 'test-4')!.knownIssue).toBeNull();
  });

  it('searches the root cause signature too, where quotes and numbers are normalised', async () => {
    const r = await analyse(`
known-issues:
  - id: collision
    match: 'branch named <q> already exists'
`);
    expect(matched(r)).toEqual({ 'test-10': 'collision' });
  });

  it('without rules nothing matches and nothing is reported', async () => {
    const r = await analyse('');
    expect(r.tests.every((t) => t.knownIssue === null)).toBe(true);
    expect(r.knownIssues).toEqual([]);
    expect(r.summary).toMatchObject({ knownIssues: 0, quarantined: 0, appearsFixed: 0 });
  });

  it('an expired rule still matches, with a warning naming its id, file and line', async () => {
    const config = `
known-issues:
  - id: old
    match: pixi
    expires: 2026-06-30
`;
    const r = await analyse(config);
    expect(matched(r)).toEqual({ 'test-2': 'old' });
    expect(r.knownIssues[0]).toMatchObject({ expired: true, expires: '2026-06-30' });
    expect(r.warnings).toEqual([
      {
        file: '.github/e2e-triage.yml',
        path: 'known-issues[0].expires',
        message:
          'old expired on 2026-06-30 (line 3): it still matches; fix the issue and remove the rule, or move the date',
        kind: 'config',
      },
    ]);
    // On its last day it has not expired yet.
    expect((await analyse(config, ROWS, '2026-06-30')).warnings).toEqual([]);
  });
});

describe('quarantine', () => {
  const config = `
known-issues:
  - id: pixi
    match: pixi
    mode: quarantine
`;

  it('is counted apart and left out of the re-run', async () => {
    const r = await analyse(config);
    expect(r.summary.quarantined).toBe(1);
    expect(r.rerun.tests).toEqual(['test-1', 'test-10']);
  });

  it('is left out of the comparison new failures, and listed as quarantined', async () => {
    const before = await analyse(
      '',
      ROWS.map((x) => (x.test_id === 'test-2' ? row('test-2', 'pass', 1) : x)),
    );
    const after = await analyse(config);
    const { baseline } = parseBaseline(JSON.stringify(before), 'before/triage.json');
    const comparison = compareWithBaseline(after, baseline!);
    expect(comparison.counts['new-failure']).toBe(0);
    expect(comparison.quarantinedFailures).toBe(1);
    expect(comparison.tests.find((t) => t.testId === 'test-2')).toMatchObject({
      transition: 'new-failure',
      quarantined: true,
    });
    // Without the quarantine it is news.
    const plain = compareWithBaseline(await analyse(''), baseline!);
    expect(plain.counts['new-failure']).toBe(1);
    expect(plain.quarantinedFailures).toBe(0);
  });
});

/** A test as planRerun sees it. */
function test(id: string, over: Partial<TestResult>): TestResult {
  return {
    testId: id,
    category: 'framework-bug',
    cause: 'crash',
    cost: 0,
    resultDir: null,
    knownIssue: null,
    ...over,
  } as TestResult;
}

describe('the re-run plan', () => {
  const none = { rerun: { command: null, rejudgeCommand: null } };

  it('framework bugs, infrastructure and unknowns in natural order; judge failures with cost can be re-judged', () => {
    const plan = planRerun(
      [
        test('test-10', { category: 'infrastructure', cause: 'judge-failed', cost: 1.25 }),
        test('test-2', {}),
        test('test-3', { category: 'model-failure', cause: 'scored-low', cost: 2 }),
        test('test-1', { category: 'pass', cause: 'passed', cost: 1 }),
        test('test-9', { category: 'unknown', cause: 'no-verdict' }),
        test('test-4', { category: 'infrastructure', cause: 'judge-failed', cost: 0 }),
        test('test-5', { category: 'infrastructure', cause: 'judge-failed', cost: null, tokens: 5000 }),
        test('test-6', { knownIssue: { id: 'q', mode: 'quarantine', issue: null } }),
        test('test-7', { knownIssue: { id: 'k', mode: 'known', issue: null } }),
        test('test-8', { knownIssue: { id: 'x', mode: 'expected-fail', issue: null } }),
      ],
      { harness: 'scylla', format: 'current' },
      none,
    );
    expect(plan.tests).toEqual(['test-2', 'test-4', 'test-5', 'test-7', 'test-8', 'test-9', 'test-10']);
    expect(plan.rejudge).toEqual(['test-5', 'test-10']);
    expect(plan.costAtStake).toBe(1.25);
    expect(plan.command).toBe(
      'uv run python scripts/manage_experiment.py run --config tests/fixtures/tests/ --tests test-2 test-4 test-5 test-7 test-8 test-9 test-10',
    );
    expect(plan.rejudgeCommand).toBe(
      'uv run python scripts/manage_experiment.py run --config tests/fixtures/tests/ --tests test-5 test-10 --from judge_pipeline_run',
    );
  });

  it('each harness has its own command, and nothing to run gives none', () => {
    expect(defaultCommands({ harness: 'scylla', format: 'legacy' })).toEqual({
      command: 'pixi run python scripts/run_e2e_batch.py --tests {tests} --retry-errors',
      rejudgeCommand: null,
    });
    expect(defaultCommands({ harness: 'scylla', format: 'legacy-l1' }).command).toContain('run_e2e_batch.py');
    for (const format of ['current', 'mixed', 'none'] as const) {
      expect(defaultCommands({ harness: 'scylla', format }).command).toContain('manage_experiment.py run');
    }
    expect(defaultCommands({ harness: 'inspect', format: 'inspect-eval' })).toEqual({
      command: 'inspect eval-retry {logs}',
      rejudgeCommand: null,
    });
    expect(defaultCommands({ harness: 'promptfoo', format: 'promptfoo-json' })).toEqual({
      command: 'promptfoo eval --retry-errors',
      rejudgeCommand: null,
    });
    const inspect = planRerun(
      [
        test('task/2', { resultDir: 'logs/a b.eval' }),
        test('task/1', { resultDir: 'logs/a b.eval' }),
        test('other/1', { resultDir: 'logs/other.eval' }),
      ],
      { harness: 'inspect', format: 'inspect-eval' },
      none,
    );
    expect(inspect.command).toBe("inspect eval-retry logs/other.eval 'logs/a b.eval'");
    const empty = planRerun(
      [test('t', { category: 'pass', cause: 'passed' })],
      { harness: 'scylla', format: 'current' },
      none,
    );
    expect(empty).toEqual({ tests: [], rejudge: [], command: null, rejudgeCommand: null, costAtStake: 0 });
  });

  it("the config's commands take {tests}, each id a shell word, quoted only when it must be", () => {
    const plan = planRerun(
      [
        test('test-1', {}),
        test("it's $(here)", {}),
        test('a b', { category: 'infrastructure', cause: 'judge-failed', cost: 1 }),
      ],
      { harness: 'scylla', format: 'current' },
      { rerun: { command: 'run {tests} && echo done', rejudgeCommand: 'judge --only {tests}' } },
    );
    expect(plan.command).toBe(`run 'a b' 'it'\\''s $(here)' test-1 && echo done`);
    expect(plan.rejudgeCommand).toBe("judge --only 'a b'");
  });

  it('shell quoting: bare for safe words, single quotes otherwise', () => {
    expect(shellQuote('test-001')).toBe('test-001');
    expect(shellQuote('task/1#2@openai/gpt-4o')).toBe("'task/1#2@openai/gpt-4o'");
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("'")).toBe(`''\\'''`);
    expect(shellQuote('`x`;rm -rf /')).toBe("'`x`;rm -rf /'");
  });
});
