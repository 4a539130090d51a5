// One test per (task group, sample id, epoch). The newest log that has the sample, or expected it and never
// got to it, decides; every earlier log's sample and every retried error is an attempt, oldest first, so a
// pass that a later broken run replaced shows as a masked pass.

import type { Attempt } from '../../model.js';
import { exactArray } from '../../util/exact-array.js';
import { naturalCompare } from '../../util/natural-order.js';
import type { ParsedTest } from '../parsed-batch.js';
import { headerOnlyVerdict, missingVerdict, sampleVerdict, type Verdict } from './classify.js';
import { errorSignature, errorText } from './error-kinds.js';
import type { InspectLog, SampleRecord } from './log-record.js';
import { taskTestId, testIdOf, type TaskGroup } from './task-groups.js';

/** One log's word on one sample: its record, or null when the log expected the sample but never ran it. */
interface Entry {
  log: InspectLog;
  sample: SampleRecord | null;
}

export function assembleTests(groups: readonly TaskGroup[]): ParsedTest[] {
  const tests: ParsedTest[] = [];
  for (const group of groups) {
    const keys = sampleKeys(group);
    if (keys.size === 0) {
      const newest = group.logs.at(-1)!;
      tests.push(toTest(taskTestId(group), headerOnlyVerdict(newest), null, newest, group.logs.map(logAttempt)));
      continue;
    }
    for (const { id, epoch, entries } of keys.values()) {
      const final = entries.at(-1)!;
      const verdict = final.sample ? sampleVerdict(final.log, final.sample) : missingVerdict(final.log, id, epoch);
      tests.push(toTest(testIdOf(group, id, epoch), verdict, final.sample, final.log, attemptsOf(entries)));
    }
  }
  tests.forEach((test, index) => (test.order = index));
  return tests;
}

/** Every (id, epoch) any log of the group holds or lists, with each log's word on it, oldest log first. */
function sampleKeys(group: TaskGroup) {
  const keys = new Map<string, { id: string | number; epoch: number; entries: Entry[] }>();
  // Keyed by the id as the test id shows it: 1 and "1" would be one test id, so they are one test.
  const entry = (id: string | number, epoch: number) => {
    const key = `${id}#${epoch}`;
    let found = keys.get(key);
    if (!found) keys.set(key, (found = { id, epoch, entries: [] }));
    return found;
  };
  for (const log of group.logs) {
    const seen = new Set<string>();
    for (const sample of log.samples) {
      entry(sample.id, sample.epoch).entries.push({ log, sample });
      seen.add(`${sample.id}#${sample.epoch}`);
    }
    for (const id of log.sampleIds ?? []) {
      for (let epoch = 1; epoch <= Math.max(1, log.epochs ?? 1); epoch++) {
        if (!seen.has(`${id}#${epoch}`)) entry(id, epoch).entries.push({ log, sample: null });
      }
    }
  }
  return new Map(
    [...keys.entries()].sort(([, a], [, b]) => naturalCompare(String(a.id), String(b.id)) || a.epoch - b.epoch),
  );
}

function toTest(
  testId: string,
  verdict: Verdict,
  sample: SampleRecord | null,
  log: InspectLog,
  attempts: Attempt[],
): ParsedTest {
  return {
    testId,
    name: null,
    status: verdict.status,
    cause: verdict.cause,
    reason: verdict.reason,
    evidence: verdict.evidence,
    error: verdict.error,
    ...(verdict.error ? { signature: errorSignature(verdict.error.text) } : {}),
    cost: sample?.usage.cost ?? null,
    tokens: sample?.usage.tokens ?? null,
    score: finiteOrNull(verdict.status === 'error' ? null : (sample?.scores?.score ?? null)),
    bestTier: null,
    cop: null,
    durationSeconds: sample?.totalTime ?? null,
    exitCode: null,
    startedAt: sample?.startedAt ?? null,
    resultDir: log.file,
    tiers: [],
    attempts: exactArray(attempts),
    thread: null,
    session: null,
    order: 0,
  };
}

/**
 * Oldest first. An eval-retry seeds a re-run's error_retries with the earlier run's errors, which are already
 * attempts of their own log: an error_retries entry whose text an earlier attempt carried is not repeated.
 */
function attemptsOf(entries: readonly Entry[]): Attempt[] {
  const attempts: Attempt[] = [];
  const earlier: string[] = [];
  for (const { log, sample } of entries) {
    const own: string[] = [];
    if (!sample) {
      attempts.push(logAttempt(log));
      continue;
    }
    for (const retry of sample.errorRetries) {
      const text = retry.message === '' ? null : errorText(retry.message, retry.traceback);
      const seen = text === null ? -1 : earlier.indexOf(text);
      if (seen >= 0) {
        earlier.splice(seen, 1);
        continue;
      }
      attempts.push(retryAttempt(log, sample, text));
      if (text) own.push(text);
    }
    const verdict = sampleVerdict(log, sample);
    attempts.push(sampleAttempt(log, sample, verdict));
    if (verdict.error?.real) own.push(verdict.error.text);
    earlier.push(...own);
  }
  return attempts;
}

function sampleAttempt(log: InspectLog, sample: SampleRecord, verdict: Verdict): Attempt {
  return {
    source: 'sample',
    file: log.file,
    ...(sample.member ? { member: sample.member } : {}),
    line: 0,
    session: null,
    thread: null,
    startedAt: sample.startedAt,
    completedAt: sample.completedAt,
    durationSeconds: sample.totalTime,
    exitCode: null,
    status: verdict.status,
    passed: verdict.cause === 'passed',
    cost: sample.usage.cost,
    tokens: sample.usage.tokens,
    score: verdict.status === 'error' ? null : finiteOrNull(sample.scores?.score ?? null),
    bestTier: null,
    error: verdict.error?.real ? verdict.error.text : null,
  };
}

function retryAttempt(log: InspectLog, sample: SampleRecord, text: string | null): Attempt {
  return {
    source: 'error-retry',
    file: log.file,
    ...(sample.member ? { member: sample.member } : {}),
    line: 0,
    session: null,
    thread: null,
    startedAt: null,
    completedAt: null,
    durationSeconds: null,
    exitCode: null,
    status: 'error',
    passed: false,
    cost: null,
    tokens: null,
    score: null,
    bestTier: null,
    error: text ?? 'an earlier try errored (its message is in the sample member, which was not readable)',
  };
}

/** A log that expected the sample but never ran it (or, for a header-only log, the log as a whole). */
function logAttempt(log: InspectLog): Attempt {
  return {
    source: 'log',
    file: log.file,
    ...(log.headerMember ? { member: log.headerMember } : {}),
    line: 0,
    session: null,
    thread: null,
    startedAt: log.startedAt ?? log.created,
    completedAt: log.completedAt,
    durationSeconds: null,
    exitCode: null,
    status: 'unknown',
    passed: false,
    cost: null,
    tokens: null,
    score: null,
    bestTier: null,
    error: log.error ? errorText(log.error.message, log.error.traceback) : null,
  };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
