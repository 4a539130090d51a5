// The one error text that best names why a test failed: what the process died of, not the first noise.

import type { LogError, LogErrorKind } from './thread-log.js';
import type { Category } from '../../model.js';
import type { TestCase } from './assemble.js';
import { SUMMARY_FILE } from './batch-summary.js';
import { cutAtToken } from '../../util/cut-at-token.js';

const BARE_EXIT = /^Exit code: -?\d+$/;
export const MAX_ERROR_CHARS = 20_000;

export interface PrimaryError {
  text: string;
  /** False when no real error text exists and the text was made up from the status. */
  real: boolean;
  /** Where the text was printed (the redaction names it when it held a credential). */
  file?: string;
}

export function primaryError(test: TestCase, category: Category): PrimaryError | null {
  if (category === 'pass') return null;
  const errors = test.finalBlock?.errors ?? [];
  const fromLog =
    last(errors, 'exception') ??
    last(errors, 'worker') ??
    first(errors, 'launch') ??
    first(errors, 'unexpected') ??
    last(errors, 'error-line') ??
    first(errors, 'rate-limit');
  if (fromLog) return real(fromLog.text, test.finalBlock!.file);
  const rowError = test.finalRow?.error?.trim();
  if (rowError && !BARE_EXIT.test(rowError)) return real(rowError, SUMMARY_FILE);
  const findings = test.findings;
  const found =
    findings?.workerErrors[0] ?? findings?.rateLimits[0] ?? findings?.judgeFailures[0] ?? findings?.agentErrors[0];
  if (found) return real(found.text.replace(/^\d+: /, ''), found.file);
  if (rowError) return real(rowError, SUMMARY_FILE);
  if (category === 'model-failure') return null;
  return { text: syntheticError(test), real: false };
}

function syntheticError(test: TestCase): string {
  if (test.finalBlock && !test.finalBlock.complete) return 'killed before completion (no Completed line)';
  if (test.status === 'fail' && test.cost === 0) return 'fail with zero cost (no error text)';
  if (test.status === 'unknown' && !test.finalRow) return 'no row in batch_summary.json';
  if (test.status === 'unknown' && !test.verdictFolder && test.excluded.length > 0)
    return 'its only result folder was set aside as INVALID (no error text)';
  if (test.status === 'unknown' && test.finalRow?.kind === 'current')
    return 'finished without a readable report.json (no error text)';
  if (test.status === 'unknown') return 'exit code 0 without results (no error text)';
  return `${test.status}${test.exitCode !== null ? ` with exit code ${test.exitCode}` : ''} (no error text)`;
}

function real(text: string, file: string): PrimaryError {
  return {
    file,
    text: text.length > MAX_ERROR_CHARS ? `${cutAtToken(text, MAX_ERROR_CHARS)}… [truncated]` : text,
    real: true,
  };
}

function last(errors: LogError[], kind: LogErrorKind): LogError | undefined {
  for (let i = errors.length - 1; i >= 0; i--)
    if (errors[i]!.kind === kind && !isOmissionNote(errors[i]!)) return errors[i];
  return undefined;
}

function first(errors: LogError[], kind: LogErrorKind): LogError | undefined {
  return errors.find((e) => e.kind === kind && !isOmissionNote(e));
}

function isOmissionNote(error: LogError): boolean {
  return /^\u2026 \d+ more error lines omitted/.test(error.text);
}
