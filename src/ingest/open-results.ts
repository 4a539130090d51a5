// Where results come from on disk: a folder, or a zip extracted with limits into a fresh temp folder.
// The results root is the folder holding batch_summary.json (artifacts often wrap it in one more folder).

import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { InputError } from '../errors.js';
import { DirectorySource } from './directory.js';
import type { ResultsSource } from './source.js';
import { DEFAULT_ZIP_LIMITS, extractZip, type ZipLimits } from './zip.js';

export interface OpenedResults {
  source: ResultsSource;
  root: string;
  cleanup(): Promise<void>;
}

const SUMMARY = 'batch_summary.json';
const SEARCH_DEPTH = 2;

export async function openResults(pathOrZip: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<OpenedResults> {
  const info = await stat(pathOrZip).catch(() => null);
  if (!info) throw new InputError(`${pathOrZip}: no such file or folder`);
  let base = pathOrZip;
  let cleanup = async () => {};
  if (info.isFile()) {
    const temp = await mkdtemp(join(tmpdir(), 'e2e-triage-'));
    const dest = join(temp, 'results');
    cleanup = () => rm(temp, { recursive: true, force: true });
    try {
      await extractZip(pathOrZip, dest, limits);
    } catch (error) {
      await cleanup();
      throw error;
    }
    base = dest;
  } else if (!info.isDirectory()) {
    throw new InputError(`${pathOrZip}: not a folder or a zip file`);
  }
  const root = await findRoot(new DirectorySource(base), '', SEARCH_DEPTH);
  if (root === null) {
    await cleanup();
    throw new InputError(`${pathOrZip}: no ${SUMMARY} found (looked ${SEARCH_DEPTH} folders deep)`);
  }
  const full = root === '' ? base : join(base, root);
  const label = info.isFile() ? pathOrZip.replace(/^.*[\\/]/, '').replace(/\.zip$/i, '') : undefined;
  return { source: new DirectorySource(full, label), root: full, cleanup };
}

async function findRoot(source: DirectorySource, dir: string, depth: number): Promise<string | null> {
  const entries = await source.list(dir);
  if (entries.some((e) => !e.isDirectory && e.name === SUMMARY)) return dir;
  if (depth === 0) return null;
  for (const entry of entries) {
    if (!entry.isDirectory) continue;
    const found = await findRoot(source, dir === '' ? entry.name : `${dir}/${entry.name}`, depth - 1);
    if (found !== null) return found;
  }
  return null;
}
