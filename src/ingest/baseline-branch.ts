// The previous analysis of the same configuration, read from the analysis branch: the newest earlier
// `<parent>/<model>-<tiers>-…/triage.json`, and `<parent>/history.json`. Four calls (branch, recursive tree,
// two blobs; the triage.json is read only when compared with, so that its text is not held meanwhile); when the branch has grown past what one recursive listing returns (GitHub truncates it), the
// folders are walked instead. Without a history.json, the newest triage.json files of the configuration are
// read too (once: the commit then writes history.json). None of this may fail the run.

import * as core from '@actions/core';

import { readBranchHead, type BranchHead } from '../publish/branch-head.js';
import { httpStatus, type GitHub } from '../publish/octokit.js';
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
  /** The newest analysis of the configuration, not read yet (read when compared with, then let go). */
  newest: AnalysisBlob | null;
  /** `<parent>/history.json`, when the branch has one. */
  history: { text: string; file: string } | null;
  /** The configuration's analyses in the branch, newest first: what a history is rebuilt from. */
  candidates: AnalysisBlob[];
  /** This run's folder is in the branch already; true when that could not be told. */
  current: boolean;
}

export interface AnalysisBlob {
  run: string;
  sha: string;
  path: string;
}

const FILE = 'triage.json';
const HISTORY = 'history.json';
/** Newest folders tried when walking: a folder without triage.json (a failed run) is skipped. */
const WALK_TRIES = 3;

