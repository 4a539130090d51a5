// A batch into the history of its configuration, and the history back onto the batch: its tests' letters over
// the window, their states, and for its root causes the run they first appeared in. Pure: the history file is
// read and written by the callers (ingest/, publish/).

import {
  HISTORY_SCHEMA_VERSION,
  type Category,
  type HistoryBatch,
  type HistoryConfiguration,
  type HistoryFile,
  type Summary,
  type TestHistory,
  type TriageHistory,
} from '../../model.js';
import { naturalCompare } from '../../util/natural-order.js';
import { shortHash } from '../../util/short-hash.js';
import { signatureKey } from '../signature.js';
import { configurationKey } from './configuration.js';
import { outcomeOf } from './outcome.js';
import { historyState } from './state.js';

export const DEFAULT_WINDOW = 20;

/** What the history needs of an analysis: a TriageResult, or an older triage.json read back. */
export interface HistorySource {
  batch: { model: string | null; tiers: string[]; startedAt: string | null; source: string };
  summary: Pick<
    Summary,
    | 'total'
    | 'passed'
    | 'maskedPasses'
    | 'correctedPassRate'
    | 'frameworkBugs'
    | 'infrastructure'
    | 'unknown'
    | 'totalCost'
    | 'modelPassed'
    | 'modelFailed'
    | 'modelPassRate'
    | 'modelPassRateCi95'
  >;
  tests: { testId: string; category: Category; maskedPass: boolean }[];
  rootCauses: { signature: string; category: Category }[];
}

export function emptyHistory(): HistoryFile {
  return { schemaVersion: HISTORY_SCHEMA_VERSION, configurations: [] };
}

export function signatureId(category: Category, signature: string): string {
  return shortHash(`${category}\u0000${signatureKey(signature)}`, 12);
}

/**
 * The history with this batch in it: its entry added, or replacing the one of the same run; batches ordered by
 * startedAt; the newest `keep` kept; tests no kept batch has dropped. The file given is not changed.
 */
