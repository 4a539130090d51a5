// parse: the results, read through a ResultsSource, turned into the harness-neutral ParsedBatch by the
// adapter of the harness that wrote them, then cleared of credentials (the one place data enters the model).
// The folder holding them is found first: artifacts often wrap the results in a folder or two. Pure: all IO
// goes through the source.

import { InputError } from '../errors.js';
import { scopeSource, type ResultsSource } from '../ingest/source.js';
import type { Harness } from '../model.js';
import type { HarnessAdapter, ParseHelpers } from './adapter.js';
import { ADAPTERS } from './adapters.js';
import type { ParsedBatch } from './parsed-batch.js';
import { redactBatch } from './redact/redact-batch.js';

export type { ParsedBatch, ParsedTest } from './parsed-batch.js';

/** How many folders deep the results may sit inside what was given. */
const SEARCH_DEPTH = 2;

export interface ParseOptions {
  /** Read as this harness's results instead of recognising them (`--format`). */
  harness?: Harness;
  /** Given the raw credentials found, before anything else sees the batch (the runner masks them). */
  onSecrets?: (values: readonly string[]) => void;
  /** Threads lent to a large batch's parsing (the CLI's, when the batch has a worker of its own). */
  helpers?: ParseHelpers;
}

export async function parseBatch(source: ResultsSource, options: ParseOptions = {}): Promise<ParsedBatch> {
  const candidates = options.harness ? ADAPTERS.filter((a) => a.harness === options.harness) : ADAPTERS;
  const found = await findResults(source, candidates, '', SEARCH_DEPTH);
  if (!found) {
    const wanted = candidates.map((a) => a.looksFor).join('; or ');
    throw new InputError(`${source.label}: no results found (looked ${SEARCH_DEPTH} folders deep for ${wanted})`);
  }
  const { batch, secrets } = await redactBatch(
    await found.adapter.parse(scopeSource(source, found.dir), options.helpers),
  );
  if (secrets.length > 0) options.onSecrets?.(secrets);
  return batch;
}

async function findResults(
  source: ResultsSource,
  adapters: readonly HarnessAdapter[],
  dir: string,
  depth: number,
): Promise<{ adapter: HarnessAdapter; dir: string } | null> {
  const entries = await source.list(dir);
  const here = scopeSource(source, dir);
  const matches: HarnessAdapter[] = [];
  for (const adapter of adapters) if (await adapter.detect(here, entries)) matches.push(adapter);
  if (matches.length > 1) {
    const where = dir === '' ? source.label : `${source.label}/${dir}`;
    throw new InputError(
      `${where}: holds results of ${matches.map((a) => a.harness).join(' and ')}; say which with --format`,
    );
  }
  if (matches.length === 1) return { adapter: matches[0]!, dir };
  if (depth === 0) return null;
  for (const entry of entries) {
    if (!entry.isDirectory) continue;
    const found = await findResults(source, adapters, dir === '' ? entry.name : `${dir}/${entry.name}`, depth - 1);
    if (found) return found;
  }
  return null;
}
