// zod schemas for what promptfoo writes with `promptfoo eval -o` (0.118.17, `OutputFile` / `EvaluateResult`).
// Objects pass unknown keys through (promptfoo adds fields often); every field we read is optional, so a row
// that lacks one still counts, and a field of the wrong type costs only that field (validate-fields.ts).

import * as z from 'zod/mini';

import '../../zod-messages.js';

const optString = z.nullish(z.string());
const optNumber = z.nullish(z.number());
const optBoolean = z.nullish(z.boolean());
const tokenUsage = z.nullish(z.looseObject({ total: optNumber }));

/** `-o out.json`: the rows sit in `results.results`; timestamps exist only for the whole eval. */
export const outputFileSchema = z.looseObject({
  evalId: optString,
  results: z.looseObject({
    version: optNumber,
    timestamp: optString,
    results: z.array(z.unknown()),
  }),
  config: z.optional(z.unknown()),
  metadata: z.nullish(z.looseObject({ exportedAt: optString, evaluationCreatedAt: optString })),
});

/** One entry of `gradingResult.componentResults`: one assertion's verdict (or a failed judge's, see judge.ts). */
const componentSchema = z.nullable(
  z.looseObject({
    pass: optBoolean,
    score: optNumber,
    reason: optString,
    assertion: z.nullish(z.looseObject({ type: optString })),
  }),
);

/** One result: a test x prompt x provider (x repeat). JSONL rows are the same objects, one per line. */
export const rowSchema = z.looseObject({
  id: optString,
  testIdx: z.nullish(z.int()),
  promptIdx: z.nullish(z.int()),
  testCase: z.nullish(z.looseObject({ description: optString, assert: z.optional(z.unknown()) })),
  provider: z.nullish(z.union([z.string(), z.looseObject({ id: optString, label: optString })])),
  prompt: z.nullish(z.looseObject({ raw: optString, label: optString })),
  success: optBoolean,
  score: optNumber,
  failureReason: z.nullish(z.int()),
  error: optString,
  latencyMs: optNumber,
  cost: optNumber,
  gradingResult: z.nullish(
    z.looseObject({
      pass: optBoolean,
      score: optNumber,
      reason: optString,
      componentResults: z.nullish(z.array(componentSchema)),
    }),
  ),
  response: z.nullish(
    z.looseObject({
      output: z.optional(z.unknown()),
      error: optString,
      finishReason: optString,
      tokenUsage,
    }),
  ),
  /** Per-row usage in JSONL (and in the type); the JSON export keeps it under `response`. */
  tokenUsage,
});
export type RawRow = z.infer<typeof rowSchema>;
