// Commits the analysis folder to a branch with the Git Data API, without force. A small analysis goes up
// as one tree based on the branch head (contents inline), one commit and one ref update: three calls; when
// the folder is there already (the same run analysed again), it is built as a tree of its own first and
// grafted, so that no page of the earlier analysis stays. GitHub
// refuses large tree requests (a 502, or a 422 asking to "build the tree incrementally", reported from
// about 2.5 MB), so a larger analysis is first built as a tree of its own in requests of bounded size
// (large files as blobs), then grafted onto the head in one more call; a branch that moved meanwhile costs
// only a new graft, never a new upload. No commit when nothing changed. A missing branch is created as an
// orphan holding only analyses: no copy of the code, no extra calls to find the default branch. Files outside
// the folder (the history beside it) can go into the same commit: they are made per attempt from the head
// being committed on, so a branch that moved meanwhile gets them merged, not overwritten.

import * as core from '@actions/core';

import { fileText, type OutputFile } from '../render/index.js';
import { readBranchHead, type BranchHead } from './branch-head.js';
import { createBlob, utf8Bytes } from './create-blob.js';
import { httpStatus, type GitHub } from './octokit.js';

export interface CommitTarget {
  owner: string;
  repo: string;
  branch: string;
  /** Folder inside the branch, no leading or trailing slash. */
  path: string;
  message: string;
  /**
   * The folder is in the branch already (this run analysed again): it is replaced as a whole, one call more,
   * so that no page of the earlier analysis stays. Otherwise a small analysis goes on top of the head's tree.
   */
  replace?: boolean;
}

export interface CommitResult {
  sha: string;
  created: boolean;
  calls: number;
  /** Files left out of the commit (over GitHub's blob limit); they are still in the local output folder. */
  skipped: string[];
}

export interface CommitLimits {
  /** JSON bytes of file entries per create-tree request. */
  requestBytes: number;
  /** A file taking more than this in a request (JSON-escaped) goes up as its own blob. */
  blobBytes: number;
  /** GitHub's cap on one blob sent through the API. */
  maxBlobBytes: number;
}

export const COMMIT_LIMITS: CommitLimits = {
  requestBytes: 1_500_000,
  blobBytes: 750_000,
  maxBlobBytes: 40 * 1024 * 1024,
};

const MAX_ATTEMPTS = 4;

type Entry =
  | { path: string; mode: '100644' | '100755'; type: 'blob'; content: string }
  | { path: string; mode: '100644' | '100755'; type: 'blob'; sha: string };

/** Either every entry fitted in one request (kept, to build on the head), or the folder's own tree. */
type Upload = { entries: Entry[] } | { folderTree: string };

/** Files committed beside the folder, made for the head of each attempt (paths from the repository root). */
export type FilesBeside = (head: BranchHead | null, attempt: number) => Promise<OutputFile[]>;

/**
 * `files` is iterated once, one file at a time. `knownHead`: the branch head read earlier in this run
 * (null: the branch did not exist), used for the first attempt; undefined reads it here.
 */
