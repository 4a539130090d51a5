// parse: the results, read through a ResultsSource, turned into the harness-neutral ParsedBatch by the
// adapter of the harness that wrote them. Pure: all IO goes through the source.

import type { ResultsSource } from '../ingest/source.js';
import type { ParsedBatch } from './parsed-batch.js';
import { parseScylla } from './scylla/index.js';

export type { ParsedBatch, ParsedTest } from './parsed-batch.js';

export async function parseBatch(source: ResultsSource): Promise<ParsedBatch> {
  return parseScylla(source);
}
