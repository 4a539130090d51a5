// Which files are Inspect logs: every `*.eval`, and the `*.json` whose first bytes open an EvalLog (top-level
// "version", "status" and "eval"). Inspect's own listings (logs.json, eval-set.json, listing.json) are not logs.

import type { ResultsSource, SourceEntry } from '../../ingest/source.js';
import { firstBytes } from '../adapter.js';

export interface LogFile {
  path: string;
  format: 'eval' | 'json';
}

const IGNORED_JSON = new Set(['logs.json', 'eval-set.json', 'listing.json']);
/** Inspect writes the three keys first; 64 KB also finds them after an `eval` a tool moved to the front. */
const HEAD_BYTES = 64 * 1024;
/** Detection looks at the first bytes of at most this many .eval and this many .json files of a folder. */
const DETECT_FILES = 3;
/** Inspect log folders nest (one per eval-set or per day): logs are collected this many folders deep. */
const MAX_DEPTH = 3;
const ZIP_MAGIC = 0x04034b50;

export const isEvalName = (name: string) => /\.eval$/i.test(name);
export const isJsonCandidate = (name: string) => /\.json$/i.test(name) && !IGNORED_JSON.has(name.toLowerCase());

/** Cheap: names, the zip magic of a few `.eval`, the first bytes of a few `.json`. */
export async function detectInspect(source: ResultsSource, entries: readonly SourceEntry[]): Promise<boolean> {
  const files = entries.filter((e) => !e.isDirectory);
  for (const entry of files.filter((e) => isEvalName(e.name)).slice(0, DETECT_FILES)) {
    const head = await firstBytes(source, entry.name, 4).catch(() => Buffer.alloc(0));
    if (head.length >= 4 && head.readUInt32LE(0) === ZIP_MAGIC) return true;
  }
  for (const entry of files.filter((e) => isJsonCandidate(e.name)).slice(0, DETECT_FILES)) {
    if (await isInspectJson(source, entry.name)) return true;
  }
  return false;
}

export async function isInspectJson(source: ResultsSource, file: string): Promise<boolean> {
  const head = await firstBytes(source, file, HEAD_BYTES).catch(() => null);
  return head !== null && hasEvalLogKeys(head.subarray(0, HEAD_BYTES).toString('utf8'));
}

/** Every log under the root, `.eval` or Inspect `.json`, sorted by path. */
export async function findLogFiles(source: ResultsSource, dir = '', depth = MAX_DEPTH): Promise<LogFile[]> {
  const found: LogFile[] = [];
  for (const entry of await source.list(dir)) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory) {
      if (depth > 0 && !entry.name.startsWith('.')) found.push(...(await findLogFiles(source, path, depth - 1)));
    } else if (isEvalName(entry.name)) found.push({ path, format: 'eval' });
    else if (isJsonCandidate(entry.name) && (await isInspectJson(source, path))) found.push({ path, format: 'json' });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Whether a JSON text starts with an object whose top-level keys include "version", "status" and "eval", in
 * any order, seen before the head ends. Keys of nested objects do not count.
 */
export function hasEvalLogKeys(head: string): boolean {
  const wanted = new Set(['version', 'status', 'eval']);
  let i = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < head.length && /\s/.test(head[i]!)) i++;
  if (head[i] !== '{') return false;
  const open: string[] = [];
  let expectKey = false;
  for (; i < head.length; i++) {
    const c = head[i]!;
    if (c === '"') {
      const start = i + 1;
      for (i++; i < head.length && head[i] !== '"'; i++) if (head[i] === '\\') i++;
      if (open.length === 1 && expectKey) {
        wanted.delete(head.slice(start, i));
        if (wanted.size === 0) return true;
      }
      expectKey = false;
    } else if (c === '{' || c === '[') {
      open.push(c);
      expectKey = c === '{';
    } else if (c === '}' || c === ']') open.pop();
    else if (c === ',') expectKey = open.at(-1) === '{';
  }
  return false;
}
