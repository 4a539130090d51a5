// One sticky comment per pull request: found by our hidden marker AND a bot author (a human quoting the
// marker is never overwritten), across every page of comments; updated in place, skipped when unchanged.

import * as core from '@actions/core';

import { httpStatus, type GitHub } from './octokit.js';

export interface CommentResult {
  url: string | null;
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  calls: number;
}

export async function upsertComment(
  octokit: GitHub,
  target: { owner: string; repo: string; issue: number },
  body: string,
  marker: string,
): Promise<CommentResult> {
  let calls = 0;
  try {
    let existing: { id: number; body?: string; html_url: string } | undefined;
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issue,
      per_page: 100,
    });
    for await (const page of pages) {
      calls++;
      existing ??= page.data.find((c) => c.user?.type === 'Bot' && (c.body ?? '').includes(marker));
      if (existing) break;
    }
    if (existing) {
      if (existing.body === body) return { url: existing.html_url, action: 'unchanged', calls };
      calls++;
      const { data } = await octokit.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: existing.id,
        body,
      });
      return { url: data.html_url, action: 'updated', calls };
    }
    calls++;
    const { data } = await octokit.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issue,
      body,
    });
    return { url: data.html_url, action: 'created', calls };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 403 || status === 404 || status === 410) {
      core.warning(
        `Could not comment on #${target.issue} (HTTP ${status}): the token needs pull-requests: write, and fork PRs get a read-only token on pull_request events. The rest of the work is done.`,
      );
      return { url: null, action: 'skipped', calls };
    }
    throw error;
  }
}
