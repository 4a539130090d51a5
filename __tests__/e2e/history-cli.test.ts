// Eight batches analysed one after the other with --history through the bundled CLI: every test's letters,
// state and the statistics against the previous batch are checked against the patterns the batches were made
// from (worked out here, independently of the code); analysing a batch again changes nothing; the history
// rebuilt from the analyses alone is the same file; a broken history.json is rebuilt with a warning.

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error plain JS script without types
import { makeSequence } from '../../scripts/make-sequence.mjs';
import type { TriageResult } from '../../src/model.js';
import { runCli } from '../helpers/run-cli.js';

const BATCHES = 8;
let work: string;
let plan: { testId: string; name: string; pattern: string }[];
const runs: { code: number | null; stdout: string; stderr: string }[] = [];

const read = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const history = (...parts: string[]) => join(work, 'history', ...parts);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-triage-history-'));
  plan = makeSequence({ out: join(work, 'seq'), batches: BATCHES, tests: 40, seed: 3 });
  for (let b = 1; b <= BATCHES; b++) runs.push(await runCli([join(work, 'seq', `batch-${b}`), '--history', history()]));
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The letter a pattern's batch gives, as the issue defines it: a masked pass is a P. */
const letterAt = (pattern: string, b: number) => (pattern[b] === 'M' ? 'P' : pattern[b]!);

/** The state rules, written out again from the text. */
function expectedState(letters: string): string {
  const s = [...letters].filter((c) => c === 'P' || c === 'F');
  const n = s.length;
  const flips = s.filter((c, i) => i > 0 && c !== s[i - 1]).length;
  if (n < 3) return 'new';
  if (flips >= 2 && flips / (n - 1) >= 0.3) return 'flaky';
  const last = s[n - 1];
  let run = 0;
  while (run < n && s[n - 1 - run] === last) run++;
  const before = s.slice(0, n - run);
  if (last === 'F' && before.length >= 3 && before.every((c) => c === 'P')) return 'regressed';
  if (last === 'P' && before.length >= 3 && before.every((c) => c === 'F')) return 'fixed';
  if (s.filter((c) => c === 'F').length * 2 >= n) return 'failing';
  return 'passing';
}

