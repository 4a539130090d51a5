import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runProcess } from '../helpers/run-cli.js';
import { startGitHubStub, type GitHubStub } from './github-stub.js';

let gh: GitHubStub;
beforeEach(async () => {
  gh = await startGitHubStub();
});
afterEach(async () => {
  await gh.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${gh.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the GitHub stand-in', () => {
  it('serves the Git Data sequence through the real Octokit', async () => {
    const octokit = getOctokit('t', { baseUrl: gh.url });
    const branch = await octokit.rest.repos.getBranch({ owner: 'acme', repo: 'widgets', branch: 'main' });
    const tree = await octokit.rest.git.createTree({
      owner: 'acme',
      repo: 'widgets',
      base_tree: branch.data.commit.commit.tree.sha,
      tree: [{ path: 'a/b.md', mode: '100644', type: 'blob', content: 'x' }],
    });
    const commit = await octokit.rest.git.createCommit({
      owner: 'acme',
      repo: 'widgets',
      message: 'm',
      tree: tree.data.sha,
      parents: [branch.data.commit.sha],
    });
    await octokit.rest.git.updateRef({
      owner: 'acme',
      repo: 'widgets',
      ref: 'heads/main',
      sha: commit.data.sha,
      force: false,
    });
    expect(gh.files('main').get('a/b.md')).toBe('x');
    expect(gh.log.map((r) => r.operationId)).toEqual([
      'repos/get-branch',
      'git/create-tree',
      'git/create-commit',
      'git/update-ref',
    ]);
  });

  it('refuses what GitHub would refuse: a typo in a body, a bad mode, a missing field, an unknown endpoint', async () => {
    expect((await post('/repos/acme/widgets/issues/7/comments', { body: 'x', bodyy: 'typo' })).status).toBe(422);
    expect(
      (await post('/repos/acme/widgets/git/trees', { tree: [{ path: 'a', mode: '644', type: 'blob', content: 'x' }] }))
        .status,
    ).toBe(422);
    expect((await post('/repos/acme/widgets/git/commits', { message: 'no tree' })).status).toBe(422);
    expect((await post('/repos/acme/widgets/git/treez', { tree: [] })).status).toBe(404);
    expect((await fetch(`${gh.url}/repos/acme/widgets/git/refs/heads%2Fmain`, { method: 'DELETE' })).status).toBe(404);
    expect(gh.log.every((r) => r.error)).toBe(true);
  });

  it('pages issue comments with a Link header', async () => {
    gh.comments.set(
      7,
      Array.from({ length: 5 }, (_, i) => ({ id: i + 1, body: `c${i}`, user: { login: 'u', type: 'User' as const } })),
    );
    const res = await fetch(`${gh.url}/repos/acme/widgets/issues/7/comments?per_page=2&page=2`);
    expect(((await res.json()) as { body: string }[]).map((c) => c.body)).toEqual(['c2', 'c3']);
    expect(res.headers.get('link')).toMatch(/page=3>; rel="next"/);
  });

  it('is built from the current @octokit/openapi description', async () => {
    const check = await runProcess(process.execPath, ['scripts/trim-openapi.mjs', '--check']);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });
});
