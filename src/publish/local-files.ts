// Writes the rendered analysis into the output folder and nowhere else. The output folder often sits
// inside an untrusted results folder, so links are never followed and names never climb out.
// Files are written as they are rendered: each page's creation goes to a libuv thread, and this thread writes
// and closes it when it is created. At most IN_FLIGHT wait at a time, so each page is garbage soon after it is
// on disk (writing everything asynchronously had kept thousands of them alive long enough to fill the old
// heap). Long pages and streamed files are written at once.

import {
  closeSync,
  lstatSync,
  mkdirSync,
  open,
  openSync,
  readdirSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { join, resolve, sep } from 'node:path';

import { InputError } from '../errors.js';
import type { OutputFile } from '../render/index.js';

/** Streamed files reach the disk in pieces of about this many characters. */
export const WRITE_PIECE = 64 * 1024;

/**
 * Files being created on libuv's threads while this one renders the next. Creating a file takes 0.2-0.3 ms on
 * some disks, most of what writing a small analysis costs. On 10,000 tests the wait for a free slot also lets
 * V8's own tasks run between pages (a synchronous loop held them off until the last page), which lowered the
 * peak by some 10 MB (bench/notes.md).
 */
const IN_FLIGHT = 64;

/** Sub-folders whose .md files are entirely ours: stale ones from an earlier run are removed. */
const OWNED_FOLDERS = ['failures', 'issues'];

/** Writes into one output folder, file after file; `finish` removes what an earlier run left and counts. */
export class FolderWriter {
  private readonly root: string;
  /** Relative paths, as given (confine accepts only plain ones): a 100,000-test analysis writes 200,000 files. */
  private readonly written = new Set<string>();
  private readonly ready = new Set<string>();
  private fd: number | null = null;
  private pending = 0;
  private failure: { error: unknown } | null = null;
  private idle: (() => void) | null = null;
  private slot: (() => void) | null = null;

  constructor(outDir: string) {
    this.root = resolve(outDir);
    mkdirSync(this.root, { recursive: true });
  }

  /** A whole file, or a streamed one piece by piece (its parts joined in pieces of about WRITE_PIECE). */
  write(file: OutputFile): void {
    if ('content' in file && file.content.length <= WRITE_PIECE) {
      this.writeLater(this.prepare(file.path), file.executable ? 0o755 : 0o644, file.content);
      return;
    }
    // A long page is written now, as a streamed file is: held until a libuv thread had created its file, the
    // summary pages of a 100,000-test batch (some 50 MB) outlived the collection before the per-test pages
    // (bench/notes.md).
    const parts = 'content' in file ? [file.content] : file.parts();
    this.open(file.path, file.executable ?? false);
    try {
      let piece = '';
      for (const part of parts) {
        piece += part;
        if (piece.length >= WRITE_PIECE) {
          this.append(piece);
          piece = '';
        }
      }
      if (piece !== '') this.append(piece);
    } finally {
      this.close();
    }
  }

  /** Starts a file: created new, never written through an existing link. */
  open(path: string, executable: boolean): void {
    this.fd = create(this.prepare(path), executable ? 0o755 : 0o644);
  }

  /** The file's place on disk, inside the folder, its parents made. */
  private prepare(path: string): string {
    const target = confine(this.root, path);
    // Names are unique (render/escape.ts uniqueFileNames): a second write could land before the first one,
    // still being created on a libuv thread.
    if (this.written.has(path)) throw new Error(`${path}: written twice in one analysis`);
    this.written.add(path);
    const folder = target.slice(0, target.lastIndexOf(sep));
    if (!this.ready.has(folder)) {
      ensureParents(this.root, target);
      this.ready.add(folder);
    }
    return target;
  }

  /** Created by a libuv thread; written and closed here when it is. */
  private writeLater(target: string, mode: number, content: string): void {
    this.pending++;
    open(target, 'wx', mode, (error, fd) => {
      try {
        if (error && error.code !== 'EEXIST') throw error;
        if (error) fd = create(target, mode);
        try {
          writeAll(fd, content);
        } finally {
          closeSync(fd);
        }
      } catch (failed) {
        this.failure ??= { error: failed };
      }
      this.pending--;
      this.slot?.();
      this.slot = null;
      if (this.pending === 0) this.idle?.();
    });
  }

  append(text: string): void {
    writeAll(this.fd!, text);
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }

  /** Resolves once fewer than IN_FLIGHT files are being created; throws what a finished one failed with. */
  async room(): Promise<void> {
    while (this.pending >= IN_FLIGHT) await new Promise<void>((done) => (this.slot = done));
    if (this.failure) throw this.failure.error;
  }

  /** Waits for the files still being created, removes stale pages of an earlier run; returns how many were written. */
  async finish(): Promise<number> {
    this.close();
    if (this.pending > 0) await new Promise<void>((done) => (this.idle = done));
    if (this.failure) throw this.failure.error;
    removeStale(this.root, this.written);
    return this.written.size;
  }
}

/** Writes every file; returns how many. */
export async function writeFiles(outDir: string, files: Iterable<OutputFile>): Promise<number> {
  const writer = new FolderWriter(outDir);
  for (const file of files) {
    writer.write(file);
    await writer.room();
  }
  return writer.finish();
}

function confine(root: string, relative: string): string {
  const parts = relative.split('/');
  if (
    relative === '' ||
    relative.startsWith('/') ||
    parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))
  ) {
    throw new InputError(`refusing to write ${JSON.stringify(relative)}: not a plain relative path`);
  }
  const target = resolve(root, ...parts);
  if (!target.startsWith(root + sep))
    throw new InputError(`refusing to write ${JSON.stringify(relative)} outside ${root}`);
  return target;
}

