import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';

// @ts-expect-error plain JS script without types
import { makeBatch } from '../../scripts/make-batch.mjs';
// @ts-expect-error plain JS script without types
import { makeCurrentBatch } from '../../scripts/make-current-batch.mjs';
import type { TriageResult } from '../../src/model.js';
import { fakeCredentials, plantedPieces } from '../helpers/fake-credentials.js';
import { plantedBatch } from '../helpers/planted-batch.js';
import { ANALYSIS_FILES, CLI, runCli } from '../helpers/run-cli.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-triage-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

interface Expected {
  tests: { testId: string; status: string; category: string; maskedPass: boolean }[];
  summary: Record<string, number>;
}

describe('the bundled CLI', () => {
  it.each([
    { tests: 47, threads: 2, seed: 1 },
    { tests: 120, threads: 4, seed: 7 },
    { tests: 30, threads: 3, seed: 99 },
  ])('agrees exactly with the generator ground truth ($tests tests, $threads threads, seed $seed)', async (shape) => {
    const dir = join(work, `batch-${shape.seed}`);
    makeBatch({ out: dir, expected: true, ...shape });
    const out = join(work, `out-${shape.seed}`);
    const run = await runCli([dir, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = await readJson<Expected>(join(dir, 'EXPECTED.json'));
    const triage = await readJson<TriageResult>(join(out, 'triage.json'));
    expect(
      triage.tests.map((t) => ({ testId: t.testId, status: t.status, category: t.category, maskedPass: t.maskedPass })),
    ).toEqual(expected.tests);
    expect(triage.summary).toMatchObject(expected.summary);
    expect(triage.summary.sessions).toBe(3);
    // The cascade: worktree collisions on thread 0 in session 3 are attributed to the first crash there.
    const collisions = triage.rootCauses.find((rc) => rc.signature.includes('Failed to create worktree'));
    const crash = triage.rootCauses.find((rc) =>
      rc.signature.includes("'TierConfig' object has no attribute 'language'"),
    );
    expect(collisions?.causedBy).toBe(crash?.id);
  });

  it.each([
    { tests: 40, seed: 1 },
    { tests: 90, seed: 12 },
  ])(
    'agrees exactly with the ground truth of a batch as the August 2026 runner writes it ($tests tests, seed $seed)',
    async (shape) => {
      const dir = join(work, `current-${shape.seed}`);
      makeCurrentBatch({ out: dir, expected: true, ...shape });
      const out = join(work, `current-out-${shape.seed}`);
      const run = await runCli([dir, '--out', out]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const expected = await readJson<{
        tests: unknown[];
        excluded: unknown[];
        hostRootCauses: { resources: string; tests: string[] }[];
      }>(join(dir, 'EXPECTED.json'));
      const triage = await readJson<TriageResult>(join(out, 'triage.json'));
      expect(
        triage.tests.map((t) => ({
          testId: t.testId,
          status: t.status,
          category: t.category,
          cause: t.cause,
          maskedPass: t.maskedPass,
        })),
      ).toEqual(expected.tests);
      expect(triage.excluded).toEqual(expected.excluded);
      const host = triage.rootCauses
        .filter((rc) => rc.signature.startsWith('host short of'))
        .map((rc) => ({
          resources: /host short of ([a-z ]+?) \(/.exec(rc.signature)![1]!.replace(' and ', '+'),
          tests: rc.tests,
        }))
        .sort((a, b) => (a.resources < b.resources ? -1 : 1));
      expect(host).toEqual(expected.hostRootCauses);
      expect(triage.batch.format).toBe('current');
      expect(run.stdout).not.toContain('log sessions');
    },
  );

  it('writes no credential it finds in the results: no output file, no line on the terminal', async () => {
    const dir = join(work, 'planted');
    for (const [path, text] of Object.entries(plantedBatch())) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const out = join(work, 'planted-out');
    const runs = [await runCli([dir, '--out', out]), await runCli([dir, '--out', out, '--json'])];
    const written = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    const everything = [
      ...runs.flatMap((r) => [r.stdout, r.stderr]),
      ...(await Promise.all(written.map((e) => readFile(join(e.parentPath, e.name), 'utf8')))),
      ...written.map((e) => join(e.parentPath, e.name)),
    ].join('\n');
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(plantedPieces(fakeCredentials()).filter((piece) => everything.includes(piece))).toEqual([]);
    expect(runs[0]!.stdout).toMatch(/credentials? printed by the harness, redacted from this analysis/);
    expect(await readFile(join(out, 'README.md'), 'utf8')).toContain('**Rotate these credentials.**');
  });

  it('runs on the shipped sample batch and writes the whole analysis folder', async () => {
    const out = join(work, 'sample');
    const run = await runCli(['examples/sample-batch', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/tests\s+47/);
    expect(run.stdout).toMatch(/masked passes\s+\d+/);
    const files = await readdir(out, { recursive: true });
    for (const f of ANALYSIS_FILES) {
      expect(files).toContain(f);
    }
    const triage = await readJson<TriageResult>(join(out, 'triage.json'));
    const failing = triage.tests.filter((t) => t.status !== 'pass' || t.category !== 'pass');
    for (const t of failing) expect(files).toContain(`failures/${t.testId}.md`);
    for (const t of triage.tests) expect(files).toContain(`issues/${t.testId}.md`);
  });

  it('prints triage.json with --json, and reads a zip that wraps the batch in a folder', async () => {
    const zipPath = join(work, 'results.zip');
    const zip = new yazl.ZipFile();
    zip.addBuffer(
      Buffer.from(await readFile('examples/sample-batch/batch_summary.json')),
      'e2e-results/batch_summary.json',
    );
    zip.addBuffer(
      Buffer.from(await readFile('examples/sample-batch/thread_logs/thread_0.log')),
      'e2e-results/thread_logs/thread_0.log',
    );
    zip.end();
    await new Promise<void>((ok) => zip.outputStream.pipe(createWriteStream(zipPath)).on('close', () => ok()));
    const run = await runCli([zipPath, '--json', '--out', join(work, 'zip-out')]);
    expect(run.code).toBe(0);
    const triage = JSON.parse(run.stdout) as TriageResult;
    expect(triage.batch.source).toBe('results');
    expect(triage.summary.total).toBe(47);
  });

  it('stops quietly when the reader of --json closes the pipe early', async () => {
    // `e2e-triage … --json | head`: a closed pipe must not end in a stack trace.
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [CLI, 'examples/sample-batch', '--out', join(work, 'pipe-out'), '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((ok) => child.stdout.once('data', () => ok()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((ok) => child.on('close', ok));
    expect(stderr).not.toMatch(/EPIPE|at .*\(node:/);
    expect(code).toBe(0);
  });

  it('compares with a previous analysis given by --baseline, and says when there is none', async () => {
    const before = join(work, 'baseline-out');
    expect((await runCli(['examples/sample-batch', '--out', before])).code).toBe(0);
    const next = join(work, 'next-batch');
    makeBatch({ out: next, tests: 47, threads: 2, seed: 21 });
    const compared = await runCli([next, '--out', join(work, 'next-out'), '--baseline', before]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toMatch(
      /since last batch: \d+ new failures, \d+ fixed, \d+ still failing, 0 new, 0 removed/,
    );
    const triage = await readJson<TriageResult>(join(work, 'next-out', 'triage.json'));
    expect(triage.comparison?.comparable).toBe(true);
    expect(await readFile(join(work, 'next-out', 'README.md'), 'utf8')).toContain('## Since last batch');
    const none = await runCli([next, '--out', join(work, 'none-out'), '--baseline', join(work, 'no-such-dir')]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('since last batch: no previous analysis found');
  });

  it('exits 1 with a one-line reason naming the file and position on unusable input, and 2 on usage errors', async () => {
    const bad = join(work, 'bad');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'batch_summary.json'), '{\n  "results": [\n    {"test_id": "a",}\n  ]\n}\n');
    const run = await runCli([bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('e2e-triage: batch_summary.json: invalid JSON at line 3, column 21\n');

    const missing = await runCli([join(work, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such file or folder/);

    const usage = await runCli(['a', 'b']);
    expect(usage.code).toBe(2);
    const mode = await runCli([bad, '--issue-mode', 'weird']);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/--issue-mode must be per-test or per-root-cause/);
    const label = await runCli([bad, '--issue-label', 'a,b']);
    expect(label.code).toBe(2);
    expect(label.stderr).toMatch(/^e2e-triage: --issue-label: label "a,b": use 1 to 50 letters/);
  });

  it('gives every issue the label of --issue-label', async () => {
    const out = join(work, 'labelled');
    const run = await runCli(['examples/sample-batch', '--out', out, '--issue-label', 'nightly e2e']);
    expect(run.code).toBe(0);
    const epic = await readFile(join(out, 'issues/epic.md'), 'utf8');
    expect(epic).toMatch(/^<!-- e2e-triage:labels=nightly e2e,epic -->/m);
    const issues = (await readdir(join(out, 'issues'))).filter((f) => !f.startsWith('epic') && f.endsWith('.md'));
    expect(issues.length).toBeGreaterThan(5);
    for (const f of issues) {
      const text = await readFile(join(out, 'issues', f), 'utf8');
      expect(text).toMatch(/^<!-- e2e-triage:labels=nightly e2e(,[a-z0-9-]+)* -->/m);
      expect(text).not.toMatch(/labels=e2e-triage/);
    }
  });

  it('never writes through a symlink planted in the output folder', async () => {
    const dir = join(work, 'planted');
    makeBatch({ out: dir, tests: 5, threads: 1, seed: 3 });
    await mkdir(join(dir, 'analysis'), { recursive: true });
    const victim = join(work, 'victim.txt');
    await writeFile(victim, 'untouched');
    await symlink(victim, join(dir, 'analysis', 'README.md'));
    const run = await runCli([dir]);
    expect(run.code).toBe(0);
    expect(await readFile(victim, 'utf8')).toBe('untouched');
    expect(existsSync(join(dir, 'analysis', 'README.md'))).toBe(true);
  });

  it('never reads through a symlink planted in the results, and says so', async () => {
    const dir = join(work, 'linked-in');
    makeBatch({ out: dir, tests: 5, threads: 1, seed: 3 });
    const folder = (await readdir(dir)).find((name) => /^\d{4}-.*-test-/.test(name))!;
    const elsewhere = join(work, 'elsewhere.json');
    await writeFile(elsewhere, JSON.stringify({ summary: { best_tier: 'PLANTED-OUTSIDE' }, children: [] }));
    await rm(join(dir, folder, 'report.json'), { force: true });
    await symlink(elsewhere, join(dir, folder, 'report.json'));
    const out = join(work, 'linked-in-analysis');
    const run = await runCli([dir, '--out', out]);
    expect(run.code).toBe(0);
    const triage = await readJson<TriageResult>(join(out, 'triage.json'));
    expect(triage.warnings).toContainEqual(
      expect.objectContaining({
        file: `${folder}/report.json`,
        message: `${folder}/report.json: a symbolic link, not followed`,
      }),
    );
    for (const name of await readdir(out, { recursive: true })) {
      if (!name.endsWith('.md') && !name.endsWith('.json')) continue;
      expect(await readFile(join(out, name), 'utf8')).not.toContain('PLANTED-OUTSIDE');
    }
  });

  it('runs under the system Node 20 too', async () => {
    if (!existsSync('/usr/bin/node')) return;
    const run = await runCli(['--version'], '/usr/bin/node');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
