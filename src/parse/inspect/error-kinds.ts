// What an Inspect error says about who failed. Inspect records repr(exception) as the message and the
// Python traceback beside it; the model-API and sandbox failures have recognisable names, every other
// exception is a bug in solver, scorer or tool code. First match wins, in the order of KINDS.

import type { Cause } from '../../model.js';
import { normalizeSignature } from '../../triage/signature.js';

export type ErrorCause = Extract<Cause, 'interrupted' | 'rate-limit' | 'api-error' | 'sandbox' | 'crash'>;

export interface ErrorKind {
  cause: ErrorCause;
  /** Why, in a few words, for the reason sentence. */
  what: string;
}

/** As long as a failure page shows (Docker's compose output can be far longer). */
const MAX_ERROR_CHARS = 20_000;

/** Backend cancellations (asyncio, trio), as Inspect's own is_cancellation_message reads them. */
const CANCELLED = /^(?:CancelledError|Cancelled|KeyboardInterrupt)\(/;

const RATE_LIMIT = [
  /\bRateLimitError\b/,
  /\bError code: 429\b/,
  /\b429 Too Many Requests\b/i,
  /\brate[ _-]?limit/i,
  /\bRESOURCE_EXHAUSTED\b/,
  /\binsufficient_quota\b/,
  /\bquota exceeded\b/i,
];

const API_ERROR = [
  /\bAPIConnectionError\b/,
  /\bAPITimeoutError\b/,
  /\bConnection error\b/i,
  /\b(?:ConnectError|ConnectTimeout|ReadTimeout|ReadError|WriteTimeout|PoolTimeout|RemoteProtocolError)\b/,
  /\b(?:InternalServerError|ServiceUnavailableError|OverloadedError|overloaded_error)\b/,
  /\bError code: 5\d\d\b/,
  /\b(?:500 Internal Server Error|502 Bad Gateway|503 Service Unavailable|504 Gateway Time-?out)\b/i,
];

const SANDBOX = [
  /\bPrerequisiteError\b/,
  /^(?:\[bold\])?ERROR(?:\[\/bold\])?: .*\brequires?\b/m,
  /\bNo services started\b/,
  /\bCompose up stderr\b/i,
  /\bFailed to build docker containers\b/i,
  /\bCannot connect to the Docker daemon\b/i,
  /\bdocker(?:[ -]compose)?\b[^\n]{0,80}\b(?:error|fail(?:ed|ure)?|not (?:found|running|available|installed))/i,
  /\bsandbox(?:es)?\b[^\n]{0,60}\b(?:error|fail(?:ed|ure)?|unavailable|not (?:found|running|available))/i,
  /\bSandbox\w*(?:Error|Unavailable)\b/,
];

const KINDS: { cause: ErrorCause; what: string; patterns: RegExp[] }[] = [
  { cause: 'rate-limit', what: 'a model API rate or usage limit', patterns: RATE_LIMIT },
  { cause: 'api-error', what: 'the model API could not be reached or failed', patterns: API_ERROR },
  { cause: 'sandbox', what: 'the sandbox (Docker) failed', patterns: SANDBOX },
];

/**
 * The cause an error points to. The message is read first, then the exception lines of the traceback (a
 * RetryError's message names the exception it wraps; a chained exception shows only in the traceback).
 */
export function errorKind(message: string, traceback: string | null): ErrorKind {
  if (CANCELLED.test(message.trimStart())) {
    return { cause: 'interrupted', what: 'cancelled before it finished (the run was torn down or stopped)' };
  }
  const texts = [message, exceptionLines(traceback)];
  for (const text of texts) {
    for (const kind of KINDS)
      if (kind.patterns.some((p) => p.test(text))) return { cause: kind.cause, what: kind.what };
  }
  return { cause: 'crash', what: 'an exception in solver, scorer or tool code' };
}

/** `module.Error: text` lines of a Python traceback: not frames, code, carets or the chaining notes. */
export function exceptionLines(traceback: string | null): string {
  if (!traceback) return '';
  return traceback
    .split(/\r?\n/)
    .filter(
      (line) =>
        line !== '' &&
        !/^\s/.test(line) &&
        !line.startsWith('Traceback (most recent call last)') &&
        !/^(?:The above exception|During handling of the above exception)/.test(line),
    )
    .join('\n');
}

/**
 * The error text a test shows: the message, plus the traceback's last exception line when it says more
 * than the message does (a chained cause, a message Inspect shortened).
 */
export function errorText(message: string, traceback: string | null): string {
  const last = exceptionLines(traceback).split('\n').at(-1) ?? '';
  const squash = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '').toLowerCase();
  const lastBody = squash(last.replace(/^[\w.]+:\s*/, ''));
  const text = lastBody === '' || squash(message).includes(lastBody) ? message : `${message}\n${last}`;
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}… [truncated]` : text;
}

const REPR = /^([\w.]+)\((['"])([\s\S]*)\2\)$/;
const ADDRESS = /\b0x[0-9a-f]+\b/gi;
/** Generated names mixing letters and digits (compose projects, request ids): `i7k2qm`, `req_011CTa9x…`. */
const MIXED_ID = /(?<![A-Za-z0-9])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{5,}(?![A-Za-z0-9])/g;

/**
 * The clustering key of an Inspect error: the shared normalisation (triage/signature.ts) after three
 * Inspect-specific steps it cannot know about. A repr message `ValueError('text')` is read as
 * `ValueError: text` (whole quoted messages would otherwise all collapse to one `<q>`), with its `\n`
 * escapes as line breaks; object addresses (`<Future at 0x7f8a2c3e5d90 …>`) and generated names with
 * letters and digits mixed are taken out.
 */
export function errorSignature(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  const repr = REPR.exec(first);
  const unwrapped = repr ? `${repr[1]}: ${repr[3]!.replace(/\\n/g, '\n').replace(/\\(['"\\])/g, '$1')}` : first;
  const cleaned = [unwrapped, ...rest].join('\n').replace(ADDRESS, '<addr>').replace(MIXED_ID, '<id>');
  return normalizeSignature(cleaned) || '(empty error text)';
}
