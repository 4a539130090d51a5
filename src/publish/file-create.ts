// Creating and writing one output file, shared by the thread that renders (local-files.ts) and the page
// writer's thread (page-writer-worker.ts): never through a link, in pieces that keep the native copies small.

import { closeSync, lstatSync, openSync, unlinkSync, writeSync, type Stats } from 'node:fs';

import { InputError } from '../errors.js';

/** Streamed files reach the disk in pieces of about this many characters. */
export const WRITE_PIECE = 64 * 1024;

export const lstatOrNull = (path: string): Stats | null => lstatSync(path, { throwIfNoEntry: false }) ?? null;

/** A whole page: created, written, closed. */
export function writePage(target: string, mode: number, content: string): void {
  const fd = create(target, mode);
  try {
    writeAll(fd, content);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates the file with 'wx', so an existing symlink is never written through; only when something is in the
 * way is it looked at (a folder is refused) and unlinked first. Trying first saves an lstat per file.
 */
export function create(target: string, mode: number): number {
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
export function writeAll(fd: number, text: string): void {
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
