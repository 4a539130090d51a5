// What one harness's adapter is: how to recognise its results and how to turn them into a ParsedBatch.
// Each lives in its own folder under src/parse/ and is listed once in adapters.ts.

import type { ResultsSource, SourceEntry } from '../ingest/source.js';
import type { Harness } from '../model.js';
import type { ParsedBatch } from './parsed-batch.js';
import type { LogScanHelper } from './scylla/thread-log-scan.js';

export interface HarnessAdapter {
  harness: Harness;
  /** What detection looks for, in a phrase, for the message when nothing is recognised. */
  looksFor: string;
  /**
   * Whether this folder (its entries already listed) holds this harness's results. Cheap: file names, and
   * at most the first bytes of a few files.
   */
  detect(source: ResultsSource, entries: readonly SourceEntry[]): Promise<boolean>;
  parse(source: ResultsSource, helpers?: ParseHelpers): Promise<ParsedBatch>;
}

/** Threads the caller lends to the parsing of a large batch; an adapter uses what it can. */
export interface ParseHelpers {
  /** Parses ProjectScylla thread logs while the result folders are read. */
  threadLogs?: LogScanHelper;
}

/** The first bytes of a file (at least `bytes` of them when it has that many), without reading it all. */
export async function firstBytes(source: ResultsSource, file: string, bytes = 64 * 1024): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source.chunks(file)) {
    parts.push(Buffer.from(chunk));
    size += chunk.length;
    if (size >= bytes) break;
  }
  return Buffer.concat(parts);
}
