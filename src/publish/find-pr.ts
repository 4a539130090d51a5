// Which pull request to comment on. Never from the artifact (a fork controls it): the pr-number input, the
// workflow_run event's list (empty for fork PRs), or an API lookup of open PRs by the run's head SHA and
// head repository: one call filtered by the head branch, every page of open PRs only when that finds none.

import type { GitHub } from './octokit.js';

export interface WorkflowRunPayload {
  id?: number;
  head_sha?: string;
  status?: string;
  conclusion?: string | null;
  html_url?: string;
  pull_requests?: { number: number }[];
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
  const listed = run?.pull_requests?.[0]?.number;
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
