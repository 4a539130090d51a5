// An older analysis read back (triage.json of any schema version) as what the history needs: the numbers a
// newer e2e-triage keeps in its summary are recomputed from the tests when the file predates them.

import type { Baseline } from '../../parse/baseline.js';
import { outcomeOf } from './outcome.js';
import type { HistorySource } from './record.js';
import { wilson } from '../statistics.js';

export function historySourceOf(analysis: Baseline): HistorySource {
  const tests = analysis.tests;
  const count = (predicate: (t: (typeof tests)[number]) => boolean) => tests.filter(predicate).length;
  const total = tests.length;
  const passed = count((t) => t.status === 'pass');
  const maskedPasses = count((t) => t.maskedPass && t.status !== 'pass');
  const modelPassed = count((t) => outcomeOf(t) === 'P');
  const modelFailed = count((t) => outcomeOf(t) === 'F');
  const judged = modelPassed + modelFailed;
  return {
    batch: { model: analysis.model, tiers: analysis.tiers, startedAt: analysis.startedAt, source: analysis.label },
    summary: {
      total,
      passed,
      maskedPasses,
      correctedPassRate: total === 0 ? 0 : round((passed + maskedPasses) / total),
      frameworkBugs: count((t) => t.category === 'framework-bug'),
      infrastructure: count((t) => t.category === 'infrastructure'),
      unknown: count((t) => t.category === 'unknown'),
      totalCost: analysis.summary.totalCost ?? 0,
      modelPassed,
      modelFailed,
      modelPassRate: judged === 0 ? null : round(modelPassed / judged),
      modelPassRateCi95: wilson(modelPassed, judged),
    },
    tests,
    rootCauses: analysis.rootCauses,
  };
}

function round(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}
