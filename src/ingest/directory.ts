import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';

import { InputError } from '../errors.js';
import { DEFAULT_MAX_JSON_BYTES, type ResultsSource, type SourceEntry } from './source.js';

const CHUNK_BYTES = 1024 * 1024;

/** A results folder on disk. Symlinks are not followed out of the root. */
export class DirectorySource implements ResultsSource {
  readonly label: string;
  private readonly root: string;

  constructor(root: string, label?: string) {
    this.root = resolve(root);
    this.label = label ?? basename(this.root);
  }

  private abs(rel: string): string {
    const full = resolve(this.root, rel);
    if (full !== this.root && !full.startsWith(this.root + sep)) {
      throw new InputError(`${rel}: path leaves the results folder`);
    }
    return full;
  }

  async list(dir: string): Promise<SourceEntry[]> {
    try {
      const entries = await readdir(this.abs(dir), { withFileTypes: true });
      return entries
        .filter((e) => e.isDirectory() || e.isFile())
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
