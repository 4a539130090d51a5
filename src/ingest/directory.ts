import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';

import { InputError } from '../errors.js';
import { openArchive, type ArchiveReader } from './archive.js';
import { DEFAULT_MAX_JSON_BYTES, type ResultsSource, type SourceEntry } from './source.js';

const CHUNK_BYTES = 1024 * 1024;

/**
 * A results folder on disk. Symlinks are not followed out of the root. `only` narrows the view to some files
 * of the root (a single log or output file given on the command line).
 */
export class DirectorySource implements ResultsSource {
  readonly label: string;
  private readonly root: string;
  private readonly only: ReadonlySet<string> | null;

  constructor(root: string, label?: string, only?: readonly string[]) {
    this.root = resolve(root);
    this.label = label ?? basename(this.root);
    this.only = only ? new Set(only) : null;
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

  async list(dir: string): Promise<SourceEntry[]> {
    if (this.only && dir !== '') return [];
    try {
      const entries = await readdir(this.abs(dir), { withFileTypes: true });
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
      const info = await stat(full);
      if (!info.isFile()) return null;
      if (info.size > maxBytes) throw new InputError(`${file}: ${info.size} bytes is over the ${maxBytes}-byte limit`);
      return await readFile(full, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async archive(file: string): Promise<ArchiveReader> {
    return openArchive(this.abs(file), file);
  }

  /** One buffer, refilled for every chunk: a gigabyte of logs would otherwise leave a trail of garbage. */
  async *chunks(file: string): AsyncIterable<Buffer> {
    const handle = await open(this.abs(file), 'r');
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
