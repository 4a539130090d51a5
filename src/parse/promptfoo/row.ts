// One promptfoo result row, validated and cut down to the facts the rules read: the rest (outputs, prompts,
// vars) is dropped here so a large eval does not stay in memory whole.

import { createHash } from 'node:crypto';

import { rowSchema, type RawRow } from './schemas.js';
import { validateFields } from '../validate-fields.js';

export type Warn = (path: string, message: string) => void;

/** Where a row came from, for evidence and attempts. */
export interface RowPlace {
  file: string;
  /** 1-based line of the row in the file (0 when unknown). */
  line: number;
  /** Position among the file's rows. */
  index: number;
}

export interface Component {
  pass: boolean | null;
  reason: string | null;
  /** `assertion.type` when the entry has an `assertion`. */
  type: string | null;
  /** promptfoo's llm-rubric grader drops `assertion` from the entry when the judge itself failed. */
  hasAssertion: boolean;
}

export interface AssertInfo {
  type: string | null;
  /** The judge's provider id (`provider: 'openai:gpt-4o'` or `provider: {id}`), for model-graded ones. */
  providerId: string | null;
}

export interface Row extends RowPlace {
  id: string | null;
  testIdx: number | null;
  promptIdx: number | null;
  /** Hash of the whole `testCase`: repeats of a test carry the same one, and nothing else groups them. */
  testHash: string | null;
  description: string | null;
  providerId: string | null;
  providerLabel: string | null;
  promptLabel: string | null;
  success: boolean | null;
  failureReason: number | null;
  score: number | null;
  cost: number | null;
  tokens: number | null;
  latencyMs: number | null;
  error: string | null;
  grading: { pass: boolean | null; reason: string | null; components: Component[] } | null;
  /** The provider answered something (`response.output` neither null nor missing). */
  hasOutput: boolean;
  finishReason: string | null;
  asserts: AssertInfo[];
}

/** Validates one raw row; null (with a warning) when it is not an object at all. */
export function readRow(raw: unknown, place: RowPlace, path: (inner: string) => string, warn: Warn): Row | null {
  const data = validateFields(rowSchema, raw, { at: path, warn });
  if (!data) return null;
  let failureReason = data.failureReason ?? null;
  if (failureReason !== null && ![0, 1, 2].includes(failureReason)) {
    warn(path('failureReason'), `unknown value ${failureReason} (0, 1 or 2 expected); read from the other fields`);
    failureReason = null;
  }
  if (!data.testCase)
    warn(path('testCase'), 'missing: the row is read as a test of its own (its repeats cannot be told)');
  const provider = typeof data.provider === 'string' ? { id: data.provider, label: null } : data.provider;
  const usage = data.response?.tokenUsage?.total ?? data.tokenUsage?.total ?? null;
  return {
    ...place,
    id: data.id ?? null,
    testIdx: data.testIdx ?? null,
    promptIdx: data.promptIdx ?? null,
    testHash: data.testCase ? hashOf(data.testCase) : null,
    description: data.testCase?.description ?? null,
    providerId: provider?.id ?? null,
    providerLabel: provider?.label ?? null,
    promptLabel: data.prompt?.label ?? data.prompt?.raw ?? null,
    success: data.success ?? null,
    failureReason,
    score: data.score ?? data.gradingResult?.score ?? null,
    cost: data.cost ?? null,
    tokens: usage,
    latencyMs: data.latencyMs ?? null,
    error: data.error ?? data.response?.error ?? null,
    grading: data.gradingResult ? grading(data.gradingResult) : null,
    hasOutput: data.response?.output !== undefined && data.response.output !== null,
    finishReason: data.response?.finishReason ?? null,
    asserts: readAsserts(data.testCase?.assert),
  };
}

function grading(result: NonNullable<RawRow['gradingResult']>): NonNullable<Row['grading']> {
  return {
    pass: result.pass ?? null,
    reason: result.reason ?? null,
    components: (result.componentResults ?? []).flatMap((c) =>
      c === null
        ? []
        : [
            {
              pass: c.pass ?? null,
              reason: c.reason ?? null,
              type: c.assertion?.type ?? null,
              hasAssertion: c.assertion !== undefined && c.assertion !== null,
            },
          ],
    ),
  };
}

/** The test's own assertion list is configuration, not a result: read what is there, warn about nothing. */
function readAsserts(value: unknown): AssertInfo[] {
  if (!Array.isArray(value)) return [];
  return value.map((a: unknown) => {
    const entry = isRecord(a) ? a : {};
    const provider = entry.provider;
    const providerId =
      typeof provider === 'string'
        ? provider
        : isRecord(provider) && typeof provider.id === 'string'
          ? provider.id
          : null;
    return { type: typeof entry.type === 'string' ? entry.type : null, providerId };
  });
}

/** Key order does not matter to promptfoo, so it must not matter to the hash. */
function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 24);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
