// promptfoo outputs made in the tests, shaped like what promptfoo 0.118.17 writes (compare the real ones in
// __tests__/fixtures/promptfoo/): every row kind of the mapping, without running promptfoo.

import { readFileSync } from 'node:fs';

import type { TestResult, TriageResult } from '../../../../src/model.js';
import { parseBatch } from '../../../../src/parse/index.js';
import { triage } from '../../../../src/triage/index.js';
import { MemorySource } from '../../../helpers/memory-source.js';

export const FIXTURES = new URL('../../../fixtures/promptfoo/', import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export async function analyse(files: Record<string, string>, label = 'results'): Promise<TriageResult> {
  return triage(await parseBatch(new MemorySource(files, label)), { toolVersion: 'test' });
}

export function byId(result: TriageResult, id: string): TestResult {
  const test = result.tests.find((t) => t.testId === id);
  if (!test) throw new Error(`no ${id} in ${result.tests.map((t) => t.testId).join(', ')}`);
  return test;
}

const USAGE = { total: 150, prompt: 100, completion: 50, numRequests: 1 };
let ids = 0;

export interface RowSpec {
  description?: string;
  testIdx?: number;
  promptIdx?: number;
  provider?: { id: string; label?: string };
  prompt?: { raw: string; label: string };
  vars?: Record<string, unknown>;
  assert?: Record<string, unknown>[];
}

/** A row as promptfoo writes it; `fields` replace or add top-level keys (`undefined` removes one). */
export function row(spec: RowSpec, fields: Record<string, unknown>): Record<string, unknown> {
  const testCase: Record<string, unknown> = {
    vars: spec.vars ?? { question: spec.description ?? 'q' },
    assert: spec.assert ?? [{ type: 'contains', value: '42' }],
    options: {},
    metadata: {},
  };
  if (spec.description !== undefined) testCase.description = spec.description;
  const out: Record<string, unknown> = {
    cost: 0,
    gradingResult: null,
    id: `row-${++ids}`,
    latencyMs: 5,
    namedScores: {},
    prompt: spec.prompt ?? { raw: 'Answer: q', label: 'Answer: {{question}}' },
    promptId: 'c0335ced',
    promptIdx: spec.promptIdx ?? 0,
    provider: spec.provider ?? { id: 'openai:gpt-4o-mini', label: 'agent' },
    score: 0,
    success: false,
    testCase,
    testIdx: spec.testIdx ?? 0,
    vars: testCase.vars,
    metadata: {},
    failureReason: 0,
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

export function component(pass: boolean, reason: string, assertion?: Record<string, unknown>) {
  return { pass, score: pass ? 1 : 0, reason, ...(assertion ? { assertion } : {}) };
}

const answered = (output: string) => ({ output, tokenUsage: USAGE, cost: 0.0012 });

export const passed = (spec: RowSpec) =>
  row(spec, {
    success: true,
    score: 1,
    cost: 0.0012,
    response: answered('The answer is 42'),
    gradingResult: {
      pass: true,
      score: 1,
      reason: 'All assertions passed',
      componentResults: [component(true, 'Assertion passed', { type: 'contains', value: '42' })],
    },
  });

/** failureReason 1 with the given component results (and promptfoo's summary reason: the first failure's). */
export const assertFailed = (spec: RowSpec, components: ReturnType<typeof component>[], extra = {}) => {
  const reason = components.find((c) => !c.pass)?.reason ?? 'failed';
  return row(spec, {
    failureReason: 1,
    cost: 0.0012,
    error: reason,
    response: answered('The answer is 41'),
    gradingResult: { pass: false, score: 0, reason, componentResults: components },
    ...extra,
  });
};

export const wrong = (spec: RowSpec) =>
  assertFailed(spec, [component(false, 'Expected output to contain "42"', { type: 'contains', value: '42' })]);

/** failureReason 2: `response.error` (no stack) or a thrown error (no response, the stack in `error`). */
export const errored = (spec: RowSpec, error: string, thrown = false) =>
  row(spec, {
    failureReason: 2,
    error,
    ...(thrown ? {} : { response: { error } }),
  });

export const stack = (message: string, frame: string) =>
  `Error: ${message}\n\nError: ${message}\n    at ${frame}\n    at runEval (/tmp/x/node_modules/promptfoo/dist/src/evaluator.js:300:45)\n    at async processEvalStep (/tmp/x/node_modules/promptfoo/dist/src/evaluator.js:952:26)`;

export interface OutputOptions {
  evalId?: string | null;
  timestamp?: string;
  exportedAt?: string;
  outputPath?: string[];
}

/** An `-o out.json` file around the rows. */
export function outputJson(rows: unknown[], options: OutputOptions = {}): string {
  const timestamp = options.timestamp ?? '2026-11-30T06:01:36.717Z';
  return JSON.stringify(
    {
      evalId: options.evalId === undefined ? 'eval-test-2026-11-30T06:01:36' : options.evalId,
      results: { version: 3, timestamp, prompts: [], results: rows, stats: {} },
      config: { outputPath: options.outputPath ?? ['out.json'] },
      shareableUrl: null,
      metadata: {
        promptfooVersion: '0.118.17',
        exportedAt: options.exportedAt ?? '2026-11-30T06:01:37.000Z',
        evaluationCreatedAt: timestamp,
      },
    },
    null,
    2,
  );
}

/** An `-o out.jsonl` file: one row per line, no `id` (as promptfoo writes it). */
export function outputJsonl(rows: Record<string, unknown>[]): string {
  return rows.map(({ id: _id, ...rest }) => JSON.stringify(rest)).join('\n') + '\n';
}