const lstatOrNull = (path: string): Stats | null => lstatSync(path, { throwIfNoEntry: false }) ?? null;

function ensureParents(root: string, target: string): void {
  const parts = target
    .slice(root.length + 1)
    .split(sep)
    .slice(0, -1);
  let current = root;
  for (const part of parts) {
    current = join(current, part);
    const info = lstatOrNull(current);
    if (!info) mkdirSync(current);
    else if (info.isSymbolicLink() || !info.isDirectory())
      throw new InputError(`${current}: exists and is not a plain folder`);
  }
}

/**
 * Creates the file with 'wx', so an existing symlink is never written through; only when something is in the
 * way is it looked at (a folder is refused) and unlinked first. Trying first saves an lstat per file.
 */
function create(target: string, mode: number): number {
  try {
    return openSync(target, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (lstatOrNull(target)?.isDirectory()) throw new InputError(`${target}: a folder is in the way`);
  unlinkSync(target);
  return openSync(target, 'wx', mode);
}

/**
 * Node encodes a string for writeSync into a native buffer of the whole text, allocated and freed around each
 * call: writing an 8 MB page (a summary page of 100,000 tests) raised the peak RSS by 7.6 MB, and by nothing in
 * pieces of 64k characters (measured). Long texts go in pieces of WRITE_PIECE characters, never cut inside a
 * surrogate pair.
 */
function writeAll(fd: number, text: string): void {
  // A streamed file's pieces (about WRITE_PIECE each) go whole.
  if (text.length <= 2 * WRITE_PIECE) return writeWhole(fd, text);
  for (let from = 0; from < text.length;) {
    let to = Math.min(from + WRITE_PIECE, text.length);
    if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to--;
    writeWhole(fd, text.slice(from, to));
    from = to;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Node encodes a string straight into the write (no Buffer per page). writeSync may write less than asked
 * (a full disk, a signal): then the rest goes out from a Buffer until all of it is written.
 */
function writeWhole(fd: number, text: string): void {
  if (text === '') return;
  const written = writeSync(fd, text);
  const total = Buffer.byteLength(text, 'utf8');
  if (written === total) return;
  const bytes = Buffer.from(text, 'utf8');
  for (let done = written; done < total;) done += writeSync(fd, bytes, done, total - done);
}

function removeStale(root: string, written: Set<string>): void {
  for (const folder of OWNED_FOLDERS) {
    const dir = join(root, folder);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith('.md') && !written.has(`${folder}/${entry.name}`))
        unlinkSync(join(dir, entry.name));
    }
  }
}
