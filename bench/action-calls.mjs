// Counts the REST calls of one action run and its peak RSS: dist/index.js under Node 24 against the same loopback stand-ins
// as the end-to-end tests (bundled here from __tests__/support so plain node can load them).

import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { build } from 'esbuild';
import yazl from 'yazl';

const ROOT = resolve(new URL('..', import.meta.url).pathname);

async function loadStubs() {
  const outdir = join(ROOT, 'bench/out');
  await build({
    entryPoints: [join(ROOT, '__tests__/support/github-stub.ts'), join(ROOT, '__tests__/support/artifact-stub.ts')],
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
  const gh = await import(join(outdir, 'github-stub.js'));
  const art = await import(join(outdir, 'artifact-stub.js'));
  return { startGitHubStub: gh.startGitHubStub, startArtifactStub: art.startArtifactStub };
}

async function zipFolder(dir) {
  const zip = new yazl.ZipFile();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      zip.addFile(
        join(entry.parentPath, entry.name),
        `e2e-results/${relative(dir, join(entry.parentPath, entry.name))}`,
      );
  }
  zip.end();
  const chunks = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function actionApiCalls(batchDir, node24, work) {
  const { startGitHubStub, startArtifactStub } = await loadStubs();
  let artifacts = null;
  const gh = await startGitHubStub({ blobBaseUrl: () => artifacts.url });
  artifacts = await startArtifactStub((id) => gh.artifacts.find((a) => a.id === id)?.zip);
  try {
    gh.pulls.push({ number: 7, state: 'open', head: { sha: 'f00dfeed', repo: 'acme/widgets' } });
    gh.artifacts.push({ id: 31, name: 'e2e-results', runId: 777, zip: await zipFolder(batchDir) });
    const dir = join(work, `action-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    const event = join(dir, 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        workflow_run: { id: 777, head_sha: 'f00dfeed', status: 'completed', pull_requests: [{ number: 7 }] },
      }),
    );
    writeFileSync(join(dir, 'out'), '');
    writeFileSync(join(dir, 'summary'), '');
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: event,
      GITHUB_OUTPUT: join(dir, 'out'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      GITHUB_REPOSITORY: 'acme/widgets',
      GITHUB_RUN_ID: '4242',
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_TEMP: dir,
      TMPDIR: dir,
      ACTIONS_RUNTIME_TOKEN: artifacts.runtimeToken,
      ACTIONS_RESULTS_URL: `${artifacts.url}/`,
      'INPUT_GITHUB-TOKEN': 'ghs_bench',
    };
    const started = Date.now();
    // Measured as the CLI is (bench/peak.mjs): the whole process, every thread.
    let stderr = '';
    const code = await new Promise((ok) => {
      const child = spawn(node24, [join(ROOT, 'bench/peak.mjs'), 'dist/index.js'], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', ok);
    });
    if (code !== 0) throw new Error(`action exited ${code}: ${stderr}`);
    const rssMb = Number(/MAX_RSS_KB (\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
    const ops = gh.log.map((r) => r.operationId);
    // The commit's calls: its writes plus the one branch read it shares with the previous-analysis lookup.
    const commit = ops.filter((o) => /^git\/(create|update)-/.test(o) || o === 'repos/get-branch').length;
    const comment = ops.filter((o) => o.startsWith('issues/') || o.startsWith('pulls/')).length;
    const counted = new Map();
    for (const o of ops) counted.set(o, (counted.get(o) ?? 0) + 1);
    const operations = [...counted].map(([o, n]) => (n > 1 ? `${o} x${n}` : o)).join(', ');
    const committed = gh.files('e2e-analysis');
    let bytes = 0;
    for (const text of committed.values()) bytes += Buffer.byteLength(text);
    return {
      total: ops.length,
      commit,
      comment,
      operations,
      files: committed.size,
      mb: bytes / 1e6,
      seconds: (Date.now() - started) / 1000,
      rssMb,
    };
  } finally {
    await gh.close();
    await artifacts.close();
  }
}
