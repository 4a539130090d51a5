// Loads the CLI's bundle (dist/cli-app.cjs) with V8's code cache of an earlier run. Node's own compile cache
// is made when a module is compiled, before it runs, so it holds only the functions V8 compiles up front; every
// other function the run calls was parsed and compiled again on each run. A cache made after a run holds them
// all: on the 47-test sample, 200 ms against 265 (median of 12 alternated runs, bench/notes.md).
//
// The cache lives beside Node's (module.getCompileCacheDir(): per Node version and user), so it is on or off
// with it (NODE_DISABLE_COMPILE_CACHE=1 turns both off) and trusted as much as it is. Its name carries the
// bundle file's identity (inode, size, modification time in nanoseconds): V8 checks a cache against the
// source's length only, so a rebuilt bundle of the same length would otherwise run with the old one's code.
// A hash of the content would need zlib or crypto, whose loading costs more than the cache saves on --help.

import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import nodeModule, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';

export interface LoadedBundle<T> {
  exports: T;
  /** Writes the cache of every function run so far when there was none V8 would take (a no-op otherwise). */
  saveCodeCache(): void;
}

/** Where this user's code caches go with the running Node, or undefined when Node's compile cache is off. */
export function codeCacheDir(): string | undefined {
  const dir = (nodeModule as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.();
  return dir ? join(dir, 'e2e-triage') : undefined;
}

/**
 * Runs the CommonJS bundle `file` in this thread and returns its exports. `name` keeps apart caches made under
 * different V8 flags (the analysis worker's), which V8 would refuse: each refusal would rewrite the other's.
 */
export function loadBundle<T>(file: string, name: string, cacheDir = codeCacheDir()): LoadedBundle<T> {
  const fd = openSync(file, 'r');
  let source: string;
  let identity: string;
  try {
    const { ino, size, mtimeNs } = fstatSync(fd, { bigint: true });
    identity = [ino, size, mtimeNs].map((n) => n.toString(36)).join('-');
    // The bundle is ASCII (scripts/bundle.mjs refuses it otherwise): read as Latin-1, without UTF-8 decoding.
    source = readFileSync(fd, 'latin1');
  } finally {
    closeSync(fd);
  }
  // Caches of earlier builds of this file are replaced by the new one; other copies of the CLI keep theirs.
  const prefix = `${name}-${fnv1a(file).toString(36)}.`;
  const cacheFile = cacheDir ? join(cacheDir, `${prefix}${identity}.bin`) : undefined;
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // None yet, or unreadable: the run makes one.
  }
  // The bundle is the function CommonJS would wrap it in (scripts/bundle-lib.mjs): compiled as read, not copied
  // into a wrapper of ours.
  const script = new vm.Script(source, {
    filename: file,
    cachedData,
    // The bundle's dependencies may import() a Node module.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const run: unknown = script.runInThisContext();
  if (typeof run !== 'function') throw new Error(`${file}: not a bundle made by scripts/bundle.mjs`);
  const module = { exports: {} as T };
  run(module.exports, createRequire(file), module, file, dirname(file));
  const stale = cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true);
  return {
    exports: module.exports,
    saveCodeCache() {
      if (stale) writeCache(cacheFile, prefix, script.createCachedData());
    },
  };
}

/**
 * Written whole under a temporary name, then renamed: a run started meanwhile reads the old file or the new.
 * The caches of earlier builds of the same file go: nothing would read them again.
 */
function writeCache(file: string, prefix: string, data: Buffer): void {
  const dir = dirname(file);
  const partial = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A read-only or full temp folder costs the next run its cache, not this run its result.
    try {
      rmSync(partial, { force: true });
    } catch {
      // Never made.
    }
    return;
  }
  try {
    for (const old of readdirSync(dir)) {
      if (old.startsWith(prefix) && old.endsWith('.bin') && old !== basename(file))
        rmSync(join(dir, old), { force: true });
    }
  } catch {
    // Left for the next write.
  }
}

/** FNV-1a of a short text: a name for a path (node:crypto and zlib cost more to load than they would save). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
