// Every real promptfoo 0.118.17 output in __tests__/fixtures/promptfoo/ (PROVENANCE.md), read the way the CLI
// reads a single file (a folder holding only it), through parseBatch and triage.

import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { DirectorySource } from '../../../src/ingest/directory.js';
import type { TriageResult } from '../../../src/model.js';
import { parseBatch } from '../../../src/parse/index.js';
import { triage } from '../../../src/triage/index.js';
import { FIXTURES, byId } from './support/outputs.js';

const DIR = fileURLToPath(FIXTURES);

async function analyseFile(name: string): Promise<TriageResult> {
  return triage(await parseBatch(new DirectorySource(DIR, name, [name])), { toolVersion: 'test' });
}

const causes = (r: TriageResult) => Object.fromEntries(r.tests.map((t) => [t.testId, `${t.status} ${t.cause}`]));

describe('out.json: one row of each kind', () => {
  it('maps each row to its cause', async () => {
    const r = await analyseFile('out.json');
    expect(causes(r)).toEqual({
      passes: 'pass passed',
      'wrong answer': 'fail scored-low',
      'rate limited': 'error rate-limit',
      'provider throws': 'error api-error',
      'null output': 'fail no-verdict',
    });
    expect(r.tests.map((t) => t.category)).toEqual([
      'pass',
      'model-failure',
      'infrastructure',
      'infrastructure',
      'unknown',
    ]);
  });

  it('identifies the batch', async () => {
    const r = await analyseFile('out.json');
    expect(r.batch).toMatchObject({
      harness: 'promptfoo',
      format: 'promptfoo-json',
      model: 'file://provider.js',
      judgeModel: null,
      source: 'out.json',
      startedAt: '2026-11-30T06:01:36.717Z',
      completedAt: '2026-11-30T06:01:36.851Z',
      threads: null,
      tiers: [],
    });
    expect(r.summary.sessions).toBe(0);
    expect(r.warnings).toEqual([]);
  });

  it('reads cost, tokens, duration and the line of every row', async () => {
    const r = await analyseFile('out.json');
    const wrong = byId(r, 'wrong answer');
    expect(wrong).toMatchObject({ cost: 0.0012, tokens: 150, durationSeconds: 0.004, score: 0 });
    expect(wrong.evidence[0]).toMatchObject({ file: 'out.json', line: 127 });
    expect(r.tests.map((t) => t.attempts[0]!.line)).toEqual([51, 127, 204, 251, 293]);
    expect(byId(r, 'rate limited')).toMatchObject({ cost: 0, tokens: null });
    expect(r.summary.totalCost).toBeCloseTo(0.0024, 10);
  });

  it('keeps the thrown error to its message and the frame that threw, and clusters it without the /tmp path', async () => {
    const r = await analyseFile('out.json');
    const thrown = byId(r, 'provider throws');
    expect(thrown.error).toBe(
      'Error: ECONNRESET: socket hang up\n    at FakeProvider.callApi (/tmp/r3/provider.js:21:33)',
    );
    const rc = r.rootCauses.find((c) => c.id === thrown.rootCause)!;
    expect(rc.signature).toBe('Error: ECONNRESET: socket hang up | at FakeProvider.callApi (<path>:<n>:<n>)');
    expect(rc.signature).not.toContain('/tmp');
  });
});

describe('out.jsonl: the same eval as JSONL', () => {
  it('gives the same verdicts, with lines of its own and no timestamps', async () => {
    const jsonl = await analyseFile('out.jsonl');
    const json = await analyseFile('out.json');
    expect(causes(jsonl)).toEqual(causes(json));
    expect(jsonl.batch).toMatchObject({ format: 'promptfoo-jsonl', startedAt: null, completedAt: null });
    // Rows are in completion order in the file; tests come out in testIdx order with their own lines.
    expect(jsonl.tests.map((t) => t.evidence[0]!.line)).toEqual([3, 4, 1, 2, 5]);
    // No cost on error rows in JSONL; tokens from the row's top-level tokenUsage.
    expect(byId(jsonl, 'rate limited')).toMatchObject({ cost: null, tokens: 0 });
    expect(byId(jsonl, 'wrong answer')).toMatchObject({ cost: 0.0012, tokens: 150 });
  });
});

describe('after_retry.json: the same eval after --retry-errors', () => {
  it('shows the retried rate limit as a pass; nothing in the file says a retry happened', async () => {
    const before = await analyseFile('out.json');
    const after = await analyseFile('after_retry.json');
    expect(byId(before, 'rate limited').cause).toBe('rate-limit');
    expect(byId(after, 'rate limited')).toMatchObject({ status: 'pass', cause: 'passed', maskedPass: false });
    expect(byId(after, 'rate limited').attempts).toHaveLength(1);
    expect(byId(after, 'provider throws').cause).toBe('api-error');
    expect(after.summary.passed).toBe(2);
    expect(after.batch.startedAt).toBe(before.batch.startedAt);
    expect(after.batch.completedAt).not.toBe(before.batch.completedAt);
  });
});