export function recordBatch(file: HistoryFile, source: HistorySource, run: string, keep: number): HistoryFile {
  const key = configurationKey(source.batch);
  // One folder holds one batch: an entry of the same run in another configuration was overwritten.
  const configurations = file.configurations
    .filter((c) => c.key !== key)
    .map((c) =>
      c.batches.some((b) => b.run === run) ? compact({ ...c, batches: c.batches.filter((b) => b.run !== run) }) : c,
    )
    .filter((c) => c.batches.length > 0);
  const old = file.configurations.find((c) => c.key === key);
  const letters = new Map(source.tests.map((t) => [t.testId, outcomeOf(t)]));
  const tests = [...new Set([...(old?.tests ?? []), ...letters.keys()])].sort(naturalCompare);
  const realign = (batch: HistoryBatch): HistoryBatch => {
    if (!old) return batch;
    const at = new Map(old.tests.map((id, i) => [id, batch.outcomes[i] ?? '.']));
    return { ...batch, outcomes: tests.map((id) => at.get(id) ?? '.').join('') };
  };
  const entry = batchEntry(source, run, tests, letters);
  const batches = [...(old?.batches ?? []).filter((b) => b.run !== run).map(realign), entry].sort(byStart);

  const signatures = new Map((old?.signatures ?? []).map((s) => [s.id, s]));
  for (const rc of source.rootCauses) {
    const id = signatureId(rc.category, rc.signature);
    const known = signatures.get(id);
    // An older batch analysed later moves the first sighting back.
    if (!known || known.firstSeen === run || byStart(entry, { run: known.firstSeen, startedAt: known.firstSeenAt }) < 0)
      signatures.set(id, {
        id,
        category: rc.category,
        signature: rc.signature,
        firstSeen: run,
        firstSeenAt: entry.startedAt,
      });
  }

  const kept = batches.slice(-Math.max(1, keep));
  const configuration = compact({
    key,
    model: source.batch.model,
    tiers: source.batch.tiers,
    tests,
    signatures: [...signatures.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    batches: kept,
  });
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    configurations: [...configurations, configuration].sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

/** This batch's tests over the window ending with it (the `window` newest batches up to and including it). */
export function batchHistory(file: HistoryFile, source: HistorySource, run: string, window: number): TriageHistory {
  const configuration = file.configurations.find((c) => c.key === configurationKey(source.batch));
  const all = configuration?.batches ?? [];
  const end = all.findIndex((b) => b.run === run);
  const batches = end < 0 ? [] : all.slice(Math.max(0, end + 1 - window), end + 1);
  const index = new Map((configuration?.tests ?? []).map((id, i) => [id, i]));
  const tests: TestHistory[] = source.tests.map((t) => {
    const i = index.get(t.testId);
    const outcomes = batches.map((b) => (i === undefined ? '.' : (b.outcomes[i] ?? '.'))).join('');
    return { testId: t.testId, outcomes, ...historyState(outcomes) };
  });
  return {
    batches: batches.length,
    window,
    runs: batches.map((b) => ({ run: b.run, startedAt: b.startedAt })),
    tests,
  };
}

/** For each root cause of this batch: the window's run where its signature first appears, and whether it is new. */
export function rootCauseHistory(
  file: HistoryFile,
  source: HistorySource,
  run: string,
  window: number,
): { firstSeen: string | null; new: boolean }[] {
  const configuration = file.configurations.find((c) => c.key === configurationKey(source.batch));
  const all = configuration?.batches ?? [];
  const end = all.findIndex((b) => b.run === run);
  const batches = end < 0 ? [] : all.slice(Math.max(0, end + 1 - window), end + 1);
  const signatures = new Map((configuration?.signatures ?? []).map((s) => [s.id, s]));
  return source.rootCauses.map((rc) => {
    const id = signatureId(rc.category, rc.signature);
    return {
      firstSeen: batches.find((b) => b.rootCauses.includes(id))?.run ?? null,
      new: signatures.get(id)?.firstSeen === run,
    };
  });
}

function batchEntry(
  source: HistorySource,
  run: string,
  tests: readonly string[],
  letters: ReadonlyMap<string, string>,
): HistoryBatch {
  const s = source.summary;
  return {
    run,
    startedAt: source.batch.startedAt,
    source: source.batch.source,
    tests: s.total,
    passed: s.passed,
    maskedPasses: s.maskedPasses,
    correctedPassRate: s.correctedPassRate,
    modelPassed: s.modelPassed,
    modelFailed: s.modelFailed,
    modelPassRate: s.modelPassRate,
    modelPassRateCi95: s.modelPassRateCi95,
    frameworkBugs: s.frameworkBugs,
    infrastructure: s.infrastructure,
    unknown: s.unknown,
    totalCost: s.totalCost,
    outcomes: tests.map((id) => letters.get(id) ?? '.').join(''),
    rootCauses: [...new Set(source.rootCauses.map((rc) => signatureId(rc.category, rc.signature)))],
  };
}

/** Tests no kept batch has seen are dropped, so the file stays O(tests x window). */
function compact(configuration: HistoryConfiguration): HistoryConfiguration {
  const keep = configuration.tests.map((_, i) => configuration.batches.some((b) => (b.outcomes[i] ?? '.') !== '.'));
  if (keep.every(Boolean)) return configuration;
  const pick = (text: string) => [...text].filter((_, i) => keep[i]).join('');
  return {
    ...configuration,
    tests: configuration.tests.filter((_, i) => keep[i]),
    batches: configuration.batches.map((b) => ({ ...b, outcomes: pick(b.outcomes.padEnd(keep.length, '.')) })),
  };
}

/** Oldest first by startedAt; a batch without a start time goes last; ties by run name. */
export function byStart(
  a: Pick<HistoryBatch, 'run' | 'startedAt'>,
  b: Pick<HistoryBatch, 'run' | 'startedAt'>,
): number {
  const ta = a.startedAt ? Date.parse(a.startedAt) : NaN;
  const tb = b.startedAt ? Date.parse(b.startedAt) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  if (Number.isNaN(ta) !== Number.isNaN(tb)) return Number.isNaN(ta) ? 1 : -1;
  return naturalCompare(a.run, b.run);
}
