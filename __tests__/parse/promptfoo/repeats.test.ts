// `--repeat N`: the runs of a test are its attempts, the last by testIdx its verdict; a pass among earlier
// runs, with money or tokens spent, is a masked pass.

import { describe, expect, it } from 'vitest';

import { analyse, byId, errored, outputJson, outputJsonl, passed, row, wrong } from './support/outputs.js';

const spec = { description: 'flaky' };

describe('repeats', () => {
  it('an earlier repeat that passed with cost, and a final that did not: masked pass', async () => {
    const r = await analyse({
      'out.json': outputJson([
        passed({ ...spec, testIdx: 0 }),
        wrong({ ...spec, testIdx: 1 }),
        errored({ ...spec, testIdx: 2 }, 'API error: 429 Too Many Requests'),
      ]),
    });
    const t = byId(r, 'flaky');
    expect(t).toMatchObject({ status: 'error', cause: 'rate-limit', maskedPass: true });
    expect(t.attempts.map((a) => [a.status, a.passed])).toEqual([
      ['pass', true],
      ['fail', false],
      ['error', false],
    ]);
    expect(t.reason).toContain('(the last of 3 runs; 1 passed)');
    expect(t.evidence.some((e) => e.text.startsWith('earlier attempt passed'))).toBe(true);
    expect(r.summary).toMatchObject({ maskedPasses: 1, correctedPassed: 1 });
  });

  it('a pass that cost nothing and used no tokens proves nothing', async () => {
    const free = passed({ ...spec, testIdx: 0 });
    free.cost = 0;
    free.response = { output: 'The answer is 42' };
    const r = await analyse({ 'out.json': outputJson([free, wrong({ ...spec, testIdx: 1 })]) });
    expect(byId(r, 'flaky').maskedPass).toBe(false);
  });

  it('a pass with tokens but no price still counts (local models cost $0)', async () => {
    const local = passed({ ...spec, testIdx: 0 });
    local.cost = 0;
    const r = await analyse({ 'out.json': outputJson([local, wrong({ ...spec, testIdx: 1 })]) });
    expect(byId(r, 'flaky').maskedPass).toBe(true);
  });

  it('a final pass is a pass whatever came before', async () => {
    const r = await analyse({
      'out.json': outputJson([wrong({ ...spec, testIdx: 0 }), passed({ ...spec, testIdx: 1 })]),
    });
    expect(byId(r, 'flaky')).toMatchObject({ status: 'pass', maskedPass: false });
  });

  it('orders runs by testIdx, not by where they sit in the file (JSONL is in completion order)', async () => {
    const r = await analyse({
      'out.jsonl': outputJsonl([wrong({ ...spec, testIdx: 1 }), passed({ ...spec, testIdx: 0 })]),
    });
    const t = byId(r, 'flaky');
    expect(t.status).toBe('fail');
    expect(t.attempts.map((a) => a.line)).toEqual([2, 1]);
    expect(t.maskedPass).toBe(true);
  });

  it('adds up cost, tokens and time over the runs; the score is the last run', async () => {
    const r = await analyse({
      'out.json': outputJson([passed({ ...spec, testIdx: 0 }), wrong({ ...spec, testIdx: 1 })]),
    });
    expect(byId(r, 'flaky')).toMatchObject({ cost: 0.0024, tokens: 300, durationSeconds: 0.01, score: 0 });
  });

  it('tests with different content are never merged, even under one description', async () => {
    const r = await analyse({
      'out.json': outputJson([
        passed({ description: 'same', vars: { q: 1 }, testIdx: 0 }),
        wrong({ description: 'same', vars: { q: 2 }, testIdx: 1 }),
      ]),
    });
    expect(r.tests.map((t) => [t.testId, t.attempts.length])).toEqual([
      ['test-0', 1],
      ['test-1', 1],
    ]);
  });

  it('keys are content, not key order: a re-ordered testCase is the same test', async () => {
    const a = passed({ ...spec, testIdx: 0 });
    const b = wrong({ ...spec, testIdx: 1 });
    const tc = b.testCase as Record<string, unknown>;
    b.testCase = Object.fromEntries(Object.entries(tc).reverse());
    const r = await analyse({ 'out.json': outputJson([a, b]) });
    expect(r.tests).toHaveLength(1);
  });

  it('a row without testCase stands alone, with a warning', async () => {
    const lonely = row({ description: 'x' }, { success: true, testCase: undefined });
    const r = await analyse({ 'out.json': outputJson([lonely]) });
    expect(r.tests.map((t) => t.testId)).toEqual(['test-0']);
    expect(r.warnings.map((w) => w.path)).toEqual(['results.results[0].testCase']);
  });
});
