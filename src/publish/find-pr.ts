// Which pull request to comment on. Never from the artifact (a fork controls it): the pr-number input, the
// workflow_run event's list (empty for fork PRs; only its entries based on this repository), or an API lookup
// of open PRs by the run's head SHA and head repository: one call filtered by the head branch, every page of
// open PRs only when that finds none.

import type { GitHub } from './octokit.js';

export interface WorkflowRunPayload {
  id?: number;
  head_sha?: string;
  status?: string;
  conclusion?: string | null;
  html_url?: string;
  pull_requests?: { number: number; base?: { repo?: { url?: string } } }[];
  head_branch?: string | null;
  head_repository?: { full_name?: string } | null;
}

export async function findPullRequest(
  octokit: GitHub,
  repo: { owner: string; repo: string },
  prNumber: number | undefined,
  run: WorkflowRunPayload | undefined,
): Promise<number | null> {
  if (prNumber) return prNumber;
  // The event can list pull requests of other repositories of the fork network (their head branch has this
  // run's name): only one whose base is this repository is ours.
  const here = `/repos/${repo.owner}/${repo.repo}`.toLowerCase();
  const listed = run?.pull_requests?.find((pr) => {
    const url = pr.base?.repo?.url;
    return url === undefined || url.toLowerCase().endsWith(here);
  })?.number;
  if (listed) return listed;
  if (!run?.head_sha) return null;
  const headRepo = run.head_repository?.full_name;
  const matches = (pr: { head: { sha: string; repo: { full_name: string } | null } }) =>
    pr.head.sha === run.head_sha && (!headRepo || pr.head.repo?.full_name === headRepo);
  const headOwner = headRepo?.split('/')[0];
  if (headOwner && run.head_branch) {
    const { data } = await octokit.rest.pulls.list({
      ...repo,
      state: 'open',
      head: `${headOwner}:${run.head_branch}`,
      per_page: 100,
    });
    const found = data.find(matches);
    if (found) return found.number;
  }
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.list, {
    ...repo,
    state: 'open',
    per_page: 100,
  })) {
    const found = data.find(matches);
    if (found) return found.number;
  }
  return null;
}
