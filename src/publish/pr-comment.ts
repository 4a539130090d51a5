// One sticky comment per pull request: found by our hidden marker AND its author, across every page of
// comments; updated in place, skipped when unchanged. The author is a bot for the workflow's token; when only
// people's comments carry the marker, one call asks whose token this is (a personal access token comments as
// its owner), and a person quoting the marker is never overwritten.

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
    type Comment = { id: number; body?: string; html_url: string; user?: { login: string; type: string } | null };
    let existing: Comment | undefined;
    // Marked comments by people: ours when the token is a person's (a personal access token), quotes otherwise.
    const byPeople: Comment[] = [];
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issue,
      per_page: 100,
    });
    for await (const page of pages) {
      calls++;
      for (const c of page.data) {
        if (!(c.body ?? '').includes(marker)) continue;
        if (c.user?.type === 'Bot') existing ??= c;
        else byPeople.push(c);
      }
      if (existing) break;
    }
    if (!existing && byPeople.length > 0) {
      calls++;
      const self = await tokenLogin(octokit);
      existing = byPeople.find((c) => self !== null && c.user?.login === self);
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

/** The login of the token's owner, or null for an app's token (the workflow's), which GET /user refuses. */
async function tokenLogin(octokit: GitHub): Promise<string | null> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    if (httpStatus(error) === 403 || httpStatus(error) === 401) return null;
    throw error;
  }
}
