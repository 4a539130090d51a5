// The verdict of one promptfoo row: status as promptfoo recorded it, and the harness-neutral cause behind it
// (docs/triage-rules.md, "promptfoo"). First match wins within each outcome.

import type { Cause, TestStatus } from '../../model.js';
import { failedAssertions, isGraderFailureText, isModelGraded } from './assertion-kinds.js';
import { errorMessage, firstLine, trimmedError } from './error-text.js';
import type { Row } from './row.js';

export interface Verdict {
  status: TestStatus;
  cause: Cause;
  /** Why, in one sentence. */
  reason: string;
  /** The text that names the failure (clustered into root causes); `real: false` when made up. */
  error: { text: string; real: boolean } | null;
  /** The row's words that decided it, for the evidence. */
  quote: string;
}

/** What promptfoo says happened, before we say why: `failureReason` 0 none, 1 assertion, 2 error. */
type Outcome = 'pass' | 'assert' | 'error' | 'no-output' | 'unknown';

/** A judge that threw: the stack runs through one of promptfoo's graders (`matchesLlmRubric`, …). */
const JUDGE_STACK =
  /\bat (?:async )?matches[A-Z]\w*\b|[\\/]dist[\\/]src[\\/]matchers(?:\.js|[\\/])|LlmRubricProviderError/;
const RATE_LIMIT = /\b429\b|rate[ _-]?limit|too many requests|quota|RESOURCE_EXHAUSTED|throttl/i;
const TIMEOUT = /timed? ?out\b|timeout|ETIMEDOUT|ESOCKETTIMEDOUT/i;
const UNREACHABLE =
  /ECONNRESET|ECONNREFUSED|ECONNABORTED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|socket hang up|fetch failed|network error|getaddrinfo/i;
/** Server errors and refused credentials: the provider's side, not a bug in the eval. */
const PROVIDER_SIDE =
  /\b5\d\d\b|overloaded|service unavailable|bad gateway|internal server error|\b40[13]\b|unauthori[sz]ed|forbidden|invalid api key|incorrect api key/i;

const MAX_QUOTE = 200;

export function classifyRow(row: Row): Verdict {
  switch (outcomeOf(row)) {
    case 'pass':
      return {
        status: 'pass',
        cause: 'passed',
        reason: 'promptfoo graded it a pass',
        error: null,
        quote: 'success: true',
      };
    case 'assert':
      return assertionVerdict(row);
    case 'error':
      return errorVerdict(row);
    case 'no-output':
      return noOutputVerdict(row);
    case 'unknown':
      return {
        status: 'unknown',
        cause: 'no-verdict',
        reason: 'the row says neither success nor failureReason',
        error: { text: 'result row without success or failureReason (no error text)', real: false },
        quote: 'no success, no failureReason',
      };
  }
}

function outcomeOf(row: Row): Outcome {
  if (row.success === true) return 'pass';
  if (row.failureReason === 1) return 'assert';
  if (row.failureReason === 2) return 'error';
  const failedGrade = row.grading?.pass === false;
  if (row.failureReason === 0) return failedGrade ? 'assert' : 'no-output';
  // No (known) failureReason: older promptfoo or a hand-made file. Read what the other fields say.
  if (row.success !== false) return 'unknown';
  if (failedGrade) return 'assert';
  // promptfoo's own text for a null answer, recorded as an error but never as failureReason 2.
  if (row.error !== null && row.error !== 'No output' && !row.hasOutput) return 'error';
  return 'no-output';
}

