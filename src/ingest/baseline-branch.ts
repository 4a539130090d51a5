// The previous analysis of the same configuration, read from the analysis branch: the newest earlier
// `<parent>/<model>-<tiers>-…/triage.json`. Three calls (branch, recursive tree, blob); when the branch has
// grown past what one recursive listing returns (GitHub truncates it), the folders are walked instead.
// None of this may fail the run.

import * as core from '@actions/core';

import { readBranchHead, type BranchHead } from '../publish/branch-head.js';
import type { GitHub } from '../publish/octokit.js';
import { naturalCompare } from '../util/natural-order.js';

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

export interface PreviousAnalysis {
  /** The branch head as read here (null: no branch yet; undefined: could not be read). */
  head: BranchHead | null | undefined;
  found: { text: string; file: string } | null;
}

const FILE = 'triage.json';
/** Newest folders tried when walking: a folder without triage.json (a failed run) is skipped. */
const WALK_TRIES = 3;

export async function findPreviousAnalysis(octokit: GitHub, q: PreviousAnalysisQuery): Promise<PreviousAnalysis> {
  let head: BranchHead | null | undefined;
  try {
    head = await readBranchHead(octokit, q.owner, q.repo, q.branch);
    if (!head) return { head, found: null };
    const sha = await newestTriageBlob(octokit, q, head.tree);
    if (!sha) return { head, found: null };
    const blob = await octokit.rest.git.getBlob({ owner: q.owner, repo: q.repo, file_sha: sha.sha });
    return { head, found: { text: Buffer.from(blob.data.content, 'base64').toString('utf8'), file: sha.path } };
  } catch (error) {
    core.warning(
      `Could not read the previous analysis from ${q.branch}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { head, found: null };
  }
}

function isCandidate(q: PreviousAnalysisQuery, folder: string): boolean {
  const base = q.parent === '' ? '' : `${q.parent}/`;
  return folder.startsWith(q.prefix) && `${base}${folder}` !== q.current;
}

async function newestTriageBlob(
  octokit: GitHub,
  q: PreviousAnalysisQuery,
  rootTree: string,
): Promise<{ sha: string; path: string } | null> {
  const { owner, repo } = q;
  const tree = await octokit.rest.git.getTree({ owner, repo, tree_sha: rootTree, recursive: 'true' });
  if (!tree.data.truncated) {
    const base = q.parent === '' ? '' : `${q.parent}/`;
    const newest = tree.data.tree
      .filter((e) => e.type === 'blob' && e.path !== undefined && e.sha !== undefined && e.path.startsWith(base))
      .filter((e) => {
        const [folder, file, ...more] = e.path!.slice(base.length).split('/');
        return more.length === 0 && file === FILE && isCandidate(q, folder!);
      })
      .sort((a, b) => naturalCompare(a.path!, b.path!))
      .at(-1);
    return newest ? { sha: newest.sha!, path: newest.path! } : null;
  }
  // Truncated: walk down to the parent folder, then try its newest matching folders one by one.
  let sha = rootTree;
  for (const segment of q.parent === '' ? [] : q.parent.split('/')) {
    const level = await octokit.rest.git.getTree({ owner, repo, tree_sha: sha });
    const next = level.data.tree.find((e) => e.type === 'tree' && e.path === segment);
    if (!next?.sha) return null;
    sha = next.sha;
  }
  const parent = await octokit.rest.git.getTree({ owner, repo, tree_sha: sha });
  const folders = parent.data.tree
    .filter((e) => e.type === 'tree' && e.path !== undefined && e.sha !== undefined && isCandidate(q, e.path))
    .sort((a, b) => naturalCompare(b.path!, a.path!))
    .slice(0, WALK_TRIES);
  for (const folder of folders) {
    const inside = await octokit.rest.git.getTree({ owner, repo, tree_sha: folder.sha! });
    const file = inside.data.tree.find((e) => e.type === 'blob' && e.path === FILE && e.sha !== undefined);
    if (file) return { sha: file.sha!, path: `${q.parent === '' ? '' : `${q.parent}/`}${folder.path}/${FILE}` };
  }
  return null;
}
