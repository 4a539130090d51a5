// The history on a batch: record it in its configuration's history, then judge it against that history (its
// tests' letters and states over the window, its root causes' first sighting). Pure.

import type { HistoryFile, TriageResult } from '../../model.js';
import type { Baseline } from '../../parse/baseline.js';
import { configurationKey } from './configuration.js';
import { batchHistory, emptyHistory, recordBatch, rootCauseHistory } from './record.js';
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
  const updated = recordBatch(file ?? emptyHistory(), result, options.run, options.window);
  result.history = batchHistory(updated, result, options.run, options.window);
  const sightings = rootCauseHistory(updated, result, options.run, options.window);
  result.rootCauses.forEach((rc, i) => {
    rc.firstSeen = sightings[i]!.firstSeen;
    rc.new = sightings[i]!.new;
  });
  return updated;
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
  return recordBatch(file ?? emptyHistory(), result, options.run, options.window);
}

/** The newest batch of the same configuration that started before this one: the default baseline. */
export function previousRun(
  file: HistoryFile | null,
  batch: { model: string | null; tiers: string[]; startedAt: string | null },
  run: string,
): string | null {
  const configuration = file?.configurations.find((c) => c.key === configurationKey(batch));
  const start = batch.startedAt ? Date.parse(batch.startedAt) : NaN;
  const earlier = (configuration?.batches ?? []).filter((b) => {
    if (b.run === run) return false;
    const t = b.startedAt ? Date.parse(b.startedAt) : NaN;
    return Number.isNaN(start) || (!Number.isNaN(t) && t < start);
  });
  return earlier.at(-1)?.run ?? null;
}
