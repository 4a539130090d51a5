// The history on a batch: record it in its configuration's history, then judge it against that history (its
// tests' letters and states over the window, its root causes' first sighting). Pure.

import type { HistoryFile, TriageResult, Warning } from '../../model.js';
import type { Baseline } from '../../parse/baseline.js';
import { configurationKey } from './configuration.js';
import { batchHistory, byStart, emptyHistory, recordBatch, rootCauseHistory } from './record.js';
import { historySourceOf } from './source.js';

export { configurationKey } from './configuration.js';
export { historyOverview, type HistoryOverview } from './overview.js';
export { DEFAULT_WINDOW, emptyHistory } from './record.js';

export interface HistoryOptions {
  /** The analysis folder's name: the batch's entry in the history. */
  run: string;
  /** The newest batches of the configuration a test is judged on, this one included. */
  window: number;
}

/** Sets `result.history` and the root causes' `firstSeen` and `new`; returns the history with this batch in it. */
export function applyHistory(result: TriageResult, file: HistoryFile | null, options: HistoryOptions): HistoryFile {
  const before = file ?? emptyHistory();
  const replaced = replacedEntry(before, result, options.run);
  if (replaced) result.warnings.push(replaced);
  // Judged on every stored batch: an old batch analysed again still sees the batches before it, even when
  // the file keeps only newer ones.
  const everything = recordBatch(before, result, options.run, Number.MAX_SAFE_INTEGER);
  result.history = batchHistory(everything, result, options.run, options.window);
  const sightings = rootCauseHistory(everything, result, options.run, options.window);
  result.rootCauses.forEach((rc, i) => {
    rc.firstSeen = sightings[i]!.firstSeen;
    rc.new = sightings[i]!.new;
  });
  const keep = keepFor(before, result, options.window);
  // Most often the file keeps every batch it has: the same file again, not recorded twice.
  const stored = everything.configurations.find((c) => c.key === configurationKey(result.batch))!.batches.length;
  return stored <= keep ? everything : recordBatch(before, result, options.run, keep);
}

/**
 * How many batches the file keeps: the window, or more when it already holds more (a run with a smaller
 * window must not cut the history every later run reads).
 */
function keepFor(file: HistoryFile, result: Pick<TriageResult, 'batch'>, window: number): number {
  const stored = file.configurations.find((c) => c.key === configurationKey(result.batch))?.batches.length ?? 0;
  return Math.max(window, stored);
}

/** Analysing into a folder whose history entry is another batch replaces that batch: say so. */
function replacedEntry(file: HistoryFile, result: TriageResult, run: string): Warning | null {
  for (const configuration of file.configurations) {
    const entry = configuration.batches.find((b) => b.run === run);
    if (!entry) continue;
    const same = configuration.key === configurationKey(result.batch) && entry.startedAt === result.batch.startedAt;
    if (same) return null;
    return {
      file: 'history.json',
      path: '',
      message: `the entry ${JSON.stringify(run)} (${entry.source}, started ${entry.startedAt ?? 'at an unknown time'}) was another batch; this analysis replaces it. Give each batch its own analysis folder to keep both.`,
    };
  }
  return null;
}

/** A history made again from the analyses themselves (their triage.json), oldest first. */
export function rebuildHistory(analyses: readonly { run: string; analysis: Baseline }[], window: number): HistoryFile {
  const sources = analyses.map((a) => ({ run: a.run, source: historySourceOf(a.analysis) }));
  sources.sort((a, b) => {
    const ta = a.source.batch.startedAt ? Date.parse(a.source.batch.startedAt) : NaN;
    const tb = b.source.batch.startedAt ? Date.parse(b.source.batch.startedAt) : NaN;
    return (Number.isNaN(ta) ? Infinity : ta) - (Number.isNaN(tb) ? Infinity : tb) || (a.run < b.run ? -1 : 1);
  });
  return sources.reduce((file, { run, source }) => recordBatch(file, source, run, window), emptyHistory());
}

/** Merges one analysis's entry into a history written by someone else meanwhile (a concurrent run). */
export function mergeInto(file: HistoryFile | null, result: TriageResult, options: HistoryOptions): HistoryFile {
  const before = file ?? emptyHistory();
  return recordBatch(before, result, options.run, keepFor(before, result, options.window));
}

/**
 * The batch just before this one in its configuration's history (by start, ties by run name): the default
 * baseline. None when this batch is the oldest known.
 */
export function previousRun(
  file: HistoryFile | null,
  batch: { model: string | null; tiers: string[]; startedAt: string | null },
  run: string,
): string | null {
  const configuration = file?.configurations.find((c) => c.key === configurationKey(batch));
  const self = { run, startedAt: batch.startedAt };
  const earlier = (configuration?.batches ?? []).filter((b) => b.run !== run && byStart(b, self) < 0);
  return earlier.at(-1)?.run ?? null;
}