describe('a history of eight batches, analysed one after the other', () => {
  it('exits 0 every time and writes the analyses, history.json and the index beside them', async () => {
    expect(runs.map((r) => r.code)).toEqual(Array(BATCHES).fill(0));
    expect(runs.map((r) => r.stderr)).toEqual(Array(BATCHES).fill(''));
    const index = await readFile(history('README.md'), 'utf8');
    expect(index).toContain('# E2E batch history');
    for (let b = 1; b <= BATCHES; b++) expect(index).toContain(`[batch-${b}](batch-${b}/README.md)`);
    expect(runs[0]!.stdout).toContain('since last batch: no previous analysis found');
  });

  it('gives every test of every batch exactly its letters and state over the window', async () => {
    for (let b = 1; b <= BATCHES; b++) {
      const triage = await read<TriageResult>(history(`batch-${b}`, 'triage.json'));
      expect(triage.history!.batches).toBe(b);
      expect(triage.history!.runs.map((r) => r.run)).toEqual(Array.from({ length: b }, (_, i) => `batch-${i + 1}`));
      const inBatch = plan.filter((p) => p.pattern[b - 1] !== '.');
      const expected = inBatch.map((p) => {
        const letters = Array.from({ length: b }, (_, i) => letterAt(p.pattern, i)).join('');
        return { testId: p.testId, outcomes: letters, state: expectedState(letters) };
      });
      expect(triage.history!.tests.map((t) => ({ testId: t.testId, outcomes: t.outcomes, state: t.state }))).toEqual(
        expected,
      );
    }
  });

  it('finds the shapes it was made of in the last batch', async () => {
    const triage = await read<TriageResult>(history(`batch-${BATCHES}`, 'triage.json'));
    const state = (name: string) =>
      triage.history!.tests.find((t) => t.testId === plan.find((p) => p.name === name)!.testId)!.state;
    expect(state('regressed')).toBe('regressed');
    expect(state('fixed')).toBe('fixed');
    expect(state('flaky')).toBe('flaky');
    expect(state('failing')).toBe('failing');
    expect(state('passing')).toBe('passing');
    expect(state('no-signal')).toBe('new');
    expect(state('masked-then-fail')).toBe('regressed');
    expect(state('joins-late')).toBe('new');
    expect(state('crashes-in-between')).toBe('regressed');
  });

  it('compares each batch with the previous one of its configuration, pairing the model verdicts', async () => {
    for (let b = 2; b <= BATCHES; b++) {
      const triage = await read<TriageResult>(history(`batch-${b}`, 'triage.json'));
      expect(triage.comparison!.baseline.source).toMatch(new RegExp(`batch-${b - 1}/triage\\.json$`));
      let n = 0;
      let passToFail = 0;
      let failToPass = 0;
      for (const p of plan) {
        const before = letterAt(p.pattern, b - 2);
        const now = letterAt(p.pattern, b - 1);
        if (!'PF'.includes(before) || !'PF'.includes(now)) continue;
        n++;
        if (before === 'P' && now === 'F') passToFail++;
        if (before === 'F' && now === 'P') failToPass++;
      }
      const stats = triage.comparison!.statistics!;
      expect({ n: stats.pairedTests, b: stats.passToFail, c: stats.failToPass }).toEqual({
        n,
        b: passToFail,
        c: failToPass,
      });
      // Exact McNemar written out: twice the lower binomial tail.
      const m = passToFail + failToPass;
      const k = Math.min(passToFail, failToPass);
      let tail = 0;
      for (let i = 0; i <= k; i++) tail += choose(m, i) / 2 ** m;
      expect(stats.mcnemarP).toBeCloseTo(m === 0 ? 1 : Math.min(1, 2 * tail), 9);
      expect(stats.delta).toBeCloseTo(n === 0 ? NaN : (failToPass - passToFail) / n, 9);
    }
  });

  it('shows a flaky failure as noise and a regression as news: the regressed tests first', async () => {
    const readme = await readFile(history(`batch-${BATCHES}`, 'README.md'), 'utf8');
    expect(readme).toMatch(/^model pass rate \d+% \[\d+–\d+%\] · vs previous: [+-]\d+\.\d points/m);
    expect(readme).toContain('## History');
    const newFailures = /- \*\*New failures\*\*: (.*)/.exec(readme)?.[1] ?? '';
    const states = [...newFailures.matchAll(/\((\w+) [🟩🟥⬛·]+\)/gu)].map((m) => m[1]);
    expect(states.length).toBeGreaterThan(0);
    expect(states.indexOf('regressed')).toBe(0);
    expect(states.lastIndexOf('regressed')).toBeLessThan(
      states.indexOf('flaky') === -1 ? Infinity : states.indexOf('flaky'),
    );
  });

  it('changes nothing when a batch is analysed again', async () => {
    const before = await readFile(history('history.json'), 'utf8');
    const index = await readFile(history('README.md'), 'utf8');
    const again = await runCli([join(work, 'seq', `batch-${BATCHES}`), '--history', history()]);
    expect(again.code).toBe(0);
    expect(await readFile(history('history.json'), 'utf8')).toBe(before);
    expect(await readFile(history('README.md'), 'utf8')).toBe(index);
  });

  it('rebuilds the same history.json and index from the analyses alone', async () => {
    const incremental = await readFile(history('history.json'), 'utf8');
    const index = await readFile(history('README.md'), 'utf8');
    await rm(history('history.json'));
    const rebuilt = await runCli(['history', history()]);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain(`from ${BATCHES} batches`);
    expect(await readFile(history('history.json'), 'utf8')).toBe(incremental);
    expect(await readFile(history('README.md'), 'utf8')).toBe(index);
  });

  it('rebuilds a broken history.json, saying so, and never fails the analysis because of it', async () => {
    const good = await readFile(history('history.json'), 'utf8');
    await writeFile(history('history.json'), '{"schemaVersion": 99, "configurations": []}');
    const run = await runCli([join(work, 'seq', `batch-${BATCHES}`), '--history', history()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/history\.json: schemaVersion: schemaVersion 99 is not one this version reads; rebuilt/);
    expect(await readFile(history('history.json'), 'utf8')).toBe(good);
    await writeFile(history('history.json'), '{"schemaVersion": 1, "configurations": [');
    const broken = await runCli([join(work, 'seq', `batch-${BATCHES}`), '--history', history()]);
    expect(broken.code).toBe(0);
    expect(broken.stdout).toMatch(/history\.json: invalid JSON at the end of the file \(truncated\?\); rebuilt/);
    expect(await readFile(history('history.json'), 'utf8')).toBe(good);
  });

  it('refuses a bad window, and a window without a history folder', async () => {
    const bad = await runCli([join(work, 'seq', 'batch-1'), '--history', history(), '--history-window', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--history-window must be a whole number from 1 to 1000');
    const alone = await runCli([join(work, 'seq', 'batch-1'), '--history-window', '5']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--history-window needs --history DIR');
  });

  it('refuses an option of the analysis given to the rebuild, instead of ignoring it', async () => {
    const stray = await runCli(['history', history(), '--out', join(work, 'elsewhere'), '--json']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('history DIR takes --history-window and --debug only, not --out');
    expect(existsSync(join(work, 'elsewhere'))).toBe(false);
  });
});

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
