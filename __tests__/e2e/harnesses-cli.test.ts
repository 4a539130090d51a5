// Inspect AI logs and promptfoo output through the bundled CLI, as a user gives them: a folder, one file, a zip;
// recognised without help, forced with --format, refused with a clear line when ambiguous or unknown; the
// analysis and file_issues.sh work unchanged, with titles made of each harness's test ids.

import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';

import type { TriageResult } from '../../src/model.js';
import { ANALYSIS_FILES, runCli, runProcess } from '../helpers/run-cli.js';

const INSPECT = '__tests__/fixtures/inspect';
const PROMPTFOO = '__tests__/fixtures/promptfoo';
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-triage-harnesses-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const triageOf = async (out: string) => JSON.parse(await readFile(join(out, 'triage.json'), 'utf8')) as TriageResult;
const verdicts = (t: TriageResult) => t.tests.map((x) => [x.testId, x.category, x.cause]);

describe('Inspect AI through the bundled CLI', () => {
  it('reads one .eval log, and writes the whole analysis folder', async () => {
    const out = join(work, 'eval');
    const run = await runCli([`${INSPECT}/made/ctf-lite.eval`, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^e2e-triage [\d.]+: ctf-lite\.eval \(inspect-eval, model anthropic\/claude-sonnet-4-5\)/,
    );
    for (const f of ANALYSIS_FILES) expect((await readdir(out, { recursive: true })).includes(f)).toBe(true);
    const triage = await triageOf(out);
    expect(triage.batch).toMatchObject({ harness: 'inspect', format: 'inspect-eval' });
    expect(verdicts(triage)).toEqual([
      ['ctf_lite/1', 'pass', 'passed'],
      ['ctf_lite/2', 'model-failure', 'scored-low'],
      ['ctf_lite/3', 'model-failure', 'limit'],
      ['ctf_lite/4', 'infrastructure', 'rate-limit'],
      ['ctf_lite/5', 'framework-bug', 'crash'],
      ['ctf_lite/6', 'pass', 'passed'],
    ]);
    const issue = await readFile(join(out, 'issues', 'ctf_lite_5.md'), 'utf8');
    expect(issue.split('\n')[0]).toBe('# [E2E] ctf_lite/5 - ERROR');
  });

  it('reads the same log as .json, and a folder of logs, the same way', async () => {
    const json = await runCli([`${INSPECT}/made/ctf-lite.json`, '--out', join(work, 'json')]);
    expect(json.code).toBe(0);
    expect((await triageOf(join(work, 'json'))).batch.format).toBe('inspect-json');
    expect(verdicts(await triageOf(join(work, 'json')))).toEqual(verdicts(await triageOf(join(work, 'eval'))));
    const folder = await runCli([`${INSPECT}/real`, '--out', join(work, 'real')]);
    expect(folder.code).toBe(0);
    const real = await triageOf(join(work, 'real'));
    expect(real.batch.harness).toBe('inspect');
    expect(real.tests.length).toBeGreaterThan(0);
  });

  it('reads a zip of logs, as an artifact arrives', async () => {
    const zip = new yazl.ZipFile();
    zip.addFile(`${INSPECT}/made/ctf-lite.eval`, 'inspect-logs/2026-08-20T14-03-07-00-00_ctf-lite.eval');
    zip.end();
    const parts: Buffer[] = [];
    for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
    await writeFile(join(work, 'logs.zip'), Buffer.concat(parts));
    const run = await runCli([join(work, 'logs.zip'), '--out', join(work, 'zip')]);
    expect(run.code).toBe(0);
    expect(verdicts(await triageOf(join(work, 'zip')))).toEqual(verdicts(await triageOf(join(work, 'eval'))));
  });
});

describe('promptfoo through the bundled CLI', () => {
  it('reads an output file: every row category exactly as the rules say', async () => {
    const out = join(work, 'pf');
    const run = await runCli([`${PROMPTFOO}/out.json`, '--out', out]);
    expect(run.code).toBe(0);
    const triage = await triageOf(out);
    expect(triage.batch).toMatchObject({ harness: 'promptfoo', format: 'promptfoo-json' });
    expect(verdicts(triage)).toEqual([
      ['passes', 'pass', 'passed'],
      ['wrong answer', 'model-failure', 'scored-low'],
      ['rate limited', 'infrastructure', 'rate-limit'],
      ['provider throws', 'infrastructure', 'api-error'],
      ['null output', 'unknown', 'no-verdict'],
    ]);
  });

  it('files issues whose titles are the test ids (file_issues.sh --dry-run, real bash)', async () => {
    const out = join(work, 'pf');
    const dry = await runProcess('bash', [join(out, 'file_issues.sh'), '--dry-run'], {
      env: { PATH: process.env.PATH },
    });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('[E2E] wrong answer - FAIL');
    expect(dry.stdout).toContain('[E2E] rate limited - ERROR');
  });
});

describe('recognising the harness', () => {
  it('refuses a folder two harnesses claim, asking for --format, and reads it when told', async () => {
    const both = join(work, 'both');
    await mkdir(both, { recursive: true });
    await copyFile('examples/sample-batch/batch_summary.json', join(both, 'batch_summary.json'));
    await copyFile(`${PROMPTFOO}/out.json`, join(both, 'out.json'));
    const run = await runCli([both, '--out', join(work, 'both-out')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('e2e-triage: both: holds results of scylla and promptfoo; say which with --format\n');
    const forced = await runCli([both, '--format', 'promptfoo', '--out', join(work, 'both-out')]);
    expect(forced.code).toBe(0);
    expect((await triageOf(join(work, 'both-out'))).batch.harness).toBe('promptfoo');
  });

  it('says which formats it looked for when it recognises nothing, and refuses an unknown --format', async () => {
    const empty = join(work, 'empty');
    await mkdir(empty, { recursive: true });
    await writeFile(join(empty, 'notes.json'), '{"hello": "world"}');
    const run = await runCli([empty]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'e2e-triage: empty: no results found (looked 2 folders deep for a batch_summary.json (ProjectScylla); or Inspect AI logs (*.eval, or .json logs with an Inspect header); or a promptfoo output file (promptfoo eval -o out.json or out.jsonl))\n',
    );
    const bad = await runCli([empty, '--format', 'lm-eval']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be scylla, inspect, promptfoo, not "lm-eval"');
  });
});
