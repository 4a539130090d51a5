// Commits the analysis folder to a branch with the Git Data API: one tree (file contents inline, based on
// the branch head), one commit, one ref update without force. A constant number of calls whatever the
// number of files, no commit when nothing changed, and a re-read when the branch moved underneath us.

import * as core from '@actions/core';

import type { RenderedFile } from '../render/index.js';
import { httpStatus, type GitHub } from './octokit.js';

export interface CommitTarget {
  owner: string;
  repo: string;
  branch: string;
  /** Folder inside the branch, no leading or trailing slash. */
  path: string;
  message: string;
}

export interface CommitResult {
  sha: string;
  created: boolean;
  calls: number;
}

const MAX_ATTEMPTS = 4;

export async function commitFiles(octokit: GitHub, target: CommitTarget, files: RenderedFile[]): Promise<CommitResult> {
  const { owner, repo, branch } = target;
  let calls = 0;
  const count = <T>(p: Promise<T>) => {
    calls++;
    return p;
  };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let head = await readHead(octokit, target, count);
    let created = false;
    if (!head) {
      head = await createBranch(octokit, target, count);
      created = true;
    }
    const tree = await count(
      octokit.rest.git.createTree({
        owner,
        repo,
        base_tree: head.tree,
        tree: files.map((f) => ({
          path: `${target.path}/${f.path}`,
          mode: f.executable ? ('100755' as const) : ('100644' as const),
          type: 'blob' as const,
          content: f.content,
        })),
      }),
    );
    if (tree.data.sha === head.tree) {
      core.info(`The analysis in ${branch}:${target.path} is unchanged; no commit.`);
      return { sha: head.sha, created, calls };
    }
    const commit = await count(
      octokit.rest.git.createCommit({ owner, repo, message: target.message, tree: tree.data.sha, parents: [head.sha] }),
    );
    try {
      await count(
        octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.data.sha, force: false }),
      );
      return { sha: commit.data.sha, created, calls };
    } catch (error) {
      // 422 "Update is not a fast forward": someone pushed meanwhile. Rebuild on the new head.
      if (httpStatus(error) !== 422 || attempt === MAX_ATTEMPTS) throw error;
      core.info(`${branch} moved while committing; retrying on the new head (attempt ${attempt + 1}).`);
    }
  }
  throw new Error('unreachable');
}

interface Head {
  sha: string;
  tree: string;
}

async function readHead(
  octokit: GitHub,
  t: CommitTarget,
  count: <T>(p: Promise<T>) => Promise<T>,
): Promise<Head | null> {
  try {
    // One call gives both the head commit and its tree.
    const branch = await count(octokit.rest.repos.getBranch({ owner: t.owner, repo: t.repo, branch: t.branch }));
    return { sha: branch.data.commit.sha, tree: branch.data.commit.commit.tree.sha };
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}

async function createBranch(octokit: GitHub, t: CommitTarget, count: <T>(p: Promise<T>) => Promise<T>): Promise<Head> {
  const repo = await count(octokit.rest.repos.get({ owner: t.owner, repo: t.repo }));
  const base = await readHead(octokit, { ...t, branch: repo.data.default_branch }, count);
  if (!base) throw new Error(`the default branch ${repo.data.default_branch} has no commit to start ${t.branch} from`);
  await count(
    octokit.rest.git.createRef({ owner: t.owner, repo: t.repo, ref: `refs/heads/${t.branch}`, sha: base.sha }),
  );
  core.info(`Created branch ${t.branch} from ${repo.data.default_branch}.`);
  return base;
}
