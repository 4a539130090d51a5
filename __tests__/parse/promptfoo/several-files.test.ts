// A folder with several outputs: files of one eval (same evalId) are its history; other evals keep their
// tests, ids prefixed by file; a JSONL twin of a JSON output is read once.

import { describe, expect, it } from 'vitest';

import { analyse, byId, errored, fixture, outputJson, outputJsonl, passed, wrong } from './support/outputs.js';

describe('several output files in one folder', () => {
  it('out.json and after_retry.json (one evalId): the retry is the verdict, the first export its history', async () => {
    const r = await analyse({ 'out.json': fixture('out.json'), 'after_retry.json': fixture('after_retry.json') });
    expect(r.tests.map((t) => t.testId)).toEqual([
      'passes',
      'wrong answer',
      'rate limited',
      'provider throws',
      'null output',
    ]);
    const retried = byId(r, 'rate limited');
    expect(retried).toMatchObject({ status: 'pass', cause: 'passed' });
    expect(retried.attempts.map((a) => [a.file, a.status])).toEqual([
      ['out.json', 'error'],
      ['after_retry.json', 'pass'],
    ]);
    // A row exported twice unchanged (same id) is one run, not two.
    expect(byId(r, 'wrong answer').attempts).toHaveLength(1);
    expect(byId(r, 'wrong answer').attempts[0]!.file).toBe('after_retry.json');
    expect(byId(r, 'provider throws').attempts).toHaveLength(2);
    expect(r.batch).toMatchObject({ completedAt: '2026-11-30T06:01:50.469Z', source: 'results' });
  });

  it('the order of exports comes from exportedAt, not from the names', async () => {
    const evalId = 'eval-same';
    const first = outputJson([errored({ description: 'x' }, 'API error: 429 Too Many Requests')], {
      evalId,
      exportedAt: '2026-11-30T06:00:00.000Z',
    });
    const second = outputJson([passed({ description: 'x' })], { evalId, exportedAt: '2026-11-30T07:00:00.000Z' });
    const r = await analyse({ 'a-later.json': second, 'z-earlier.json': first });
    expect(byId(r, 'x').status).toBe('pass');
  });

  it('a later export that lost a pass shows a masked pass', async () => {
    const evalId = 'eval-same';
    const r = await analyse({
      'run1.json': outputJson([passed({ description: 'x' })], { evalId, exportedAt: '2026-11-30T06:00:00.000Z' }),
      'run2.json': outputJson([wrong({ description: 'x' })], { evalId, exportedAt: '2026-11-30T07:00:00.000Z' }),
    });
    expect(byId(r, 'x')).toMatchObject({ status: 'fail', maskedPass: true });
  });

  it('different evals keep their own tests, ids prefixed with the file name', async () => {
    const r = await analyse({
      'suite-a.json': outputJson([passed({ description: 'adds' })], { evalId: 'eval-a' }),
      'suite-b.json': outputJson([wrong({ description: 'adds' })], { evalId: 'eval-b' }),
    });
    expect(r.tests.map((t) => [t.testId, t.status])).toEqual([
      ['suite-a.json/adds', 'pass'],
      ['suite-b.json/adds', 'fail'],
    ]);
    expect(r.batch.source).toBe('results');
  });

  it('a JSONL written by the same run as a JSON output (config.outputPath) is read once, from the JSON', async () => {
    const rows = [passed({ description: 'a' })];
    const r = await analyse({
      'out.json': outputJson(rows, { outputPath: ['out.json', 'out.jsonl'] }),
      'out.jsonl': outputJsonl(rows),
    });
    expect(r.tests.map((t) => t.testId)).toEqual(['a']);
    expect(r.warnings).toEqual([
      {
        file: 'out.jsonl',
        path: '',
        message: 'the same eval as out.json (its config.outputPath names this file): read from out.json',
      },
    ]);
  });

  it('an unreadable file among several is skipped with a warning', async () => {
    const r = await analyse({
      'good.json': outputJson([passed({ description: 'a' })], { evalId: 'e1' }),
      'cut.json': outputJson([passed({ description: 'b' })], { evalId: 'e2' }).slice(0, 300),
    });
    expect(r.tests.map((t) => t.testId)).toEqual(['a']);
    expect(r.warnings).toEqual([
      { file: 'cut.json', path: '', message: 'cut.json: invalid JSON at the end (truncated?); skipped' },
    ]);
  });
});
