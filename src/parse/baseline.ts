// A previous triage.json, read leniently: it may come from an older e2e-triage (older schemaVersion,
// fewer keys) or be damaged. Whatever cannot be read becomes a warning, never a failure. It is the baseline of a
// comparison, and what a history is rebuilt from.

import * as z from 'zod/mini';

import '../zod-messages.js';

import { formatPath } from '../errors.js';
import type { Category, TestStatus, Warning } from '../model.js';
import { parseObjectWithLeanArray } from './json-array-elements.js';
import { parseJsonTolerant } from './json-tolerant.js';
import { wholeText, type JsonText } from './json-text.js';

const statusSchema = z.catch(z.enum(['pass', 'fail', 'error', 'unknown']), 'unknown');
const categorySchema = z.catch(
  z.enum(['pass', 'model-failure', 'framework-bug', 'infrastructure', 'unknown']),
  'unknown',
);
const num = z.catch(z.nullish(z.number()), null);
const optString = z.catch(z.nullish(z.string()), null);

const baselineSchema = z.looseObject({
  schemaVersion: z.catch(z.int(), 0),
  batch: z.catch(
    z.looseObject({
      model: optString,
      tiers: z.catch(z.array(z.string()), []),
      startedAt: optString,
      source: optString,
    }),
    { model: null, tiers: [], startedAt: null, source: null },
  ),
  summary: z.catch(z.looseObject({ passRate: num, correctedPassRate: num, totalCost: num, passCost: num }), {
    passRate: null,
    correctedPassRate: null,
    totalCost: null,
    passCost: null,
  }),
  tests: z.array(
    z.looseObject({
      testId: z.string(),
      name: optString,
      status: statusSchema,
      category: categorySchema,
      maskedPass: z.catch(z.boolean(), false),
      rootCause: optString,
    }),
  ),
  rootCauses: z.catch(
    z.array(
      z.looseObject({
        id: z.string(),
        signature: z.string(),
        category: categorySchema,
        tests: z.catch(z.array(z.string()), []),
      }),
    ),
    [],
  ),
});

export interface Baseline {
  schemaVersion: number;
  /** The file it was read from. */
  source: string;
  /** The batch's own name (its results folder or artifact). */
  label: string;
  model: string | null;
  tiers: string[];
  startedAt: string | null;
  summary: {
    passRate: number | null;
    correctedPassRate: number | null;
    totalCost: number | null;
    passCost: number | null;
  };
  tests: {
    testId: string;
    name: string | null;
    status: TestStatus;
    category: Category;
    maskedPass: boolean;
    rootCause: string | null;
  }[];
  rootCauses: { id: string; signature: string; category: Category; tests: string[] }[];
}

export function parseBaseline(text: JsonText, file: string): { baseline: Baseline | null; warnings: Warning[] } {
  const warnings: Warning[] = [];
  let value: unknown;
  try {
    value = leanParse(text) ?? parseJsonTolerant(wholeText(text), file).value;
  } catch (error) {
    warnings.push({
      file,
      path: '',
      message: `previous analysis unreadable, not compared: ${error instanceof Error ? error.message.replace(`${file}: `, '') : String(error)}`,
    });
    return { baseline: null, warnings };
  }
  const parsed = baselineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    warnings.push({
      file,
      path: issue ? formatPath(issue.path) : '',
      message: `previous analysis not usable, not compared: ${issue?.message ?? 'unexpected shape'}`,
    });
    return { baseline: null, warnings };
  }
  const data = parsed.data;
  if (data.schemaVersion < 1) {
    warnings.push({
      file,
      path: 'schemaVersion',
      message: `previous analysis has schemaVersion ${data.schemaVersion}; compared on the keys it has`,
    });
  }
  return {
    baseline: {
      schemaVersion: data.schemaVersion,
      source: file,
      label: data.batch.source ?? file,
      model: data.batch.model ?? null,
      tiers: data.batch.tiers,
      startedAt: data.batch.startedAt ?? null,
      summary: {
        passRate: data.summary.passRate ?? null,
        correctedPassRate: data.summary.correctedPassRate ?? null,
        totalCost: data.summary.totalCost ?? null,
        passCost: data.summary.passCost ?? null,
      },
      tests: data.tests.map((t) => ({
        testId: t.testId,
        name: t.name ?? null,
        status: t.status,
        category: t.category,
        maskedPass: t.maskedPass,
        rootCause: t.rootCause ?? null,
      })),
      rootCauses: data.rootCauses,
    },
    warnings,
  };
}

/** What a comparison reads of each test: the rest of a test (its attempts, evidence, history) is dropped as read. */
const TEST_KEYS = new Set(['testId', 'name', 'status', 'category', 'maskedPass', 'rootCause']);

function keepTestFields(test: unknown): unknown {
  if (test === null || typeof test !== 'object' || Array.isArray(test)) return test;
  const kept: Record<string, unknown> = {};
  for (const key of TEST_KEYS) if (key in test) kept[key] = (test as Record<string, unknown>)[key];
  return kept;
}

/** The top-level keys a baseline reads: a triage.json's comparison and history (5 MB at 10,000 tests) are not. */
const WANTED = new Set(['schemaVersion', 'batch', 'summary', 'tests', 'rootCauses']);

/** The file test by test when it is plain JSON with tests at the top; null for anything else (parsed whole). */
function leanParse(text: JsonText): Record<string, unknown> | null {
  try {
    return parseObjectWithLeanArray(text, { key: 'tests', keep: keepTestFields, fields: TEST_KEYS, wanted: WANTED });
  } catch {
    return null;
  }
}