function assertionVerdict(row: Row): Verdict {
  if (!row.hasOutput && spent(row) === 0) {
    return {
      status: 'fail',
      cause: 'no-verdict',
      reason: 'graded an answer that never came (no output, nothing spent): not counted as a model failure',
      error: real(row.error ?? 'assertion failed without any output'),
      quote: quote(row.error ?? 'no response'),
    };
  }
  const failed = failedAssertions(row);
  const content = failed.filter((f) => f.kind === 'content');
  const budget = failed.find((f) => f.kind === 'budget');
  const judge = failed.find((f) => f.kind === 'judge');
  if (content.length > 0) {
    const first = content[0]!;
    const which = content.length > 1 ? `${content.length} assertions, first ` : '';
    return {
      status: 'fail',
      cause: 'scored-low',
      reason: `failed ${which}its ${first.type ? `${first.type} ` : ''}assertion: ${quote(first.reason)}`,
      error: real(first.reason),
      quote: componentQuote(first.index, first.type, first.reason),
    };
  }
  if (budget) {
    return {
      status: 'fail',
      cause: 'limit',
      reason: `answered, but over its ${budget.type} budget (${quote(budget.reason)}): a budget, not a wrong answer`,
      error: real(budget.reason),
      quote: componentQuote(budget.index, budget.type, budget.reason),
    };
  }
  if (judge) return judgeVerdict(judge.type, judge.reason, componentQuote(judge.index, judge.type, judge.reason));
  // No failed entry to read: promptfoo's summary reason (or the row's error) is all there is.
  const text = row.grading?.reason ?? row.error ?? 'assertion failed (no reason given)';
  if (isGraderFailureText(text)) return judgeVerdict(judgeType(row), text, quote(text));
  return {
    status: 'fail',
    cause: 'scored-low',
    reason: `failed its assertions: ${quote(text)}`,
    error: real(text),
    quote: quote(text),
  };
}

function judgeVerdict(type: string | null, text: string, evidence: string): Verdict {
  const judge = `${type ?? 'model-graded'} judge`;
  return {
    status: 'fail',
    cause: 'judge-failed',
    reason: `the ${judge} could not grade the answer (${quote(text)}): the score says nothing about the model`,
    error: real(`${judge}: ${firstLine(text, 2_000)}`),
    quote: evidence,
  };
}

function errorVerdict(row: Row): Verdict {
  const text = row.error ?? '';
  const message = errorMessage(text);
  const base = {
    status: 'error' as const,
    error: real(trimmedError(text) || 'error (no error text)'),
    quote: quote(text),
  };
  if (JUDGE_STACK.test(text)) {
    return {
      ...base,
      cause: 'judge-failed',
      reason: `the ${judgeType(row) ?? 'model-graded'} judge threw while grading (${quote(message)}): the score says nothing about the model`,
      error: real(`${judgeType(row) ?? 'model-graded'} judge threw: ${trimmedError(text)}`),
    };
  }
  if (RATE_LIMIT.test(message)) {
    return {
      ...base,
      cause: 'rate-limit',
      reason: `the provider refused with a rate or usage limit: ${quote(message)}`,
    };
  }
  if (TIMEOUT.test(message)) {
    return { ...base, cause: 'api-error', reason: `no answer in the time allowed: ${quote(message)}` };
  }
  if (UNREACHABLE.test(message) || PROVIDER_SIDE.test(message)) {
    return { ...base, cause: 'api-error', reason: `the provider could not be reached or failed: ${quote(message)}` };
  }
  return {
    ...base,
    cause: 'crash',
    reason: `promptfoo recorded an error that is no rate limit, timeout or provider outage (a bug in the provider, a transform or the config): ${quote(message || '(no error text)')}`,
  };
}

function noOutputVerdict(row: Row): Verdict {
  const said = row.error ?? 'no output';
  if (row.finishReason === 'length' || row.finishReason === 'max_tokens') {
    return {
      status: 'fail',
      cause: 'limit',
      reason: `the model spent its whole output budget and returned nothing (finishReason: ${row.finishReason})`,
      error: real(said),
      quote: `finishReason: ${row.finishReason}`,
    };
  }
  const cost = spent(row);
  const spend = cost > 0 ? `${row.tokens ?? 0} tokens, $${row.cost ?? 0} spent` : 'nothing spent';
  return {
    status: 'fail',
    cause: 'no-verdict',
    reason: `nothing was graded: the provider returned no output (${quote(said)}; ${spend}): not counted as a model failure`,
    error: row.error ? real(row.error) : { text: 'no output and no error text', real: false },
    quote: quote(said),
  };
}

/** The judge of a test when it has one kind of model-graded assertion. */
function judgeType(row: Row): string | null {
  const types = new Set(row.asserts.map((a) => a.type).filter((t) => isModelGraded(t)));
  return types.size === 1 ? [...types][0]! : null;
}

function spent(row: Row): number {
  return (row.cost ?? 0) + (row.tokens ?? 0);
}

function real(text: string): { text: string; real: true } {
  return { text, real: true };
}

function quote(text: string): string {
  return firstLine(text, MAX_QUOTE);
}

function componentQuote(index: number, type: string | null, reason: string): string {
  return `componentResults[${index}]${type ? ` (${type})` : ''}: ${quote(reason)}`;
}
