// The only window parse/ has onto the results: a read-only, path-confined view of a folder.
// Paths are relative POSIX paths ('' is the root); implementations refuse anything that leaves the root.

import type { ArchiveReader } from './archive.js';

export interface SourceEntry {
  name: string;
  isDirectory: boolean;
}

export interface ResultsSource {
  /** Human name of the results (folder or zip name) for messages. */
  readonly label: string;
  /** Entries of a folder, sorted by name; [] when the folder does not exist. */
  list(dir: string): Promise<SourceEntry[]>;
  /** Whole text of a small file (JSON); null when missing. Throws when larger than maxBytes. */
  readText(file: string, maxBytes?: number): Promise<string | null>;
  /**
   * Streams a (possibly huge) file as raw bytes, in chunks of any size. A chunk is valid until the next
   * one is asked for or the iteration ends (its memory may be reused): copy what must outlive it.
   */
  chunks(file: string): AsyncIterable<Buffer>;
  /** A file that is itself a zip archive (Inspect's `.eval`), read member by member with limits. */
  archive(file: string): Promise<ArchiveReader>;
  /**
   * Where a file is on disk (checked as `chunks` checks it), for a helper thread that reads it on its own;
   * absent when the results are not files on disk.
   */
  diskPath?(file: string): string;
  /**
   * The folder on disk these results are read from (`root`, seen from its folder `scope`), for a helper thread
   * that reads them through a DirectorySource of its own, scoped the same way; absent otherwise.
   */
  readonly onDisk?: OnDisk;
}

/** Where a ResultsSource's folder is on disk: a DirectorySource on `root`, scoped to `scope` ('' for none). */
export interface OnDisk {
  root: string;
  scope: string;
}

export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;

/** The same results seen from one of its folders (artifacts often wrap the results in one more folder). */
export function scopeSource(source: ResultsSource, dir: string): ResultsSource {
  if (dir === '') return source;
  const at = (path: string) => (path === '' ? dir : `${dir}/${path}`);
  return {
    label: source.label,
    list: (path) => source.list(at(path)),
    readText: (file, maxBytes) => source.readText(at(file), maxBytes),
    chunks: (file) => source.chunks(at(file)),
    archive: (file) => source.archive(at(file)),
    ...(source.diskPath ? { diskPath: (file: string) => source.diskPath!(at(file)) } : {}),
    ...(source.onDisk
      ? {
          onDisk: {
            root: source.onDisk.root,
            scope: source.onDisk.scope === '' ? dir : `${source.onDisk.scope}/${dir}`,
          },
        }
      : {}),
  };
}
