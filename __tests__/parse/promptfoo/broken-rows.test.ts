// A broken field costs only that field, with a warning naming the file and the zod path; a broken row costs
// only that row. Every other test is still analysed.

import { describe, expect, it } from 'vitest';

import { analyse, byId, fixture, outputJson, outputJsonl, passed, wrong } from './support/outputs.js';

describe('broken rows', () => {
  it('a field of the wrong type is dropped where it sits, the row kept', async () => {
    const bad = wrong({ description: 'w', testIdx: 1 });
    bad.cost = 'n/a';
    (bad.response as Record<string, unknown>).tokenUsage = { total: 'many' };
    const r = await analyse({ 'out.json': outputJson([passed({ description: 'p', testIdx: 0 }), bad]) });
    expect(byId(r, 'w')).toMatchObject({ cause: 'scored-low', cost: null, tokens: null });
    expect(r.warnings).toEqual([
      {
        file: 'out.json',
        path: 'results.results[1].cost',
        message: 'Invalid input: expected number, received string; value ignored',
      },
      {
        file: 'out.json',
        path: 'results.results[1].response.tokenUsage.total',
        message: 'Invalid input: expected number, received string; value ignored',
      },
    ]);
  });

  it('a broken entry of componentResults costs that entry only', async () => {
    const bad = wrong({ description: 'w' });
    const grading = bad.gradingResult as { componentResults: unknown[] };
    grading.componentResults = ['oops', ...grading.componentResults];
    const r = await analyse({ 'out.json': outputJson([bad]) });
    expect(byId(r, 'w').cause).toBe('scored-low');
    expect(r.warnings.map((w) => w.path)).toEqual(['results.results[0].gradingResult.componentResults[0]']);
  });

  it('a row that is not an object is skipped with a warning; the others stay', async () => {
    const r = await analyse({ 'out.json': outputJson(['junk', passed({ description: 'p' })]) });
    expect(r.tests.map((t) => t.testId)).toEqual(['p']);
    expect(r.warnings).toEqual([
      {
        file: 'out.json',
        path: 'results.results[0]',
        message: 'Invalid input: expected object, received string; skipped',
      },
    ]);
  });

  it('evidence lines stay right when a row before them is skipped', async () => {
    const r = await analyse({ 'out.json': outputJson([42, passed({ description: 'p' })]) });
    const text = outputJson([42, passed({ description: 'p' })]).split('\n');
    const line = byId(r, 'p').evidence[0]!.line;
    expect(text[line - 1]!.trim()).toBe('{');
    expect(text[line]!).toContain('"cost"');
  });

  it('JSONL: a line that is not JSON is skipped, named by its line', async () => {
    const text = `${outputJsonl([passed({ description: 'p', testIdx: 0 })])}{"testIdx": 1, "succ\n${outputJsonl([wrong({ description: 'w', testIdx: 2 })])}`;
    const r = await analyse({ 'out.jsonl': text });
    expect(r.tests.map((t) => t.testId)).toEqual(['p', 'w']);
    expect(r.warnings).toEqual([
      { file: 'out.jsonl', path: 'line 2', message: 'invalid JSON at the end (truncated?); skipped' },
    ]);
    expect(byId(r, 'w').evidence[0]!.line).toBe(3);
  });

  it('JSONL: a bad field is named by line and path', async () => {
    const bad = wrong({ description: 'w' });
    bad.latencyMs = '5ms';
    const r = await analyse({ 'out.jsonl': outputJsonl([bad]) });
    expect(r.warnings.map((w) => `${w.file}: ${w.path}`)).toEqual(['out.jsonl: line 1: latencyMs']);
    expect(byId(r, 'w').durationSeconds).toBeNull();
  });

  it('top-level fields we read are dropped the same way', async () => {
    const text = fixture('out.json').replace('"exportedAt": "2026-11-30T06:01:36.851Z"', '"exportedAt": 17');
    const r = await analyse({ 'out.json': text });
    expect(r.batch.completedAt).toBeNull();
    expect(r.warnings.map((w) => w.path)).toEqual(['metadata.exportedAt']);
    expect(r.tests).toHaveLength(5);
  });

  it('an eval without rows is read, with a warning', async () => {
    const r = await analyse({ 'out.json': outputJson([]) });
    expect(r.tests).toEqual([]);
    expect(r.warnings).toEqual([{ file: 'out.json', path: 'results.results', message: 'the eval holds no rows' }]);
  });
});
