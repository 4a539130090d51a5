// This batch against the previous one of the same configuration: which tests changed verdict, which root
// causes are new, persist or are gone (matched by normalised signature, which is stable across batches), and
// how sure any of it is: a paired test on the model verdicts, and each changed test's state over the history.

import {
  TRANSITIONS,
  type Category,
  type Comparison,
  type RootCauseComparison,
  type TestComparison,
  type TriageResult,
  type Transition,
} from '../model.js';
import type { Baseline } from '../parse/baseline.js';
import { naturalCompare } from '../util/natural-order.js';
import { outcomeOf } from './history/outcome.js';
import { signatureKey } from './signature.js';
import { pairedStatistics } from './statistics.js';

export function compareWithBaseline(current: TriageResult, baseline: Baseline): Comparison {
  const counts = Object.fromEntries(TRANSITIONS.map((t) => [t, 0])) as Record<Transition, number>;
  const header = {
    baseline: {
      source: baseline.source,
      startedAt: baseline.startedAt,
      schemaVersion: baseline.schemaVersion,
      model: baseline.model,
      tiers: baseline.tiers,
    },
  };
  const reason = configDifference(current, baseline);
  if (reason) {
    return {
      ...header,
      comparable: false,
      reason,
      counts,
      quarantinedFailures: 0,
      tests: [],
      rootCauses: [],
      passRateDelta: null,
      correctedPassRateDelta: null,
      totalCostDelta: null,
      passCostDelta: null,
      statistics: null,
    };
  }

  const before = new Map(baseline.tests.map((t) => [t.testId, t]));
  const after = new Map(current.tests.map((t) => [t.testId, t]));
  const history = new Map((current.history?.tests ?? []).map((h) => [h.testId, h]));
  const tests: TestComparison[] = [];
  let quarantinedFailures = 0;
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort(naturalCompare)) {
    const b = before.get(id);
    const a = after.get(id);
    const transition = classifyTransition(b?.status ?? null, a?.status ?? null);
    // A quarantined test failing is reported apart, never as news.
    const quarantined = transition === 'new-failure' && a?.knownIssue?.mode === 'quarantine';
    if (quarantined) quarantinedFailures++;
    else counts[transition]++;
    const h = history.get(id);
    tests.push({
      testId: id,
      transition,
      ...(quarantined ? { quarantined: true } : {}),
      before: b ? { status: b.status, category: b.category, name: b.name, rootCause: b.rootCause } : null,
      after: a ? { status: a.status, category: a.category, name: a.name } : null,
      ...(h ? { state: h.state, outcomes: h.outcomes } : {}),
    });
  }

  const previous = new Map(baseline.rootCauses.map((rc) => [`${rc.category}\u0000${signatureKey(rc.signature)}`, rc]));
  const seen = new Set<string>();
  const rootCauses: RootCauseComparison[] = current.rootCauses.map((rc) => {
    const key = `${rc.category}\u0000${signatureKey(rc.signature)}`;
    const old = previous.get(key);
    if (old) seen.add(key);
    return {
      signature: rc.signature,
      category: rc.category,
      status: old ? 'persisting' : 'new',
      id: rc.id,
      baselineId: old?.id ?? null,
      tests: rc.tests.length,
      baselineTests: old?.tests.length ?? 0,
    };
  });
  for (const [key, old] of previous) {
    if (seen.has(key)) continue;
    rootCauses.push({
      signature: old.signature,
      category: old.category,
      status: 'gone',
      id: null,
      baselineId: old.id,
      tests: 0,
      baselineTests: old.tests.length,
    });
  }

  const s = current.summary;
  const p = baseline.summary;
  return {
    ...header,
    comparable: true,
    reason: null,
    counts,
    quarantinedFailures,
    tests,
    rootCauses,
    passRateDelta: delta(s.passRate, p.passRate),
    correctedPassRateDelta: delta(s.correctedPassRate, p.correctedPassRate),
    totalCostDelta: delta(s.totalCost, p.totalCost),
    passCostDelta: delta(s.passCost, p.passCost),
    statistics: pairedStatistics(modelVerdicts(baseline.tests), modelVerdicts(current.tests)),
  };
}

/** true for P, false for F; tests without a model verdict (X) are left out of the pairing. */
function modelVerdicts(
  tests: readonly { testId: string; category: Category; maskedPass: boolean }[],
): Map<string, boolean> {
  const verdicts = new Map<string, boolean>();
  for (const t of tests) {
    const outcome = outcomeOf(t);
    if (outcome !== 'X') verdicts.set(t.testId, outcome === 'P');
  }
  return verdicts;
}

function classifyTransition(before: string | null, after: string | null): Transition {
  if (before === null) return 'new-test';
  if (after === null) return 'removed';
  const passedBefore = before === 'pass';
  const passesNow = after === 'pass';
  if (passedBefore && passesNow) return 'still-passing';
  if (passedBefore) return 'new-failure';
  if (passesNow) return 'fixed';
  return 'still-failing';
}

/** Batches are only comparable when the same model ran the same tiers. */
function configDifference(current: TriageResult, baseline: Baseline): string | null {
  const model = current.batch.model;
  if (model && baseline.model && model !== baseline.model) return `model changed (${baseline.model} -> ${model})`;
  const tiers = current.batch.tiers.join(',');
  const oldTiers = baseline.tiers.join(',');
  if (tiers && oldTiers && tiers !== oldTiers) return `tiers changed (${oldTiers} -> ${tiers})`;
  return null;
}

function delta(now: number | null, before: number | null): number | null {
  if (now === null || before === null) return null;
  return Math.round((now - before) * 1e10) / 1e10;
}
