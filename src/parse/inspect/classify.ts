// What happened to one sample of one log (its cause, hence its category), in the order the rules in
// docs/triage-rules.md ("Inspect AI") give: an error wins over everything (even with --score-on-error), then a
// pass, then a limit, then a low score. A sample the log never got to is judged by the log's own end.

import type { Cause, Evidence, TestStatus } from '../../model.js';
import { errorKind, errorText } from './error-kinds.js';
import type { ErrorRecord, InspectLog, SampleRecord } from './log-record.js';

export interface Verdict {
  status: TestStatus;
  cause: Cause;
  reason: string;
  evidence: Evidence[];
  /** The failure's text (`real: false`: described from the facts, for clustering) and the log it is in. */
  error: { text: string; real: boolean; file?: string } | null;
}

const MAX_QUOTE = 400;

/** Budgets that are the agent's to manage; `operator` is a person stopping the sample (see sampleVerdict). */
const LIMIT_NAMES: Record<string, string> = {
  token: 'token',
  message: 'message',
  turn: 'turn',
  context: 'context window',
  cost: 'cost',
  time: 'time',
  working: 'working time',
  custom: 'custom (task-defined)',
};

export function sampleVerdict(log: InspectLog, sample: SampleRecord): Verdict {
  const quote = (field: string, text: string): Evidence => evidenceAt(log, sample, field, text);
  const scores = sample.scores;
  const scoreText = scores ? scores.shown.join(', ') : '';

  if (sample.error) {
    const { message, traceback } = sample.error;
    const kind = errorKind(message, traceback);
    return {
      status: 'error',
      cause: kind.cause,
      reason: `the sample stopped with an error: ${kind.what}`,
      evidence: [quote('error', message)],
      error: { text: errorText(message, traceback), real: true, file: log.file },
    };
  }
  if (sample.completed === false) {
    return {
      status: 'unknown',
      cause: 'no-verdict',
      reason: 'the sample had not finished when the log was written (completed: false)',
      evidence: [quote('completed', 'false')],
      error: { text: 'the sample had not finished (completed: false)', real: false },
    };
  }
  if (scores?.passed) {
    return {
      status: 'pass',
      cause: 'passed',
      reason: `every scorer passed (${scoreText})`,
      evidence: [quote('scores', scoreText)],
      error: null,
    };
  }
  if (sample.limit) {
    const { type, value } = sample.limit;
    const limitText = `${type}${value !== null ? ` (${value})` : ''}`;
    const scored = scores ? `, then scored ${scoreText}` : ', unscored';
    if (type === 'operator') {
      return {
        status: scores ? 'fail' : 'unknown',
        cause: 'interrupted',
        reason: `an operator stopped the sample (operator limit)${scored}: says nothing about the model`,
        evidence: [quote('limit', limitText)],
        error: { text: 'stopped by an operator (operator limit)', real: false },
      };
    }
    return {
      status: 'fail',
      cause: 'limit',
      reason: `the agent ran out of its ${LIMIT_NAMES[type] ?? type} limit${value !== null ? ` (${value})` : ''}${scored}`,
      evidence: [quote('limit', limitText), ...(scores ? [quote('scores', scoreText)] : [])],
      error: null,
    };
  }
  if (scores) {
    const partial = scores.score > 0 && scores.score < 1 ? ' (partial credit is not a pass)' : '';
    return {
      status: 'fail',
      cause: 'scored-low',
      reason: `scored below a pass: ${scoreText}${partial}`,
      evidence: [quote('scores', scoreText)],
      error: null,
    };
  }
  return {
    status: 'unknown',
    cause: 'no-verdict',
    reason: 'no error, no limit and no score: the sample was never scored',
    evidence: [quote('scores', '(none)')],
    error: { text: 'finished without a score', real: false },
  };
}

/** How a run ended, for the samples it never got to: its cause, in words, and the error that names it. */
function runEnding(log: InspectLog): { cause: Cause; phrase: string; error: ErrorRecord | null } {
  switch (log.status) {
    case 'cancelled':
      return { cause: 'interrupted', phrase: 'status cancelled: it was cancelled', error: null };
    case 'error': {
      if (!log.error) return { cause: 'no-verdict', phrase: 'status error, without an error message', error: null };
      const kind = errorKind(log.error.message, log.error.traceback);
      return { cause: kind.cause, phrase: `status error: ${kind.what}`, error: log.error };
    }
    case 'started':
      return { cause: 'no-verdict', phrase: 'status started: the process died, or is still running', error: null };
    case 'success':
      return { cause: 'no-verdict', phrase: 'status success', error: null };
  }
}

/**
 * A sample the log expected (eval.dataset.sample_ids x epochs) but never recorded: the run ended first. Its
 * cause is what ended the run: a cancelled log interrupted it; an error log's error is read like a sample's
 * error; a log still `started` (the process died, or is still running) gives no verdict.
 */
export function missingVerdict(log: InspectLog, id: string | number, epoch: number): Verdict {
  const ending = runEnding(log);
  const reason =
    log.status === 'success'
      ? 'never ran: the run succeeded, but the log holds no such sample'
      : `never ran: the run ended before this sample finished (${ending.phrase})`;
  return {
    status: 'unknown',
    cause: ending.cause,
    reason,
    evidence: [
      statusEvidence(log),
      headerEvidence(
        log,
        `eval.dataset.sample_ids lists ${JSON.stringify(id)} (epoch ${epoch}); the log has no such sample`,
      ),
    ],
    error: ending.error
      ? { text: errorText(ending.error.message, ending.error.traceback), real: true, file: log.file }
      : { text: reason, real: false },
  };
}

/** A log that holds no samples and lists none (a header-only log): one verdict for the whole task. */
export function headerOnlyVerdict(log: InspectLog): Verdict {
  const ending = runEnding(log);
  const reason =
    log.status === 'success'
      ? 'the log holds no samples (a header-only log): nothing to judge per sample'
      : `the log holds no samples (a header-only log; ${ending.phrase})`;
  return {
    status: 'unknown',
    cause: ending.cause,
    reason,
    evidence: [statusEvidence(log)],
    error: ending.error
      ? { text: errorText(ending.error.message, ending.error.traceback), real: true, file: log.file }
      : { text: reason, real: false },
  };
}

function statusEvidence(log: InspectLog): Evidence {
  return headerEvidence(log, `status: ${log.status}${log.error ? `; error: ${log.error.message}` : ''}`);
}

export function evidenceAt(log: InspectLog, sample: SampleRecord, field: string, text: string): Evidence {
  const path = sample.where === '' ? field : `${sample.where}.${field}`;
  return {
    file: log.file,
    ...(sample.member ? { member: sample.member } : {}),
    line: 0,
    text: clip(`${path}: ${text}`),
  };
}

export function headerEvidence(log: InspectLog, text: string): Evidence {
  return { file: log.file, ...(log.headerMember ? { member: log.headerMember } : {}), line: 0, text: clip(text) };
}

function clip(text: string): string {
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}
