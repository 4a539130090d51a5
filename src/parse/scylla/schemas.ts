// zod schemas for every file we read. Objects pass unknown keys through (producers add fields over time);
// numbers accept the non-finite values Python writes. Types come from z.infer.

import * as z from 'zod/mini';

import '../../zod-messages.js';

/** Any JS number, including Infinity/NaN from tolerant parsing (z.number() rejects those). */
export const anyNumber = z.custom<number>((v) => typeof v === 'number', { message: 'expected number' });
const optNumber = z.nullish(anyNumber);
const optString = z.nullish(z.string());
const optInt = z.nullish(z.int());

export const legacyConfigSchema = z.looseObject({
  model: optString,
  judge_model: optString,
  runs: optInt,
  max_subtests: optInt,
  thinking: optString,
  tiers: z.nullish(z.array(z.string())),
  started_at: optString,
  threads: optInt,
});

export const threadSummarySchema = z.looseObject({
  thread_id: z.int(),
  tests: z.nullish(z.array(z.string())),
  completed: optInt,
  failed: optInt,
});

/** One row, legacy (`pass|fail|error|unknown` + exit_code) or current (`success|error` + started_at). */
export const rowSchema = z.looseObject({
  test_id: z.string().check(z.minLength(1)),
  test_name: optString,
  thread_id: optInt,
  status: z.nullish(z.string()),
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
  config: z.optional(z.unknown()),
  threads: z.optional(z.unknown()),
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
  children: z.nullish(
    z.array(
      z.looseObject({
        tier: z.string(),
        best_subtest: optString,
        best_score: optNumber,
        cost: optNumber,
      }),
    ),
  ),
});
export type RawReport = z.infer<typeof reportSchema>;

export const checkpointSchema = z.looseObject({
  version: z.nullish(z.union([z.string(), z.number()])),
  experiment_id: optString,
  status: optString,
  experiment_state: optString,
  rate_limit_until: optString,
  pause_count: optInt,
  completed_runs: z.nullish(z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())))),
  run_states: z.nullish(z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())))),
});
export type RawCheckpoint = z.infer<typeof checkpointSchema>;

export const experimentConfigSchema = z.looseObject({
  experiment_id: optString,
  models: z.nullish(z.array(z.string())),
  judge_models: z.nullish(z.array(z.string())),
  tiers_to_run: z.nullish(z.array(z.string())),
  runs_per_subtest: optInt,
  max_subtests: optInt,
  thinking_mode: optString,
});

export const tierResultSchema = z.looseObject({
  tier_id: optString,
  subtest_results: z.nullish(
    z.record(
      z.string(),
      z.looseObject({
        selection_reason: optString,
        rate_limit_info: z.nullish(z.looseObject({ error_message: optString })),
      }),
    ),
  ),
});

export const judgeTimingSchema = z.looseObject({ failed: z.nullish(z.boolean()), error: optString });
export const judgeResultSchema = z.looseObject({ reasoning: optString, is_valid: z.nullish(z.boolean()) });
export const runResultSchema = z.looseObject({
  judges: z.nullish(z.array(z.looseObject({ is_valid: z.nullish(z.boolean()), reasoning: optString }))),
  judge_reasoning: optString,
  criteria_scores: z.optional(z.unknown()),
});
