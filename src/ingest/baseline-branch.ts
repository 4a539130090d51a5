// The previous analysis of the same configuration, read from the analysis branch: the newest earlier
// `<parent>/<model>-<tiers>-…/triage.json`. Three calls at most; none of this may fail the run.

import * as core from '@actions/core';

import { httpStatus, type GitHub } from '../publish/octokit.js';

export interface PreviousAnalysisQuery {
  owner: string;
  repo: string;
  branch: string;
  /** Folder that holds one sub-folder per batch, e.g. `runs`. */
  parent: string;
  /** Folder-name prefix shared by batches of the same configuration, e.g. `haiku-T0-T1-`. */
  prefix: string;
  /** The folder this run writes, never its own baseline. */
  current: string;
}

export async function findPreviousAnalysis(
  octokit: GitHub,
  q: PreviousAnalysisQuery,
): Promise<{ text: string; file: string } | null> {
  try {
    const branch = await octokit.rest.repos.getBranch({ owner: q.owner, repo: q.repo, branch: q.branch });
    const tree = await octokit.rest.git.getTree({
      owner: q.owner,
      repo: q.repo,
      tree_sha: branch.data.commit.commit.tree.sha,
      recursive: 'true',
    });
    const base = q.parent === '' ? '' : `${q.parent}/`;
    const candidates = tree.data.tree
      .filter((e) => e.type === 'blob' && e.path !== undefined && e.sha !== undefined)
      .filter((e) => {
        const rest = e.path!.slice(base.length);
        const [folder, file, ...more] = rest.split('/');
        return (
          e.path!.startsWith(base) &&
          more.length === 0 &&
          file === 'triage.json' &&
          folder!.startsWith(q.prefix) &&
          `${base}${folder}` !== q.current
        );
      })
      .sort((a, b) => a.path!.localeCompare(b.path!, 'en', { numeric: true }));
    const newest = candidates.at(-1);
    if (!newest) return null;
    const blob = await octokit.rest.git.getBlob({ owner: q.owner, repo: q.repo, file_sha: newest.sha! });
    return { text: Buffer.from(blob.data.content, 'base64').toString('utf8'), file: newest.path! };
  } catch (error) {
    if (httpStatus(error) !== 404)
      core.warning(
        `Could not read the previous analysis from ${q.branch}: ${error instanceof Error ? error.message : String(error)}`,
      );
    return null;
  }
}
