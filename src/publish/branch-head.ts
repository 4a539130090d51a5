// The head commit of a branch and its tree, from one call. Read once per run and shared by the
// previous-analysis lookup and the commit, so the commit itself needs no extra read.

import { httpStatus, type GitHub } from './octokit.js';

export interface BranchHead {
  sha: string;
  tree: string;
}

/** null when the branch does not exist. */
export async function readBranchHead(
  octokit: GitHub,
  owner: string,
  repo: string,
  branch: string,
): Promise<BranchHead | null> {
  try {
    const res = await octokit.rest.repos.getBranch({ owner, repo, branch });
    return { sha: res.data.commit.sha, tree: res.data.commit.commit.tree.sha };
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}