export async function findPreviousAnalysis(
  octokit: GitHub,
  q: PreviousAnalysisQuery,
  rebuildFrom = 0,
): Promise<PreviousAnalysis> {
  let head: BranchHead | null | undefined;
  const none = { newest: null, history: null, candidates: [] };
  const unread = { ...none, current: true };
  try {
    head = await readBranchHead(octokit, q.owner, q.repo, q.branch);
    if (!head) return { head, ...none, current: false };
    const listing = await listAnalyses(octokit, q, head.tree, rebuildFrom);
    const history = listing.history ? await readBlob(octokit, q.owner, q.repo, listing.history) : null;
    return {
      head,
      newest: listing.analyses[0] ?? null,
      history,
      candidates: listing.analyses,
      current: listing.current,
    };
  } catch (error) {
    core.warning(
      `Could not read the previous analysis from ${q.branch}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { head, ...unread };
  }
}

/**
 * The texts of the newest `limit` analyses (to rebuild a history from), one call each, once: each is fetched
 * when the one before has been read, so that a rebuild holds one triage.json at a time.
 */
export async function* analysisBlobs(
  octokit: GitHub,
  owner: string,
  repo: string,
  candidates: readonly AnalysisBlob[],
  limit: number,
): AsyncGenerator<{ run: string; text: string; file: string }> {
  for (const entry of candidates.slice(0, limit))
    yield { run: entry.run, ...(await readBlob(octokit, owner, repo, entry)) };
}

export async function readBlob(
  octokit: GitHub,
  owner: string,
  repo: string,
  entry: { sha: string; path: string },
): Promise<{ text: string; file: string }> {
  const blob = await octokit.rest.git.getBlob({ owner, repo, file_sha: entry.sha });
  return { text: Buffer.from(blob.data.content, 'base64').toString('utf8'), file: entry.path };
}

/** history.json as the branch holds it at `ref` (a moved head), or null: one call. */
export async function readHistoryAt(
  octokit: GitHub,
  owner: string,
  repo: string,
  parent: string,
  ref: string,
): Promise<string | null> {
  return readRawFile(octokit, owner, repo, parent === '' ? HISTORY : `${parent}/${HISTORY}`, ref);
}

/** A file's text at `ref` (the default branch without one), or null when there is none: one call. */
export async function readRawFile(
  octokit: GitHub,
  owner: string,
  repo: string,
  path: string,
  ref?: string,
): Promise<string | null> {
  try {
    const res = await octokit.rest.repos.getContent({
      owner,
      repo,
      path,
      ...(ref === undefined ? {} : { ref }),
      mediaType: { format: 'raw' },
    });
    // Octokit gives text for a text content type and an ArrayBuffer otherwise: GitHub's raw type is either.
    const data = res.data as unknown;
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
    if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    return null;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}

/**
 * A folder of this configuration: the prefix, then the run's date. The date matters: without it the key
 * `haiku-T0` would also take the folders of `haiku-T0-T1`.
 */
function isCandidate(q: PreviousAnalysisQuery, folder: string): boolean {
  const base = q.parent === '' ? '' : `${q.parent}/`;
  if (!folder.startsWith(q.prefix) || `${base}${folder}` === q.current) return false;
  return /^(?:\d{4}-\d{2}-\d{2}|undated)-/.test(folder.slice(q.prefix.length));
}

interface Listing {
  /** The configuration's analyses (not this run's), newest first. */
  analyses: AnalysisBlob[];
  history: { sha: string; path: string } | null;
  /** This run's folder is in the branch already (an analysis of the same run). */
  current: boolean;
}

async function listAnalyses(
  octokit: GitHub,
  q: PreviousAnalysisQuery,
  rootTree: string,
  want: number,
): Promise<Listing> {
  const { owner, repo } = q;
  const base = q.parent === '' ? '' : `${q.parent}/`;
  const tree = await octokit.rest.git.getTree({ owner, repo, tree_sha: rootTree, recursive: 'true' });
  if (!tree.data.truncated) {
    const blobs = tree.data.tree.filter(
      (e) => e.type === 'blob' && e.path !== undefined && e.sha !== undefined && e.path.startsWith(base),
    );
    const analyses = blobs
      .map((e) => ({ e, parts: e.path!.slice(base.length).split('/') }))
      .filter(({ parts }) => parts.length === 2 && parts[1] === FILE && isCandidate(q, parts[0]!))
      .map(({ e, parts }) => ({ run: parts[0]!, sha: e.sha!, path: e.path! }))
      .sort((a, b) => naturalCompare(b.path, a.path));
    const history = blobs.find((e) => e.path === `${base}${HISTORY}`);
    const current = blobs.some((e) => e.path!.startsWith(`${q.current}/`));
    return { analyses, history: history ? { sha: history.sha!, path: history.path! } : null, current };
  }
  // Truncated: walk down to the parent folder, then look into its newest matching folders one by one.
  let sha = rootTree;
  for (const segment of q.parent === '' ? [] : q.parent.split('/')) {
    const level = await octokit.rest.git.getTree({ owner, repo, tree_sha: sha });
    const next = level.data.tree.find((e) => e.type === 'tree' && e.path === segment);
    if (!next?.sha) return { analyses: [], history: null, current: false };
    sha = next.sha;
  }
  const parent = await octokit.rest.git.getTree({ owner, repo, tree_sha: sha });
  const history = parent.data.tree.find((e) => e.type === 'blob' && e.path === HISTORY && e.sha !== undefined);
  const current = parent.data.tree.some((e) => e.type === 'tree' && `${base}${e.path}` === q.current);
  const folders = parent.data.tree
    .filter((e) => e.type === 'tree' && e.path !== undefined && e.sha !== undefined && isCandidate(q, e.path))
    .sort((a, b) => naturalCompare(b.path!, a.path!));
  const analyses: Listing['analyses'] = [];
  const wanted = Math.max(1, want);
  for (const folder of folders.slice(0, Math.max(WALK_TRIES, wanted + WALK_TRIES))) {
    if (analyses.length >= wanted) break;
    const inside = await octokit.rest.git.getTree({ owner, repo, tree_sha: folder.sha! });
    const file = inside.data.tree.find((e) => e.type === 'blob' && e.path === FILE && e.sha !== undefined);
    if (file) analyses.push({ run: folder.path!, sha: file.sha!, path: `${base}${folder.path}/${FILE}` });
  }
  return { analyses, history: history ? { sha: history.sha!, path: `${base}${HISTORY}` } : null, current };
}