describe('repeat.json: --repeat 3', () => {
  it('groups the three runs of each test under one id; the last run by testIdx is the verdict', async () => {
    const r = await analyseFile('repeat.json');
    expect(r.tests.map((t) => t.testId)).toEqual([
      'passes',
      'wrong answer',
      'rate limited',
      'provider throws',
      'null output',
    ]);
    for (const t of r.tests) expect(t.attempts).toHaveLength(3);
    const passes = byId(r, 'passes');
    expect(passes.attempts.map((a) => a.line)).toEqual([51, 127, 203]);
    expect(passes.evidence[0]!.text).toContain('testIdx 2');
    expect(passes.attempts.map((a) => a.session)).toEqual([1, 2, 3]);
    // Money and tokens add up over the repeats.
    expect(passes).toMatchObject({ cost: 0.0036, tokens: 450 });
    expect(r.batch.runs).toBe(3);
    expect(r.summary.maskedPasses).toBe(0);
  });

  it('clusters the repeated error once per test', async () => {
    const r = await analyseFile('repeat.json');
    expect(r.rootCauses.map((c) => c.tests)).toEqual([['rate limited'], ['provider throws'], ['null output']]);
  });
});

describe('multi.json: 2 prompts x 2 providers', () => {
  it('names each prompt x provider column in the id; the provider by label (both have one id)', async () => {
    const r = await analyseFile('multi.json');
    expect(r.tests.map((t) => t.testId)).toEqual([
      'passes [terse · agent-a]',
      'passes [careful · agent-a]',
      'passes [terse · agent-b]',
      'passes [careful · agent-b]',
      'wrong answer [terse · agent-a]',
      'wrong answer [careful · agent-a]',
      'wrong answer [terse · agent-b]',
      'wrong answer [careful · agent-b]',
      'rate limited [terse · agent-a]',
      'rate limited [careful · agent-a]',
      'rate limited [terse · agent-b]',
      'rate limited [careful · agent-b]',
    ]);
    expect(r.tests.every((t) => t.name === null)).toBe(true);
    expect(r.rootCauses).toHaveLength(1);
    expect(r.rootCauses[0]!.tests).toHaveLength(4);
    expect(r.batch.model).toBe('file://provider.js');
  });
});

describe('nodesc.json: no descriptions and a shared one', () => {
  it('falls back to test-<testIdx>, keeping a shared description as the name', async () => {
    const r = await analyseFile('nodesc.json');
    expect(r.tests.map((t) => [t.testId, t.name, t.status])).toEqual([
      ['test-0', null, 'pass'],
      ['test-1', null, 'fail'],
      ['test-2', 'same name', 'pass'],
      ['test-3', 'same name', 'fail'],
    ]);
  });
});

describe('judge_fail.json: judges that fail, and a latency budget', () => {
  it('tells judge failures from wrong answers in every form promptfoo writes them', async () => {
    const r = await analyseFile('judge_fail.json');
    expect(causes(r)).toEqual({
      'judge ok, passes': 'pass passed',
      'judge rejects wrong answer': 'fail scored-low',
      'judge returns provider error': 'fail judge-failed',
      'judge throws': 'error judge-failed',
      'judge returns non-JSON': 'fail judge-failed',
      'contains passes but judge errors': 'fail judge-failed',
      'too slow (latency assertion)': 'fail limit',
    });
    expect(r.batch.judgeModel).toBe('file://grader.js');
  });

  it('names the judge in the error, so a judge outage clusters apart from the model provider', async () => {
    const r = await analyseFile('judge_fail.json');
    expect(byId(r, 'judge returns provider error').error).toBe(
      'llm-rubric judge: API error: 503 Service Unavailable: judge model overloaded',
    );
    const outage = r.rootCauses.find((c) => c.tests.includes('judge returns provider error'))!;
    expect(outage.tests).toEqual(['contains passes but judge errors', 'judge returns provider error']);
    expect(outage.category).toBe('infrastructure');
    expect(byId(r, 'judge throws').error).toBe(
      'llm-rubric judge threw: Error: ECONNREFUSED: judge endpoint unreachable\n    at FakeGrader.callApi (/tmp/r3/grader.js:20:27)',
    );
  });

  it('keeps the latency failure a model-side budget, with the reason naming it', async () => {
    const r = await analyseFile('judge_fail.json');
    const slow = byId(r, 'too slow (latency assertion)');
    expect(slow.category).toBe('model-failure');
    expect(slow.reason).toContain('latency budget');
    expect(slow.reason).toContain('Latency 401ms is greater than threshold 100ms');
    expect(slow.rootCause).toBeNull();
  });
});

describe('timeout.json: evaluateOptions.timeoutMs', () => {
  it('reads the timed-out step as the provider failing to answer', async () => {
    const r = await analyseFile('timeout.json');
    expect(causes(r)).toEqual({ 'fast pass': 'pass passed', 'hangs past timeoutMs': 'error api-error' });
    expect(byId(r, 'hangs past timeoutMs')).toMatchObject({ cost: 0, durationSeconds: 1 });
    expect(r.rootCauses[0]!.signature).toBe(
      'Evaluation timed out after <n>ms: Error: Evaluation timed out after <n>ms',
    );
  });
});
