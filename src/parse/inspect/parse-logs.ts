// Inspect AI logs to a ParsedBatch: every log read (four at a time), then grouped by task into tests. Loaded by
// the adapter (index.ts) only once the results are recognised as Inspect's.

import { InputError } from '../../errors.js';
import type { ResultsSource } from '../../ingest/source.js';
import type { Warning } from '../../model.js';
import { mapLimit } from '../../util/map-limit.js';
import type { ParsedBatch } from '../parsed-batch.js';
import { assembleTests } from './assemble.js';
import { batchInfo } from './batch-info.js';
import { findLogFiles } from './find-logs.js';
import type { InspectLog } from './log-record.js';
import { readEvalLog } from './read-eval-log.js';
import { readJsonLog } from './read-json-log.js';
import { groupLogs } from './task-groups.js';

/** Logs read at once: each holds an archive open or a whole .json log in memory. */
const LOG_CONCURRENCY = 4;

export async function parseInspect(source: ResultsSource): Promise<ParsedBatch> {
  const files = await findLogFiles(source);
  const read = await mapLimit(files, LOG_CONCURRENCY, async ({ path, format }) => {
    const warnings: Warning[] = [];
    const warn = (member: string | null, at: string, message: string) =>
      warnings.push({ file: path, path: member ? (at ? `${member}: ${at}` : member) : at, message });
    const log = format === 'eval' ? await readEvalLog(source, path, warn) : await readJsonLog(source, path, warn);
    return { log, warnings };
  });
  // Read concurrently, reported in file order: triage.json is the same on every run.
  const warnings = read.flatMap((r) => r.warnings);
  const logs = read.map((r) => r.log).filter((l): l is InspectLog => l !== null);
  if (logs.length === 0) {
    const first = warnings[0];
    const why = first ? ` (${first.file}${first.path ? `: ${first.path}` : ''}: ${first.message})` : '';
    throw new InputError(`${source.label}: no readable Inspect log${why}`);
  }
  for (const log of logs) {
    if (log.status !== 'success' && log.sampleIds === null && log.samples.length > 0) {
      warnings.push({
        file: log.file,
        path: log.headerMember ?? '',
        message: `status ${log.status} and no eval.dataset.sample_ids: samples that never ran cannot be listed`,
      });
    }
  }
  const unpriced = logs.filter((l) => l.samples.some((s) => s.usage.unpriced));
  if (unpriced.length > 0) {
    warnings.push({
      file: unpriced[0]!.file,
      path: '',
      message: `no prices in the log: tokens only (no total_cost in ${unpriced.length} of ${logs.length} log${logs.length === 1 ? '' : 's'}; the cost is left unknown, never estimated)`,
    });
  }
  return {
    label: source.label,
    batch: batchInfo(logs),
    sessions: 0,
    tests: assembleTests(groupLogs(logs)),
    excluded: [],
    warnings,
  };
}
