// Writes the rendered analysis into the output folder and nowhere else. The output folder often sits
// inside an untrusted results folder, so links are never followed and names never climb out.
// Files are written as they are rendered. A short page goes to a PageSink, which writes it while this thread
// renders the next: by default each page's creation goes to a libuv thread and this thread writes and closes
// it when it is created; a large batch's analysis lends a thread of its own (page-writer-thread.ts). At most
// IN_FLIGHT wait at a time, so each page is garbage soon after it is on disk (writing everything
// asynchronously had kept thousands of them alive long enough to fill the old heap). Long pages and streamed
// files are written at once, except a background one (triage.json): its parts fill the time this thread would
// otherwise spend waiting for the pages after it.

import { closeSync, mkdirSync, open, readdirSync, unlinkSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

import { InputError } from '../errors.js';
import type { OutputFile } from '../render/index.js';
import { WRITE_PIECE, create, lstatOrNull, writeAll } from './file-create.js';

export { WRITE_PIECE };

/**
 * Pages being written while this thread renders the next. Creating a file takes 0.2-0.3 ms on some disks, most
 * of what writing a small analysis costs. On 10,000 tests the wait for a free slot also lets V8's own tasks run
 * between pages (a synchronous loop held them off until the last page), which lowered the peak by some 10 MB
 * (bench/notes.md).
 */
export const IN_FLIGHT = 64;

/** Where short pages go to be written, while the caller renders the next. */
export interface PageSink {
  /** Creates `target` (never through a link) holding `content`: on disk by `finish`, perhaps not before. */
  write(target: string, mode: number, content: string): void;
  /** Resolves once fewer than IN_FLIGHT pages are waiting; throws what a finished one failed with. */
  room(): Promise<void>;
  /** True while IN_FLIGHT pages are waiting: `room` would wait. */
  full(): boolean;
  /** Resolves once every page is on disk; throws the first failure. */
  finish(): Promise<void>;
}

/** Each page created by a libuv thread, then written and closed on this one. */
class LibuvPages implements PageSink {
  private pending = 0;
  private failure: { error: unknown } | null = null;
  private idle: (() => void) | null = null;
  private slot: (() => void) | null = null;

  write(target: string, mode: number, content: string): void {
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

  async room(): Promise<void> {
    while (this.full()) await new Promise<void>((done) => (this.slot = done));
    if (this.failure) throw this.failure.error;
  }

  full(): boolean {
    return this.pending >= IN_FLIGHT;
  }

  async finish(): Promise<void> {
    if (this.pending > 0) await new Promise<void>((done) => (this.idle = done));
    if (this.failure) throw this.failure.error;
  }
}

/** The default sink: each page created on libuv's threads (never more than IN_FLIGHT at a time). */
export const libuvPages = (): PageSink => new LibuvPages();

/** Sub-folders whose .md files are entirely ours: stale ones from an earlier run are removed. */
const OWNED_FOLDERS = ['failures', 'issues'];

/** Writes into one output folder, file after file; `finish` removes what an earlier run left and counts. */
export class FolderWriter {
  private readonly root: string;
  /** Relative paths, as given (confine accepts only plain ones): a 100,000-test analysis writes 200,000 files. */
  private readonly written = new Set<string>();
  private readonly ready = new Set<string>();
  private fd: number | null = null;
  /** A background file (StreamedFile.background) being written while the pages wait: what is left of it. */
  private background: { fd: number; parts: Iterator<string>; piece: string } | null = null;

  constructor(
    outDir: string,
    private readonly pages: PageSink = libuvPages(),
  ) {
    this.root = resolve(outDir);
    // The default folder is inside the results (<results>/analysis), which an artifact can plant as a link to
    // anywhere: written through, its target's pages would be overwritten and its stale ones removed.
    if (lstatOrNull(this.root)?.isSymbolicLink()) {
      throw new InputError(
        `${this.root}: the output folder is a symbolic link, not followed (give --out a real folder)`,
      );
    }
    mkdirSync(this.root, { recursive: true });
  }

  /** A whole file, or a streamed one piece by piece (its parts joined in pieces of about WRITE_PIECE). */
  write(file: OutputFile): void {
    if ('parts' in file && file.background) {
      this.fill(false);
      const fd = create(this.prepare(file.path), file.executable ? 0o755 : 0o644);
      this.background = { fd, parts: file.parts()[Symbol.iterator](), piece: '' };
      return;
    }
    if ('content' in file && file.content.length <= WRITE_PIECE) {
      this.pages.write(this.prepare(file.path), file.executable ? 0o755 : 0o644, file.content);
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
    // still waiting in the sink.
    if (this.written.has(path)) throw new Error(`${path}: written twice in one analysis`);
    this.written.add(path);
    const folder = target.slice(0, target.lastIndexOf(sep));
    if (!this.ready.has(folder)) {
      ensureParents(this.root, target);
      this.ready.add(folder);
    }
    return target;
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

  /**
   * Resolves once fewer than IN_FLIGHT pages are waiting; throws what a finished one failed with. While they
   * wait, the background file goes on.
   */
  room(): Promise<void> {
    this.fill(true);
    return this.pages.room();
  }

  /** Writes the background file's next parts: while the pages wait (`whileFull`), or to its end. */
  private fill(whileFull: boolean): void {
    const background = this.background;
    if (!background) return;
    try {
      while (!whileFull || this.pages.full()) {
        const next = background.parts.next();
        if (next.done) {
          writeAll(background.fd, background.piece);
          this.dropBackground();
          return;
        }
        background.piece += next.value;
        if (background.piece.length < WRITE_PIECE) continue;
        writeAll(background.fd, background.piece);
        background.piece = '';
      }
    } catch (error) {
      this.dropBackground();
      throw error;
    }
  }

  /** Closes the background file, finished or not. */
  private dropBackground(): void {
    const background = this.background;
    if (!background) return;
    this.background = null;
    closeSync(background.fd);
  }

  /** After a failure: waits for the pages still being written, whatever they end with. */
  async settle(): Promise<void> {
    this.close();
    this.dropBackground();
    await this.pages.finish().catch(() => undefined);
  }

  /** Waits for the pages still being written, removes stale pages of an earlier run; returns how many were written. */
  async finish(): Promise<number> {
    this.close();
    try {
      this.fill(false);
    } catch (error) {
      await this.settle();
      throw error;
    }
    await this.pages.finish();
    removeStale(this.root, this.written);
    return this.written.size;
  }
}

/** Writes every file; returns how many. `pages`: where short pages go (libuv's threads unless given). */
export async function writeFiles(outDir: string, files: Iterable<OutputFile>, pages?: PageSink): Promise<number> {
  const writer = new FolderWriter(outDir, pages);
  try {
    for (const file of files) {
      writer.write(file);
      await writer.room();
    }
  } catch (error) {
    // The pages already handed over are created before the failure is reported, not after the caller moved on.
    await writer.settle();
    throw error;
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
