// zod schemas for the parts of an Inspect log we read (inspect_ai's EvalLog, EvalSample, EvalSampleSummary).
// Objects pass unknown keys through (Inspect adds fields every release) and almost every field is optional,
// so a bad value costs only that value (tolerant.ts drops it with a warning); what must be there is checked
// by the readers. Types come from z.infer.

import * as z from 'zod/mini';

import '../../zod-messages.js';

/** Any JS number, including NaN/Infinity from tolerant parsing (z.number() rejects those). */
const anyNumber = z.custom<number>((v) => typeof v === 'number', { message: 'expected number' });
const optNumber = z.nullish(anyNumber);
const optString = z.nullish(z.string());
const optInt = z.nullish(z.int());

export const STATUSES = ['started', 'success', 'cancelled', 'error'] as const;
export type LogStatus = (typeof STATUSES)[number];

export const modelUsageSchema = z.looseObject({
  input_tokens: optNumber,
  output_tokens: optNumber,
  total_tokens: optNumber,
  input_tokens_cache_write: optNumber,
  input_tokens_cache_read: optNumber,
  reasoning_tokens: optNumber,
  /** Filled only when prices were configured (`--model-cost-config`). */
  total_cost: optNumber,
});
const usageByModel = z.nullish(z.record(z.string(), modelUsageSchema));
export type RawModelUsage = z.infer<typeof modelUsageSchema>;

const scalar = z.union([z.string(), anyNumber, z.boolean()]);
/** Score.value: a scalar, or a list / dict of them (multi-valued scorers). */
export const scoreValueSchema = z.union(
  [scalar, z.array(z.nullable(scalar)), z.record(z.string(), z.nullable(scalar))],
  { error: 'expected a string, number or boolean, or a list or dict of them' },
);
export type ScoreValue = z.infer<typeof scoreValueSchema>;
const scoresSchema = z.nullish(z.record(z.string(), z.looseObject({ value: z.optional(scoreValueSchema) })));

/** EvalError: `message` is repr(exception), e.g. "ValueError('boom')". */
export const evalErrorSchema = z.looseObject({ message: optString, traceback: optString });

const sampleId = z.union([anyNumber, z.string()], { error: 'expected a number or a string' });

/** The fields of an EvalSample that decide a verdict (events, messages, attachments are never kept). */
export const sampleSchema = z.looseObject({
  id: z.optional(sampleId),
  epoch: optInt,
  scores: scoresSchema,
  model_usage: usageByModel,
  started_at: optString,
  completed_at: optString,
  total_time: optNumber,
  error: z.nullish(evalErrorSchema),
  error_retries: z.nullish(z.array(evalErrorSchema)),
  limit: z.nullish(z.looseObject({ type: z.string(), limit: optNumber })),
});
export type RawSample = z.infer<typeof sampleSchema>;
export const SAMPLE_KEYS = Object.keys(sampleSchema.shape);

/** EvalSampleSummary (summaries.json, _journal/summaries/N.json): error and limit flattened to strings. */
export const summarySchema = z.looseObject({
  id: z.optional(sampleId),
  epoch: optInt,
  scores: scoresSchema,
  model_usage: usageByModel,
  started_at: optString,
  completed_at: optString,
  total_time: optNumber,
  error: optString,
  limit: optString,
  retries: optInt,
  completed: z.nullish(z.boolean()),
});
export type RawSummary = z.infer<typeof summarySchema>;
export const SUMMARY_KEYS = Object.keys(summarySchema.shape);

export const evalSpecSchema = z.looseObject({
  task: z.string().check(z.minLength(1)),
  task_id: optString,
  created: optString,
  model: optString,
  model_roles: z.nullish(z.record(z.string(), z.looseObject({ model: optString }))),
  task_args: z.nullish(z.record(z.string(), z.unknown())),
  dataset: z.nullish(z.looseObject({ sample_ids: z.nullish(z.array(sampleId)), samples: optInt })),
  config: z.nullish(z.looseObject({ epochs: optInt })),
});

/** EvalLog without samples: header.json, `_journal/start.json` (no status there), or a .json log's top. */
export const headerSchema = z.looseObject({
  version: optInt,
  status: optString,
  eval: evalSpecSchema,
  stats: z.nullish(z.looseObject({ started_at: optString, completed_at: optString })),
  error: z.nullish(evalErrorSchema),
});
export type RawHeader = z.infer<typeof headerSchema>;
export const HEADER_KEYS = Object.keys(headerSchema.shape);
