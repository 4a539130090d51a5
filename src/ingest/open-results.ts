// Where results come from on disk: a folder; a zip (an artifact), extracted with limits into a fresh temp
// folder; or one result file (an Inspect log, a promptfoo output), seen as a folder holding only that file.
// Which harness wrote them, and in which sub-folder, is parse's to recognise. Synchronous calls: each is made
// once, and node:fs/promises costs some 2 ms of a small batch's start to load.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

import { InputError } from '../errors.js';
import { DirectorySource } from './directory.js';
import type { ResultsSource } from './source.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-limits.js';

export interface OpenedResults {
  source: ResultsSource;
  /** The folder on disk the source reads (a fresh temporary one for a zip). */
  root: string;
  cleanup(): Promise<void>;
}

/** Zips that are result files themselves, read member by member rather than extracted. */
const RESULT_ARCHIVES = /\.eval$/i;

export async function openResults(pathOrZip: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<OpenedResults> {
  const info = statSync(pathOrZip, { throwIfNoEntry: false });
  if (!info) throw new InputError(`${pathOrZip}: no such file or folder`);
  const none = async () => {};
  if (info.isDirectory()) return { source: new DirectorySource(pathOrZip), root: pathOrZip, cleanup: none };
  if (!info.isFile()) throw new InputError(`${pathOrZip}: not a folder, a zip or a result file`);
  const name = basename(pathOrZip);
  if (RESULT_ARCHIVES.test(name) || !isZip(pathOrZip)) {
    return { source: new DirectorySource(dirname(pathOrZip), name, [name]), root: dirname(pathOrZip), cleanup: none };
  }
  const temp = mkdtempSync(join(tmpdir(), 'e2e-triage-'));
  const dest = join(temp, 'results');
  const cleanup = async () => rmSync(temp, { recursive: true, force: true });
  try {
    const { extractZip } = await import('./zip.js');
    await extractZip(pathOrZip, dest, limits);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { source: new DirectorySource(dest, name.replace(/\.zip$/i, '')), root: dest, cleanup };
}

function isZip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}
