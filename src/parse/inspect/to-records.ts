// Validated Inspect objects (header, EvalSample, EvalSampleSummary) turned into the adapter's records. The
// summary form flattens error and limit to strings and counts retries; the sample form has the details.

import {
  HEADER_KEYS,
  SAMPLE_KEYS,
  STATUSES,
  SUMMARY_KEYS,
  headerSchema,
  sampleSchema,
  summarySchema,
  type LogStatus,
  type RawHeader,
  type RawSample,
  type RawSummary,
} from './schemas.js';
import { scoreVerdict } from './scores.js';
import { pick, validateTolerant, type Warn } from './tolerant.js';
import { usageOf } from './usage.js';
import { canonicalArgs, type ErrorRecord, type InspectLog, type SampleRecord } from './log-record.js';

export type HeaderFacts = Omit<InspectLog, 'file' | 'format' | 'headerMember' | 'samples'>;

/** The header's facts; `fallbackStatus` for `_journal/start.json`, which has no status (the run never ended). */
export function headerFacts(raw: unknown, warn: Warn, fallbackStatus?: LogStatus): HeaderFacts | null {
  const header = validateTolerant(headerSchema, pick(raw, HEADER_KEYS), '', warn, ['eval']);
  if (!header) return null;
  const spec = header.eval;
  return {
    status: statusOf(header, warn, fallbackStatus),
    task: spec.task,
    taskId: spec.task_id ?? null,
    model: spec.model ?? null,
    judgeModel: judgeOf(spec.model_roles),
    taskArgs: canonicalArgs(spec.task_args),
    created: spec.created ?? null,
    startedAt: header.stats?.started_at || null,
    completedAt: header.stats?.completed_at || null,
    epochs: spec.config?.epochs ?? null,
    sampleIds: spec.dataset?.sample_ids ?? null,
    error: header.error ? errorRecord(header.error.message, header.error.traceback) : null,
  };
}

function statusOf(header: RawHeader, warn: Warn, fallback?: LogStatus): LogStatus {
  const status = header.status;
  if (status === undefined || status === null) {
    if (fallback) return fallback;
    warn('status', 'missing; read as started (the run did not record its end)');
    return 'started';
  }
  if ((STATUSES as readonly string[]).includes(status)) return status as LogStatus;
  warn('status', `unknown status ${JSON.stringify(status).slice(0, 60)}; read as started`);
  return 'started';
}

/** A grader or judge model role, when the eval names exactly one. */
function judgeOf(roles: Record<string, { model?: string | null | undefined }> | null | undefined): string | null {
  const judges = Object.entries(roles ?? {})
    .filter(([role, spec]) => /grader|judge|scorer/i.test(role) && spec.model)
    .map(([, spec]) => spec.model!);
  return new Set(judges).size === 1 ? judges[0]! : null;
}

/** A summary (summaries.json or a journal file) as a record; null when it has no usable id. */
export function summaryRecord(raw: unknown, member: string, where: string, warn: Warn): SampleRecord | null {
  const summary = validateTolerant(summarySchema, pick(raw, SUMMARY_KEYS), where, warn, ['id']);
  if (!summary || !hasId(summary, where, warn)) return null;
  return {
    id: summary.id!,
    epoch: summary.epoch ?? 1,
    member,
    where,
    scores: scoreVerdict(summary.scores),
    error: summary.error ? errorRecord(summary.error, null) : null,
    // Only the count: the messages are in the sample member, read when needed.
    errorRetries: Array.from({ length: Math.max(0, summary.retries ?? 0) }, () => ({ message: '', traceback: null })),
    limit: summary.limit ? { type: summary.limit, value: null } : null,
    usage: usageOf(summary.model_usage),
    startedAt: summary.started_at ?? null,
    completedAt: summary.completed_at ?? null,
    totalTime: finiteOrNull(summary.total_time),
    completed: summary.completed ?? null,
  };
}

/** A full EvalSample (a `samples/…` member, or an element of a .json log's samples) as a record. */
export function sampleRecord(raw: unknown, member: string | null, where: string, warn: Warn): SampleRecord | null {
  const sample = validateTolerant(sampleSchema, pick(raw, SAMPLE_KEYS), where, warn, ['id']);
  if (!sample || !hasId(sample, where, warn)) return null;
  return {
    id: sample.id!,
    epoch: sample.epoch ?? 1,
    member,
    where,
    scores: scoreVerdict(sample.scores),
    error: sample.error ? errorRecord(sample.error.message, sample.error.traceback) : null,
    errorRetries: (sample.error_retries ?? []).map((e) => errorRecord(e.message, e.traceback)),
    limit: sample.limit ? { type: sample.limit.type, value: sample.limit.limit ?? null } : null,
    usage: usageOf(sample.model_usage),
    startedAt: sample.started_at ?? null,
    completedAt: sample.completed_at ?? null,
    totalTime: finiteOrNull(sample.total_time),
    completed: null,
  };
}

/**
 * The sample member read for a summary's details. The member wins: it is written before its summary, so when
 * the two disagree the member is the newer record (a requeued sample re-logged, its summary never written).
 */
export function withDetails(summary: SampleRecord, sample: SampleRecord): SampleRecord {
  return {
    ...sample,
    usage: sample.usage.tokens === null ? summary.usage : sample.usage,
    startedAt: sample.startedAt ?? summary.startedAt,
    completedAt: sample.completedAt ?? summary.completedAt,
    totalTime: sample.totalTime ?? summary.totalTime,
    completed: summary.completed,
  };
}

function hasId(record: RawSample | RawSummary, where: string, warn: Warn): boolean {
  if (record.id !== undefined && record.id !== null) return true;
  warn(where === '' ? 'id' : `${where}.id`, 'missing; sample skipped');
  return false;
}

function errorRecord(message: string | null | undefined, traceback: string | null | undefined): ErrorRecord {
  return { message: message || '(no error message)', traceback: traceback || null };
}

/** NaN and Infinity (Python writes them bare) are no duration. */
function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