export async function commitFiles(
  octokit: GitHub,
  target: CommitTarget,
  files: Iterable<OutputFile>,
  knownHead?: BranchHead | null,
  limits: CommitLimits = COMMIT_LIMITS,
  beside?: FilesBeside,
): Promise<CommitResult> {
  const { owner, repo, branch } = target;
  let calls = 0;
  const count = <T>(p: Promise<T>) => {
    calls++;
    return p;
  };
  const skipped: string[] = [];
  const upload = await uploadFiles(octokit, target, files, limits, count, skipped);

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const head =
      attempt === 1 && knownHead !== undefined ? knownHead : await count(readBranchHead(octokit, owner, repo, branch));
    const extra: Entry[] = [];
    for (const file of beside ? await beside(head, attempt) : []) {
      const entry = await toEntry(octokit, target, file, file.path, limits, count, skipped);
      if (entry) extra.push(entry);
    }
    const tree = await count(
      octokit.rest.git.createTree({
        owner,
        repo,
        ...(head ? { base_tree: head.tree } : {}),
        tree: [
          ...('entries' in upload
            ? upload.entries.map((e) => ({ ...e, path: `${target.path}/${e.path}` }))
            : [{ path: target.path, mode: '040000' as const, type: 'tree' as const, sha: upload.folderTree }]),
          ...extra,
        ],
      }),
    );
    if (head && tree.data.sha === head.tree) {
      core.info(`The analysis in ${branch}:${target.path} is unchanged; no commit.`);
      return { sha: head.sha, created: false, calls, skipped };
    }
    const commit = await count(
      octokit.rest.git.createCommit({
        owner,
        repo,
        message: target.message,
        tree: tree.data.sha,
        parents: head ? [head.sha] : [],
      }),
    );
    try {
      if (head) {
        await count(
          octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.data.sha, force: false }),
        );
      } else {
        await count(octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit.data.sha }));
        core.info(`Created branch ${branch} for the analyses.`);
      }
      return { sha: commit.data.sha, created: !head, calls, skipped };
    } catch (error) {
      // 422: "Update is not a fast forward" (someone pushed meanwhile) or "Reference already exists" (another
      // run created the branch first). Either way, rebuild on the branch as it is now.
      if (httpStatus(error) !== 422 || attempt === MAX_ATTEMPTS) throw error;
      core.info(`${branch} moved while committing; retrying on the new head (attempt ${attempt + 1}).`);
    }
  }
  throw new Error('unreachable');
}

/** Sends the files in requests of at most `limits.requestBytes`; holds one request's worth at a time. */
async function uploadFiles(
  octokit: GitHub,
  target: CommitTarget,
  files: Iterable<OutputFile>,
  limits: CommitLimits,
  count: <T>(p: Promise<T>) => Promise<T>,
  skipped: string[],
): Promise<Upload> {
  const { owner, repo } = target;
  let pending: Entry[] = [];
  let pendingBytes = 0;
  let folderTree: string | null = null;
  const flush = async () => {
    const tree = await count(
      octokit.rest.git.createTree({ owner, repo, ...(folderTree ? { base_tree: folderTree } : {}), tree: pending }),
    );
    folderTree = tree.data.sha;
    pending = [];
    pendingBytes = 0;
  };

  for (const file of files) {
    const entry = await toEntry(octokit, target, file, `${target.path}/${file.path}`, limits, count, skipped);
    if (!entry) continue;
    const bytes = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (pending.length > 0 && pendingBytes + bytes > limits.requestBytes) await flush();
    pending.push(entry);
    pendingBytes += bytes;
  }
  if (folderTree === null && (!target.replace || pending.length === 0)) return { entries: pending };
  if (pending.length > 0) await flush();
  return { folderTree: folderTree! };
}

/** A file as a tree entry: inline when small, a blob of its own when large, left out over the blob limit. */
async function toEntry(
  octokit: GitHub,
  target: CommitTarget,
  file: OutputFile,
  shown: string,
  limits: CommitLimits,
  count: <T>(p: Promise<T>) => Promise<T>,
  skipped: string[],
): Promise<Entry | null> {
  const mode = file.executable ? ('100755' as const) : ('100644' as const);
  // A streamed file (triage.json) is measured piece by piece and never held whole unless it is small.
  const parts = 'content' in file ? () => [file.content] : file.parts;
  const size = utf8Bytes(parts);
  if (size > limits.maxBlobBytes) {
    core.warning(
      `${shown} is ${(size / 1048576).toFixed(1)} MiB, over GitHub's ${limits.maxBlobBytes / 1048576} MiB limit for one blob: it is not committed (it is in the job's output folder).`,
    );
    skipped.push(file.path);
    return null;
  }
  if (size <= limits.blobBytes) {
    const entry: Entry = { path: file.path, mode, type: 'blob', content: fileText(file) };
    // Sized as sent: JSON escaping can make a page several times larger than its text.
    if (Buffer.byteLength(JSON.stringify(entry)) + 1 <= limits.blobBytes) return entry;
  }
  const sha = await count(createBlob(octokit, target, parts, size));
  return { path: file.path, mode, type: 'blob', sha };
}
