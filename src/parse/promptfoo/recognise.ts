// Is this file a promptfoo output? Decided from its name and its first bytes only: detection runs on every
// folder of an artifact, and a folder of a thousand Inspect logs must not be read to say no.

import type { ResultsSource, SourceEntry } from '../../ingest/source.js';
import { firstBytes } from '../adapter.js';

/** `promptfoo eval -o out.json` starts `{"evalId": …, "results": {"version": 3, …`; 64 KB reach well past it. */
const JSON_HEAD_BYTES = 64 * 1024;
/** A JSONL row holds the model's whole answer: read its first line up to this much. */
const JSONL_LINE_BYTES = 1024 * 1024;
/** Files detection may open in one folder. */
export const MAX_PROBES = 4;

const OUTPUT_NAME = /\.jsonl?$/i;
/** Read by other adapters, never promptfoo outputs: not worth a read. */
const OTHER_HARNESS_NAME = /^batch_summary\.json$|^\d{4}-\d{2}-\d{2}T\d{2}[-:]\d{2}[-:]\d{2}.*\.json$/i;

/** JSON and JSONL files of a folder, the likeliest outputs first (Inspect's timestamped logs last). */
export function candidateFiles(entries: readonly SourceEntry[]): string[] {
  const names = entries.filter((e) => !e.isDirectory && OUTPUT_NAME.test(e.name)).map((e) => e.name);
  return [...names.filter((n) => !OTHER_HARNESS_NAME.test(n)), ...names.filter((n) => OTHER_HARNESS_NAME.test(n))];
}

export async function isOutputFile(source: ResultsSource, file: string): Promise<boolean> {
  if (/^batch_summary\.json$/i.test(file)) return false;
  try {
    if (/\.jsonl$/i.test(file)) return looksLikeJsonlRow(await firstLine(source, file));
    return looksLikeOutputJson((await firstBytes(source, file, JSON_HEAD_BYTES)).toString('utf8'));
  } catch {
    return false;
  }
}

/**
 * The top of an `-o x.json` file: an object with `evalId` and a `results` object (not the array a
 * batch_summary.json has; Inspect logs have neither key), or, written by other serialisers, `results` first.
 */
export function looksLikeOutputJson(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '');
  if (!/^\s*\{/.test(text)) return false;
  if (/"evalId"\s*:/.test(text) && /"results"\s*:\s*\{/.test(text)) return true;
  return /^\s*\{\s*"results"\s*:\s*\{\s*"version"\s*:\s*\d+\s*,\s*"timestamp"\s*:/.test(text);
}

/** The first line of an `-o x.jsonl` file: one result row, known by its indexes and verdict fields. */
export function looksLikeJsonlRow(line: { text: string; complete: boolean }): boolean {
  const text = line.text.replace(/^\uFEFF/, '').trim();
  if (!text.startsWith('{')) return false;
  if (!line.complete) return /"testIdx"\s*:\s*\d/.test(text) && /"promptIdx"\s*:\s*\d/.test(text);
  try {
    const row = JSON.parse(text) as Record<string, unknown>;
    return (
      typeof row.testIdx === 'number' &&
      typeof row.promptIdx === 'number' &&
      (typeof row.failureReason === 'number' || typeof row.success === 'boolean')
    );
  } catch {
    return false;
  }
}

/** The first non-empty line, read no further than it (or JSONL_LINE_BYTES). */
async function firstLine(source: ResultsSource, file: string): Promise<{ text: string; complete: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source.chunks(file)) {
    parts.push(Buffer.from(chunk));
    size += chunk.length;
    // Joined only when a line may have ended: a long first line arrives in many chunks.
    if (chunk.includes(0x0a) || size >= JSONL_LINE_BYTES) {
      const text = Buffer.concat(parts).toString('utf8');
      const line = /^\s*([^\n]*)\n/.exec(text);
      if (line) return { text: line[1]!, complete: true };
      if (size >= JSONL_LINE_BYTES) return { text, complete: false };
    }
  }
  return { text: Buffer.concat(parts).toString('utf8'), complete: true };
}
