// The commit against the OpenAPI-validating stand-in, which refuses create-tree requests over a size as
// GitHub does: large analyses go up in bounded requests and blobs, and a moved branch costs a new graft only.

import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { commitFiles, type CommitLimits } from '../../src/publish/commit.js';
import type { OutputFile } from '../../src/render/index.js';
import { startGitHubStub, type GitHubStub } from '../support/github-stub.js';

const SMALL: CommitLimits = { requestBytes: 4_000, blobBytes: 2_000, maxBlobBytes: 50_000 };

let gh: GitHubStub;
let stdout: string[];

beforeEach(async () => {
  gh = await startGitHubStub();
  // The stand-in refuses what GitHub would: here anything over the small request size plus a margin.
  gh.maxTreeRequestBytes = SMALL.requestBytes + 1_000;
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await gh.close();
});

// Without the throttling plugin of the action's client (one write per second): the e2e tests run that one.
const createOctokit = (token: string) => getOctokit(token, { baseUrl: gh.url });

const target = (path = 'analysis/run-1') => ({
  owner: 'acme',
  repo: 'widgets',
  branch: 'e2e-analysis',
  path,
  message: 'e2e-triage: test',
});

/** Pages of about 300 bytes with text that needs JSON escaping, one executable script, one streamed file. */
function pages(count: number): OutputFile[] {
  const files: OutputFile[] = [];
  for (let i = 0; i < count; i++) {
    files.push({ path: `failures/test-${i}.md`, content: `# test-${i} "quoted" \\ ✅\n${'line\n'.repeat(50)}` });
  }
  files.push({ path: 'file_issues.sh', content: '#!/usr/bin/env bash\necho hi\n', executable: true });
  files.push({ path: 'triage.json', parts: () => ['{\n', `  "big": "${'x'.repeat(3_000)}"\n`, '}\n'] });
  return files;
}

const operations = () => gh.log.map((r) => `${r.operationId} ${r.status}`);

describe('commitFiles', () => {
  it('builds a large analysis in bounded requests, sends big files as blobs, and commits it all', async () => {
    const files = pages(60);
    const result = await commitFiles(createOctokit('t'), target(), files, undefined, SMALL);

    const committed = gh.files('e2e-analysis');
    expect(committed.size).toBe(files.length);
    for (const f of files) {
      const text = 'content' in f ? f.content : [...f.parts()].join('');
      expect(committed.get(`analysis/run-1/${f.path}`)).toBe(text);
    }
    const ops = operations();
    expect(ops.filter((o) => o.endsWith(' 422'))).toEqual([]);
    expect(ops.filter((o) => o === 'git/create-blob 201')).toHaveLength(1);
    // 60 pages of ~330 bytes of JSON in requests of 4,000 bytes: at least 5 requests, plus the graft.
    const trees = ops.filter((o) => o === 'git/create-tree 201').length;
    expect(trees).toBeGreaterThanOrEqual(6);
    expect(result.calls).toBe(ops.length);
    expect(result.created).toBe(true);
  });

  it('keeps the executable bit and what the branch already holds', async () => {
    const octokit = createOctokit('t');
    await commitFiles(octokit, target(), pages(30), undefined, SMALL);
    await commitFiles(octokit, target('analysis/run-2'), pages(30), undefined, SMALL);
    const committed = gh.files('e2e-analysis');
    expect(committed.has('analysis/run-1/failures/test-29.md')).toBe(true);
    expect(committed.has('analysis/run-2/failures/test-29.md')).toBe(true);
    const head = gh.refs.get('heads/e2e-analysis')!;
    const listing = await octokit.rest.git.getTree({
      owner: 'acme',
      repo: 'widgets',
      tree_sha: gh.commits.get(head)!.tree,
      recursive: 'true',
    });
    const mode = (path: string) => listing.data.tree.find((e) => e.path === path)?.mode;
    expect(mode('analysis/run-2/file_issues.sh')).toBe('100755');
    expect(mode('analysis/run-2/README.md') ?? mode('analysis/run-2/failures/test-0.md')).toBe('100644');
  });

  it('a moved branch costs a new graft, commit and ref update, not a new upload', async () => {
    await commitFiles(createOctokit('t'), target('analysis/run-1'), pages(5), undefined, SMALL);
    gh.log.length = 0;
    let pushed = false;
    gh.beforeUpdateRef = () => {
      if (pushed) return;
      pushed = true;
      gh.pushFile('e2e-analysis', 'notes/concurrent.md', 'from another run');
    };
    await commitFiles(createOctokit('t'), target('analysis/run-2'), pages(40), undefined, SMALL);

    const ops = operations();
    const firstRef = ops.indexOf('git/update-ref 422');
    expect(firstRef).toBeGreaterThan(0);
    // After the refusal: read the head again, one graft, one commit, one ref update. Nothing re-uploaded.
    expect(ops.slice(firstRef + 1)).toEqual([
      'repos/get-branch 200',
      'git/create-tree 201',
      'git/create-commit 201',
      'git/update-ref 200',
    ]);
    const committed = gh.files('e2e-analysis');
    expect(committed.get('notes/concurrent.md')).toBe('from another run');
    expect(committed.has('analysis/run-1/failures/test-4.md')).toBe(true);
    expect(committed.has('analysis/run-2/failures/test-39.md')).toBe(true);
  });

  it('leaves out a file over the blob limit with a warning, and commits the rest', async () => {
    const files: OutputFile[] = [
      { path: 'README.md', content: '# ok\n' },
      { path: 'triage.json', content: 'y'.repeat(SMALL.maxBlobBytes + 1) },
    ];
    const result = await commitFiles(createOctokit('t'), target(), files, undefined, SMALL);
    expect(result.skipped).toEqual(['triage.json']);
    expect(stdout.join('')).toMatch(/::warning::analysis\/run-1\/triage\.json is 0\.0 MiB, over GitHub's/);
    const committed = gh.files('e2e-analysis');
    expect(committed.get('analysis/run-1/README.md')).toBe('# ok\n');
    expect(committed.has('analysis/run-1/triage.json')).toBe(false);
  });

  it('sizes files as sent: a short page that JSON escaping inflates goes up as a blob', async () => {
    // 1,500 bytes of text, 9,000 once escaped: over the request size if it were sent inline.
    const files: OutputFile[] = [{ path: 'odd.md', content: '\u0001'.repeat(1_500) }, ...pages(3)];
    await commitFiles(createOctokit('t'), target(), files, undefined, SMALL);
    expect(operations().filter((o) => o.startsWith('git/create-blob'))).toEqual([
      'git/create-blob 201',
      'git/create-blob 201',
    ]);
    expect(operations().filter((o) => o.endsWith(' 422'))).toEqual([]);
    expect(gh.files('e2e-analysis').get('analysis/run-1/odd.md')).toBe('\u0001'.repeat(1_500));
  });

  it('re-committing the same large analysis makes no commit', async () => {
    const first = await commitFiles(createOctokit('t'), target(), pages(40), undefined, SMALL);
    const commits = gh.commits.size;
    const second = await commitFiles(createOctokit('t'), target(), pages(40), undefined, SMALL);
    expect(second.sha).toBe(first.sha);
    expect(second.created).toBe(false);
    expect(gh.commits.size).toBe(commits);
  });

  it('the stand-in refuses one request with everything, as GitHub does', async () => {
    await expect(
      commitFiles(createOctokit('t'), target(), pages(60), undefined, {
        ...SMALL,
        requestBytes: 1_000_000,
      }),
    ).rejects.toThrow(/too large to process/);
  });
});
