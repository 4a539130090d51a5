// Writes the rendered analysis into the output folder and nowhere else. The output folder often sits
// inside an untrusted results folder, so links are never followed and names never climb out.

import { lstat, mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

import { InputError } from '../errors.js';
import type { RenderedFile } from '../render/index.js';
import { mapLimit } from '../util/map-limit.js';

const WRITE_CONCURRENCY = 32;

/** Sub-folders whose .md files are entirely ours: stale ones from an earlier run are removed. */
const OWNED_FOLDERS = ['failures', 'issues'];

export async function writeFiles(outDir: string, files: RenderedFile[]): Promise<void> {
  const root = resolve(outDir);
  await mkdir(root, { recursive: true });
  const targets = files.map((file) => confine(root, file.path));
  // Folders first (few, in order), then the files in parallel: thousands of sequential writes are slow.
  const folders = [...new Set(targets.map((t) => t.slice(0, t.lastIndexOf(sep))))].sort();
  for (const folder of folders) await ensureParents(root, join(folder, 'x'));
  await mapLimit(files, WRITE_CONCURRENCY, (file, i) =>
    replaceFile(targets[i]!, file.content, file.executable ? 0o755 : 0o644),
  );
  await removeStale(root, new Set(targets));
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

async function ensureParents(root: string, target: string): Promise<void> {
  const parts = target
    .slice(root.length + 1)
    .split(sep)
    .slice(0, -1);
  let current = root;
  for (const part of parts) {
    current = join(current, part);
    const info = await lstat(current).catch(() => null);
    if (!info) await mkdir(current);
    else if (info.isSymbolicLink() || !info.isDirectory())
      throw new InputError(`${current}: exists and is not a plain folder`);
  }
}

async function replaceFile(target: string, content: string, mode: number): Promise<void> {
  const info = await lstat(target).catch(() => null);
  if (info?.isDirectory()) throw new InputError(`${target}: a folder is in the way`);
  // Unlink first so an existing symlink is replaced, never written through; 'wx' refuses a race.
  if (info) await unlink(target);
  await writeFile(target, content, { flag: 'wx', mode });
}

async function removeStale(root: string, written: Set<string>): Promise<void> {
  for (const folder of OWNED_FOLDERS) {
    const dir = join(root, folder);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isFile() && entry.name.endsWith('.md') && !written.has(path)) await unlink(path);
    }
  }
}
