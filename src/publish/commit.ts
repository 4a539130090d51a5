// Commits the analysis folder to a branch with the Git Data API: one tree (file contents inline, based on
// the branch head), one commit, one ref update without force. Three calls whatever the number of files
// (four when the head was not read already), no commit when nothing changed, and a re-read when the
// branch moved underneath us. A missing branch is created as an orphan holding only analyses: no copy of
// the code, no extra calls to find the default branch.

import * as core from '@actions/core';

import type { RenderedFile } from '../render/index.js';
import { readBranchHead, type BranchHead } from './branch-head.js';
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

/**
 * `knownHead`: the branch head read earlier in this run (null: the branch did not exist), used for the
 * first attempt; undefined reads it here.
 */
export async function commitFiles(
  octokit: GitHub,
  target: CommitTarget,
  files: RenderedFile[],
  knownHead?: BranchHead | null,
): Promise<CommitResult> {
  const { owner, repo, branch } = target;
  let calls = 0;
  const count = <T>(p: Promise<T>) => {
    calls++;
    return p;
  };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const head =
      attempt === 1 && knownHead !== undefined ? knownHead : await count(readBranchHead(octokit, owner, repo, branch));
    const tree = await count(
      octokit.rest.git.createTree({
        owner,
        repo,
        ...(head ? { base_tree: head.tree } : {}),
        tree: files.map((f) => ({
          path: `${target.path}/${f.path}`,
          mode: f.executable ? ('100755' as const) : ('100644' as const),
          type: 'blob' as const,
          content: f.content,
        })),
      }),
    );
    if (head && tree.data.sha === head.tree) {
      core.info(`The analysis in ${branch}:${target.path} is unchanged; no commit.`);
      return { sha: head.sha, created: false, calls };
    }
    const commit = await count(
      octokit.rest.git.createCommit({
        owner,
        repo,
        message: target.message,
        tree: tree.data.sha,
        parents: head ? [head.sha] : [],
      }),
    );
    try {
      if (head) {
        await count(
          octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.data.sha, force: false }),
        );
      } else {
        await count(octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit.data.sha }));
        core.info(`Created branch ${branch} for the analyses.`);
      }
      return { sha: commit.data.sha, created: !head, calls };
    } catch (error) {
      // 422: "Update is not a fast forward" (someone pushed meanwhile) or "Reference already exists" (another
      // run created the branch first). Either way, rebuild on the branch as it is now.
      if (httpStatus(error) !== 422 || attempt === MAX_ATTEMPTS) throw error;
      core.info(`${branch} moved while committing; retrying on the new head (attempt ${attempt + 1}).`);
    }
  }
  throw new Error('unreachable');
}
