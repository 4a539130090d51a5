// One letter per test and batch, the alphabet of the history: did the model pass, fail, or say nothing?

import type { Outcome, TestResult } from '../../model.js';

/** P: passed, or a masked pass; F: a model failure that is not a masked pass; X: no model signal. */
export function outcomeOf(test: Pick<TestResult, 'category' | 'maskedPass'>): Exclude<Outcome, '.'> {
  if (test.category === 'pass' || test.maskedPass) return 'P';
  if (test.category === 'model-failure') return 'F';
  return 'X';
}
