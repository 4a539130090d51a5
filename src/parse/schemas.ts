// zod schemas for every file we read. Objects pass unknown keys through (producers add fields over time);
// numbers accept the non-finite values Python writes. Types come from z.infer.

import { z } from 'zod';

/** Any JS number, including Infinity/NaN from tolerant parsing (z.number() rejects those). */
export const anyNumber = z.custom<number>((v) => typeof v === 'number', { message: 'expected number' });
const optNumber = anyNumber.nullish();
const optString = z.string().nullish();
const optInt = z.number().int().nullish();

export const legacyConfigSchema = z.looseObject({
  model: optString,
  judge_model: optString,
  runs: optInt,
  max_subtests: optInt,
  thinking: optString,
  tiers: z.array(z.string()).nullish(),
  started_at: optString,
  threads: optInt,
});

export const threadSummarySchema = z.looseObject({
  thread_id: z.number().int(),
  tests: z.array(z.string()).nullish(),
  completed: optInt,
  failed: optInt,
});

/** One row, legacy (`pass|fail|error|unknown` + exit_code) or current (`success|error` + started_at). */
export const rowSchema = z.looseObject({
  test_id: z.string().min(1),
  test_name: optString,
  thread_id: optInt,
  status: z.string().nullish(),
  exit_code: optInt,
  result_dir: optString,
  error: optString,
  best_tier: optString,
  best_score: optNumber,
  frontier_cop: optNumber,
  total_cost: optNumber,
  total_duration: optNumber,
  started_at: optString,
});
export type RawRow = z.infer<typeof rowSchema>;

export const batchSummarySchema = z.looseObject({
  started_at: optString,
  completed_at: optString,
  config: z.unknown().optional(),
  threads: z.unknown().optional(),
  results: z.array(z.unknown()),
});

export const reportSchema = z.looseObject({
  experiment_id: optString,
  summary: z.looseObject({
    best_tier: optString,
    best_subtest: optString,
    frontier_cop: optNumber,
    total_cost: optNumber,
    total_duration: optNumber,
    started_at: optString,
    completed_at: optString,
  }),
  children: z
    .array(
      z.looseObject({
        tier: z.string(),
        best_subtest: optString,
        best_score: optNumber,
        cost: optNumber,
      }),
    )
    .nullish(),
});
export type RawReport = z.infer<typeof reportSchema>;

export const checkpointSchema = z.looseObject({
  version: z.union([z.string(), z.number()]).nullish(),
  experiment_id: optString,
  status: optString,
  experiment_state: optString,
  rate_limit_until: optString,
  pause_count: optInt,
  completed_runs: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))).nullish(),
  run_states: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))).nullish(),
});
export type RawCheckpoint = z.infer<typeof checkpointSchema>;

export const experimentConfigSchema = z.looseObject({
  experiment_id: optString,
  models: z.array(z.string()).nullish(),
  judge_models: z.array(z.string()).nullish(),
  tiers_to_run: z.array(z.string()).nullish(),
  runs_per_subtest: optInt,
  max_subtests: optInt,
  thinking_mode: optString,
});

export const tierResultSchema = z.looseObject({
  tier_id: optString,
  subtest_results: z
    .record(
      z.string(),
      z.looseObject({
        selection_reason: optString,
        rate_limit_info: z.looseObject({ error_message: optString }).nullish(),
      }),
    )
    .nullish(),
});

export const judgeTimingSchema = z.looseObject({ failed: z.boolean().nullish(), error: optString });
export const judgeResultSchema = z.looseObject({ reasoning: optString, is_valid: z.boolean().nullish() });
export const runResultSchema = z.looseObject({
  judges: z.array(z.looseObject({ is_valid: z.boolean().nullish(), reasoning: optString })).nullish(),
  judge_reasoning: optString,
  criteria_scores: z.unknown().optional(),
});
