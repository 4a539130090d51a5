// What the log helper's two sides share (log-helper.ts, log-helper-worker.ts, log-helper-folders.ts): the
// messages and the queue's counters, kept apart so that the helper's bundle holds nothing of its starter.

import type { OnDisk } from './ingest/source.js';
import type { FolderOutcome } from './parse/scylla/folder-scan-share.js';
import type { HelperOutcome } from './parse/scylla/thread-log-scan.js';

/** What the helper sends: one log file's outcome, or one folder's, then `done`. */
export type HelperMessage =
  { index: number; outcome: HelperOutcome } | { folder: number; outcome: FolderOutcome } | { done: true };

/** What the helper waits for once its logs are done: failing folders to scan, or none. */
export type HelperTask = ({ folders: readonly string[] } & OnDisk) | { folders: null };

/** Indexes into the shared queue: the next log file to claim, the next folder. */
export const LOG_CLAIMS = 0;
export const FOLDER_CLAIMS = 1;
export const QUEUE_COUNTERS = 2;
