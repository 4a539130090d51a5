// Which pull request to comment on. Never from the artifact (a fork controls it): the pr-number input, the
// workflow_run event's list (empty for fork PRs), or an API lookup of open PRs by the run's head SHA.

import type { GitHub } from './octokit.js';

export interface WorkflowRunPayload {
  id?: number;
  head_sha?: string;
  status?: string;
  conclusion?: string | null;
  html_url?: string;
  pull_requests?: { number: number }[];
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
  const { data } = await octokit.rest.pulls.list({ ...repo, state: 'open', per_page: 100 });
  const headRepo = run.head_repository?.full_name;
  const match = data.find((pr) => pr.head.sha === run.head_sha && (!headRepo || pr.head.repo?.full_name === headRepo));
  return match?.number ?? null;
}
