// The action's config: read from the repository's default branch through the API (no ref), never from the
// results artifact or a pull request's head, which anyone who can open a pull request controls.

import { readRawFile } from './baseline-branch.js';
import type { GitHub } from '../publish/octokit.js';

export async function readConfigFromDefaultBranch(
  octokit: GitHub,
  owner: string,
  repo: string,
  path: string,
): Promise<string | null> {
  return readRawFile(octokit, owner, repo, path);
}
