// One Octokit for the action: GitHub's REST API (or GITHUB_API_URL), retried on 5xx and throttled on
// primary and secondary rate limits by the official plugins rather than hand-made loops.

import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHub = ReturnType<typeof getOctokit>;

const MAX_RATE_LIMIT_RETRIES = 3;

export function createOctokit(token: string): GitHub {
  return getOctokit(
    token,
    {
      baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
      retry: { doNotRetry: [400, 401, 403, 404, 409, 422] },
      throttle: {
        onRateLimit: (after: number, options: { method: string; url: string }, _o: unknown, count: number) => {
          core.warning(`GitHub rate limit on ${options.method} ${options.url}; retrying in ${after}s`);
          return count < MAX_RATE_LIMIT_RETRIES;
        },
        onSecondaryRateLimit: (after: number, options: { method: string; url: string }, _o: unknown, count: number) => {
          core.warning(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${after}s`);
          return count < MAX_RATE_LIMIT_RETRIES;
        },
      },
    },
    retry,
    throttling,
  );
}

export function httpStatus(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}
