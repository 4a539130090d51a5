import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { basename, resolve, sep } from 'node:path';

import { InputError } from '../errors.js';
import type { ArchiveReader } from './archive.js';
import { fileChunks } from './file-chunks.js';
import { DEFAULT_MAX_JSON_BYTES, type OnDisk, type ResultsSource, type SourceEntry } from './source.js';

/** Folders remembered as free of links (below), each way: enough for a batch's shape, bounded for any other. */
const MAX_REMEMBERED = 256;
/**
 * Past this size a file is read into a buffer of its own size, then decoded. Node's utf8 read grows its buffer
 * by doubling, and glibc's arena keeps what those copies took: a 12.6 MB batch_summary.json read that way
 * peaked at 25 MB of malloc against 14.7 MB, and at 100,000 tests the arenas held 34 MB at the run's peak
 * against 20 MB (bench/notes.md, the twenty-third round).
 */
const READ_WHOLE_BYTES = 1024 * 1024;

/**
 * A results folder on disk. Symbolic links inside it are never followed, as a zip's are refused: a file that is
 * one, or lies in a folder that is one, is reported and not read, and a folder that is one lists as empty. Only
 * what the command line names is taken as it is (the folder itself, or the files of `only`). `only` narrows the
 * view to some files of the root (a single log or output file given on the command line).
 *
 * A link is seen without a call of its own where possible: every file is looked at with lstat (the stat it
 * needed anyway), and a folder whose listing showed no link vouches for the folders in it, so reading
 * `<folder>/report.json` costs what it did.
 *
 * The calls are synchronous behind the async interface: a batch is tens of thousands of small files, and a
 * promise round trip through the thread pool for each stat, open, read and close cost ten times the reading
 * itself (1.5 s against 0.15 s for the 20,000 JSON files of a 10,000-test batch). Nothing else runs on the
 * analysing thread meanwhile, so blocking it costs nothing.
 */
export class DirectorySource implements ResultsSource {
  readonly label: string;
  private readonly root: string;
  private readonly only: ReadonlySet<string> | null;
  /** Not when narrowed to some files: another thread's source would see the whole folder. */
  readonly onDisk: OnDisk | undefined;
  /** Folders (relative paths) whose listing showed no link: a folder in one of them is not a link. */
  private readonly linkFree = new Set<string>();
  /** Folders found not to be links by an lstat of their own. */
  private readonly realFolders = new Set<string>();

  constructor(root: string, label?: string, only?: readonly string[]) {
    this.root = resolve(root);
    this.label = label ?? basename(this.root);
    this.only = only ? new Set(only) : null;
    this.onDisk = only ? undefined : { root: this.root, scope: '' };
  }

  private abs(rel: string): string {
    const full = resolve(this.root, rel);
    if (full !== this.root && !full.startsWith(this.root + sep)) {
      throw new InputError(`${rel}: path leaves the results folder`);
    }
    if (this.only && full !== this.root && !this.only.has(full.slice(this.root.length + 1))) {
      throw new InputError(`${rel}: not part of the results given`);
    }
    return full;
  }

  /** `full` relative to the root, with `/` between its parts ('' for the root). */
  private relative(full: string): string {
    return full === this.root
      ? ''
      : full
          .slice(this.root.length + 1)
          .split(sep)
          .join('/');
  }

  /**
   * The path's own entry (lstat: a link is not followed), or undefined when it or a folder on the way is not
   * there. A folder on the way that is a link throws (for a listing: reads as not there); the entry itself may
   * be one, for the caller to judge.
   */
  private entry(full: string, shown: string, throwOnLink = true): Stats | undefined {
    const rel = this.relative(full);
    for (let end = rel.indexOf('/'), start = 0; end !== -1; start = end + 1, end = rel.indexOf('/', start)) {
      const folder = rel.slice(0, end);
      if (this.linkFree.has(start === 0 ? '' : rel.slice(0, start - 1)) || this.realFolders.has(folder)) continue;
      const info = lstatSync(`${this.root}${sep}${folder}`, { throwIfNoEntry: false });
      if (!info?.isDirectory()) {
        if (info?.isSymbolicLink() && throwOnLink) {
          throw new InputError(`${shown}: ${folder} is a symbolic link, not followed`);
        }
        return undefined;
      }
      remember(this.realFolders, folder);
    }
    return lstatSync(full, { throwIfNoEntry: false });
  }

  /** Where a file to open is, once it is known not to be a link (or to be one the command line named). */
  private openable(file: string): string {
    const full = this.abs(file);
    if (full === this.root || this.only) return full;
    if (this.entry(full, file)?.isSymbolicLink()) throw new InputError(`${file}: a symbolic link, not followed`);
    return full;
  }

  async list(dir: string): Promise<SourceEntry[]> {
    if (this.only && dir !== '') return [];
    try {
      const full = this.abs(dir);
      // Most folders looked for are not there (`completed/` of a result folder): an lstat that returns nothing is
      // far cheaper than the exception readdir throws.
      if (full !== this.root && !this.entry(full, dir, false)?.isDirectory()) return [];
      const entries = readdirSync(full, { withFileTypes: true });
      if (!entries.some((e) => e.isSymbolicLink())) remember(this.linkFree, this.relative(full));
      return entries
        .filter((e) => e.isDirectory() || e.isFile())
        .filter((e) => !this.only || (e.isFile() && this.only.has(e.name)))
        .map((e) => ({ name: e.name, isDirectory: e.isDirectory() }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  async readText(file: string, maxBytes = DEFAULT_MAX_JSON_BYTES): Promise<string | null> {
    const full = this.abs(file);
    try {
      // Many files looked for are not there (a run's result.json, a report.json not written yet): a stat that
      // returns nothing costs a fifth of one that throws (some 2,400 in a 10,000-test batch: 27 against 5 ms).
      const info = this.only ? statFollowing(full) : this.entry(full, file);
      if (info?.isSymbolicLink()) throw new InputError(`${file}: a symbolic link, not followed`);
      if (!info?.isFile()) return null;
      if (info.size > maxBytes) throw new InputError(`${file}: ${info.size} bytes is over the ${maxBytes}-byte limit`);
      return info.size > READ_WHOLE_BYTES ? readFileSync(full).toString('utf8') : readFileSync(full, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async archive(file: string): Promise<ArchiveReader> {
    // Loaded on first use: only Inspect's .eval logs are archives, and their readers (yauzl, zstd) are not small.
    const { openArchive } = await import('./archive.js');
    return openArchive(this.openable(file), file);
  }

  async *chunks(file: string): AsyncIterable<Buffer> {
    yield* fileChunks(this.openable(file));
  }

  diskPath(file: string): string {
    return this.openable(file);
  }
}

/** Adds to a bounded memory: past its size it starts again, keeping the root's entry (listed first, used most). */
function remember(set: Set<string>, value: string): void {
  if (set.size >= MAX_REMEMBERED) {
    const root = set.has('');
    set.clear();
    if (root) set.add('');
  }
  set.add(value);
}

/** A file the command line named is taken as it is, a link included. */
function statFollowing(full: string): Stats | undefined {
  return statSync(full, { throwIfNoEntry: false });
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
