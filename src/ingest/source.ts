// The only window parse/ has onto the results: a read-only, path-confined view of a folder.
// Paths are relative POSIX paths ('' is the root); implementations refuse anything that leaves the root.

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
   * one is asked for (its memory may be reused): copy what must outlive it.
   */
  chunks(file: string): AsyncIterable<Buffer>;
}

export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;
