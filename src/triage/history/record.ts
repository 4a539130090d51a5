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

const DOT = 0x2e;

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
  const tests = testOrder(old?.tests ?? [], letters);
  const realign = realigner(old?.tests, tests);
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
    let outcomes = '';
    for (const b of batches) outcomes += i === undefined ? '.' : (b.outcomes[i] ?? '.');
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

/**
 * The configuration's tests and the batch's, in natural order. Most batches run the tests the history already
 * has, in the order it keeps them: that is checked in one pass instead of sorting 10,000 ids again.
 */
function testOrder(known: readonly string[], batch: ReadonlyMap<string, unknown>): string[] {
  let ordered = true;
  for (let i = 1; i < known.length && ordered; i++) ordered = naturalCompare(known[i - 1]!, known[i]!) < 0;
  if (ordered) {
    const present = new Set(known);
    let all = true;
    for (const id of batch.keys()) if (!present.has(id)) all = false;
    if (all) return [...known];
  }
  return [...new Set([...known, ...batch.keys()])].sort(naturalCompare);
}

/** The batches' letters moved from the old order of the tests to the new one ('.' where a test is new). */
function realigner(known: readonly string[] | undefined, tests: readonly string[]): (b: HistoryBatch) => HistoryBatch {
  if (!known) return (batch) => batch;
  const n = tests.length;
  if (known.length === n && known.every((id, i) => id === tests[i]))
    return (batch) => ({ ...batch, outcomes: batch.outcomes.length === n ? batch.outcomes : fit(batch.outcomes, n) });
  // The last place of an id given twice counts, as a map of the old order has it.
  const place = new Map(known.map((id, i) => [id, i]));
  const from = tests.map((id) => place.get(id));
  return (batch) => {
    let outcomes = '';
    for (const i of from) outcomes += i === undefined ? '.' : (batch.outcomes[i] ?? '.');
    return { ...batch, outcomes };
  };
}

/** A row of letters cut or padded with '.' to n. */
function fit(outcomes: string, n: number): string {
  return outcomes.slice(0, n).padEnd(n, '.');
}

/** Tests no kept batch has seen are dropped, so the file stays O(tests x window). */
function compact(configuration: HistoryConfiguration): HistoryConfiguration {
  const keep: boolean[] = new Array<boolean>(configuration.tests.length).fill(false);
  let kept = 0;
  for (const b of configuration.batches) {
    const seen = Math.min(keep.length, b.outcomes.length);
    for (let i = 0; i < seen; i++) {
      if (!keep[i] && b.outcomes.charCodeAt(i) !== DOT) {
        keep[i] = true;
        kept++;
      }
    }
  }
  if (kept === keep.length) return configuration;
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
