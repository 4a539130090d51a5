// What a failed assertion says about the model. promptfoo reports three different things as an assertion
// failure (failureReason 1): a wrong answer; a judge that could not grade (its grader returns `fail(...)`
// instead of throwing); and a budget (`latency`, `cost`) the answer went over.

import type { Component, Row } from './row.js';

export type FailureKind = 'content' | 'budget' | 'judge';

export interface FailedAssertion {
  kind: FailureKind;
  /** The assertion type when known (from the entry, or from the test's assert list at the same position). */
  type: string | null;
  reason: string;
  /** Position in `gradingResult.componentResults`. */
  index: number;
}

/** Assertions graded by a model (a judge) rather than by code. `not-` variants share their base type. */
const MODEL_GRADED = new Set([
  'llm-rubric',
  'model-graded-closedqa',
  'model-graded-factuality',
  'factuality',
  'g-eval',
  'answer-relevance',
  'context-faithfulness',
  'context-recall',
  'context-relevance',
  'conversation-relevance',
  'select-best',
  'similar',
  'classifier',
  'moderation',
  'pi',
  'search-rubric',
]);

const BUDGET = new Set(['latency', 'cost']);

/** The texts promptfoo's graders (matchers.js) fail with when the judge, not the answer, is the problem. */
const GRADER_FAILURE = [
  /^Could not extract JSON from .* response/i,
  /produced malformed response/i,
  /^API error\b/i,
  /checker output did not match expected format/i,
  /^Error parsing output/i,
  /is not in JSON format/i,
  /^LLM does not propose any evaluation step/i,
  /^Could not perform remote grading/i,
  /^Unknown error fetching/i,
  /^No embedding|^Embedding not found/i,
  /^Invalid select-best verdict/i,
];

/**
 * A judge's provider that answered with nothing or with an error (read for model-graded types only). Anchored
 * at the start: a real verdict may well mention "500" or "timed out" about the answer it grades.
 */
const JUDGE_OUTAGE =
  /^(?:No output$|\w*Error\b|API error|Request failed|HTTP \d{3}|\d{3}\b|ECONN\w+|ETIMEDOUT|socket hang up)/i;

export function isModelGraded(type: string | null): boolean {
  if (type === null) return false;
  const base = type.replace(/^not-/, '');
  return MODEL_GRADED.has(base) || base.startsWith('promptfoo:redteam:');
}

export function isGraderFailureText(text: string): boolean {
  return GRADER_FAILURE.some((re) => re.test(text.trim()));
}

/** Every failed entry of `componentResults`, with what its failure means. */
export function failedAssertions(row: Row): FailedAssertion[] {
  const components = row.grading?.components ?? [];
  // Entries follow the test's assert list one to one unless assert-sets were flattened into it.
  const aligned = components.length === row.asserts.length;
  return components.flatMap((c, index) => {
    if (c.pass !== false) return [];
    const type = c.type ?? (aligned ? (row.asserts[index]?.type ?? null) : null);
    return [{ kind: kindOf(c, type), type, reason: c.reason ?? '(no reason given)', index }];
  });
}

function kindOf(c: Component, type: string | null): FailureKind {
  const reason = c.reason ?? '';
  if (isGraderFailureText(reason)) return 'judge';
  if (isModelGraded(type) && (!c.hasAssertion || JUDGE_OUTAGE.test(reason))) return 'judge';
  if (type !== null && BUDGET.has(type)) return 'budget';
  return 'content';
}
