// Whether an analysis gets a thread of its own, decided by the launcher (cli.ts) before any of the application
// is loaded, from a quick look at the results: their size on disk, with folders that are not looked into (one
// per test, or deep) counted at the size of a typical result folder. Small results are analysed in the
// launcher's thread: a worker costs some 40 ms to start, more than a small batch takes. And which thread logs
// the worker's log helper may start on before the CLI is loaded (earlyLogFiles).

import { lstatSync, opendirSync, readdirSync, statSync, type Dir } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { CLI_OPTIONS } from './cli-options.js';
import { SUMMARY_FILE, THREAD_LOGS, threadFromFileName } from './parse/scylla/file-names.js';
import type { HelperFile } from './parse/scylla/thread-log-scan.js';

/** From about this size, a worker pays for itself: a heap tuned for the footprint, and a second core. */
export const LARGE_BYTES = 64 * 1024 * 1024;
/** A folder not looked into: a result folder's JSON files and its share of the thread logs. */
const FOLDER_BYTES = 16 * 1024;
/** A file not looked at (past MAX_STATS in one folder). */
const FILE_BYTES = 4 * 1024;
const MAX_LISTINGS = 64;
/**
 * Past this many sub-folders, a folder's per-test folders are counted, not read. A listing costs some 30-60 us
 * here: listing 64 folders of the bench's 47-test batch took 9-16 ms of its start, counting its result folders
 * 2-3 ms (bench/notes.md).
 */
const MANY_FOLDERS = 8;
const MAX_STATS = 4096;
/** The results may sit two folders down in what was given (parse/index.ts), and have folders of their own. */
const MAX_DEPTH = 3;
/** Deflate shrinks logs and JSON some four to ten times: a zip's size undercounts what it holds. */
const ZIP_RATIO = 4;

/** The results the command line asks to analyse; undefined for help, the version, a history rebuild or a usage error. */
export function analysisInput(argv: readonly string[]): string | undefined {
  return analysisArgs(argv)?.input;
}

function analysisArgs(argv: readonly string[]): { input: string; format: string | undefined } | undefined {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: CLI_OPTIONS });
    if (values.help || values.version || positionals.length !== 1) return undefined;
    return { input: positionals[0]!, format: values.format };
  } catch {
    return undefined; // A usage error: reported by the CLI itself.
  }
}

/**
 * The thread logs of ProjectScylla results given as a folder, listed as the analysis lists them
 * (parse/scylla/read.ts), for the analysis worker to start their helper before it has loaded the CLI (some
 * 150-250 ms on a large batch). Undefined when there are none to be sure of; a list the analysis would not
 * make is not used (log-helper.ts).
 */
export function earlyLogFiles(argv: readonly string[]): HelperFile[] | undefined {
  const args = analysisArgs(argv);
  if (!args || (args.format !== undefined && args.format !== 'scylla')) return undefined;
  const root = resolve(args.input);
  try {
    if (!statSync(join(root, SUMMARY_FILE), { throwIfNoEntry: false })?.isFile()) return undefined;
    // A linked folder of logs is not followed (ingest/directory.ts): the analysis would find no logs there.
    if (!lstatSync(join(root, THREAD_LOGS), { throwIfNoEntry: false })?.isDirectory()) return undefined;
    const names = readdirSync(join(root, THREAD_LOGS), { withFileTypes: true })
      .filter((e) => e.isFile() && threadFromFileName(e.name) !== null)
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .sort((a, b) => threadFromFileName(a)! - threadFromFileName(b)!);
    if (names.length === 0) return undefined;
    return names.map((name) => ({ file: `${THREAD_LOGS}/${name}`, path: join(root, THREAD_LOGS, name) }));
  } catch {
    return undefined;
  }
}

/**
 * From this size of batch_summary.json (some 400 bytes a test: about 40,000 tests) the analysis worker's heap
 * passes 128 MB and grows slower (cli.ts). The summary's size, because a thread's logs or a test's folders
 * weigh what its agent wrote, not what the analysis keeps of it.
 */
const HUGE_SUMMARY_BYTES = 16 * 1024 * 1024;

/** ProjectScylla results given as a folder whose summary says tens of thousands of tests. */
export function hugeBatch(argv: readonly string[]): boolean {
  const input = analysisInput(argv);
  if (input === undefined) return false;
  try {
    return (statSync(join(resolve(input), SUMMARY_FILE), { throwIfNoEntry: false })?.size ?? 0) >= HUGE_SUMMARY_BYTES;
  } catch {
    return false; // A zip, or a folder not readable: the analysis says why.
  }
}

export function needsOwnThread(argv: readonly string[]): boolean {
  const input = analysisInput(argv);
  if (input === undefined) return false;
  try {
    return weigh(input) >= LARGE_BYTES;
  } catch {
    return false;
  }
}

/**
 * Bytes of the results, roughly, stopping as soon as they are known to be large. Folders are read entry by
 * entry, not listed whole: this thread keeps what it allocates for the whole run (it only waits for the worker
 * and is never collected), and a listing of 100,000 result folders left 31 MB of it (bench/notes.md).
 */
export function weigh(input: string): number {
  const info = statSync(input);
  if (!info.isDirectory()) return /\.zip$/i.test(input) ? info.size * ZIP_RATIO : info.size;
  const weight = { total: 0 };
  const queue: { dir: string; depth: number }[] = [{ dir: input, depth: 0 }];
  for (let at = 0; at < queue.length && weight.total < LARGE_BYTES && at < MAX_LISTINGS; at++) {
    const { dir, depth } = queue[at]!;
    let folder;
    try {
      folder = opendirSync(dir);
    } catch {
      continue;
    }
    try {
      weighFolder(folder, depth, queue, weight);
    } finally {
      folder.closeSync();
    }
  }
  return weight.total;
}

/** Adds one folder's files and the folders not looked into to the weight; queues the ones to look into. */
function weighFolder(folder: Dir, depth: number, queue: { dir: string; depth: number }[], weight: { total: number }) {
  // Folders one per test are counted, not read: a listing each would cost more than it tells.
  // Per-test folders are named by a timestamp or an id; a folder without a digit (thread_logs) is still read.
  // Which case this is shows after MANY_FOLDERS + 1 folders: until then they wait.
  const waiting: string[] = [];
  let many = false;
  const take = (name: string) => {
    if (depth + 1 < MAX_DEPTH && (!many || !/\d/.test(name)))
      queue.push({ dir: join(folder.path, name), depth: depth + 1 });
    else weight.total += FOLDER_BYTES;
  };
  let stats = 0;
  for (let entry = folder.readSync(); entry !== null && weight.total < LARGE_BYTES; entry = folder.readSync()) {
    if (entry.isDirectory()) {
      if (many) take(entry.name);
      else if (waiting.push(entry.name) > MANY_FOLDERS) {
        many = true;
        for (const name of waiting.splice(0)) take(name);
      }
    } else if (entry.isFile()) {
      weight.total +=
        stats++ < MAX_STATS
          ? (statSync(join(folder.path, entry.name), { throwIfNoEntry: false })?.size ?? 0)
          : FILE_BYTES;
    }
  }
  for (const name of waiting) take(name);
}
