// The four real logs from inspect_ai's own tests (MIT, __tests__/fixtures/inspect/real/), read as one folder
// from disk, then rendered: every page and issue of an Inspect batch, with safe file names.

import { describe, expect, it } from 'vitest';

import { DirectorySource } from '../../../src/ingest/directory.js';
import type { TriageResult } from '../../../src/model.js';
import { parseBatch } from '../../../src/parse/index.js';
import { renderAnalysis } from '../../../src/render/index.js';
import { triage } from '../../../src/triage/index.js';

const REAL = '__tests__/fixtures/inspect/real';

async function analyseReal(): Promise<TriageResult> {
  return triage(await parseBatch(new DirectorySource(REAL, 'inspect-real')), { toolVersion: 'test' });
}

describe('the real inspect_ai logs', () => {
  it('every sample of every log, ids qualified by model (three models in one folder)', async () => {
    const result = await analyseReal();
    expect(result.tests.map((t) => [t.testId, t.status, t.cause, t.tokens])).toEqual([
      ['popularity/1#1@azureai/Meta-Llama-3-1-405B-Instruct-jqf', 'fail', 'scored-low', 67],
      ['popularity/1#2@azureai/Meta-Llama-3-1-405B-Instruct-jqf', 'pass', 'passed', 68],
      ['popularity/2#1@azureai/Meta-Llama-3-1-405B-Instruct-jqf', 'pass', 'passed', 62],
      ['popularity/2#2@azureai/Meta-Llama-3-1-405B-Instruct-jqf', 'pass', 'passed', 61],
      ['popularity@mockllm/model', 'unknown', 'no-verdict', null],
      ['popularity/1@openai/gpt-4o-mini', 'pass', 'passed', 66],
      ['popularity/2@openai/gpt-4o-mini', 'pass', 'passed', 60],
      ['popularity/3@openai/gpt-4o-mini', 'fail', 'scored-low', 72],
    ]);
    expect(result.batch).toMatchObject({
      harness: 'inspect',
      format: 'inspect-mixed',
      model: 'azureai/Meta-Llama-3-1-405B-Instruct-jqf, mockllm/model, openai/gpt-4o-mini',
      startedAt: '2024-08-29T15:11:08+00:00',
      completedAt: '2025-05-12T20:28:15-04:00',
    });
  });

  it('log_streaming.eval: 2 samples x 2 epochs; its old summaries carry no usage, so the members are read', async () => {
    const result = await analyseReal();
    const streaming = result.tests.filter((t) => t.resultDir === 'log_streaming.eval');
    expect(streaming.map((t) => t.evidence[0]!.member)).toEqual([
      'samples/1_epoch_1.json',
      'samples/1_epoch_2.json',
      'samples/2_epoch_1.json',
      'samples/2_epoch_2.json',
    ]);
  });

  it('the header-only pair of one task_id: the later, errored log decides; the earlier is an attempt', async () => {
    const result = await analyseReal();
    const task = result.tests.find((t) => t.testId === 'popularity@mockllm/model')!;
    expect(task.reason).toBe('the log holds no samples (a header-only log; status error, without an error message)');
    expect(task.attempts.map((a) => [a.source, a.file])).toEqual([
      ['log', '2024-08-29T15-11-17+00-00_popularity_5EAmX6wjMFqea6WY7XHzZp.json'],
      ['log', '2024-08-29T15-11-18+00-00_popularity_5EAmX6wjMFqea6WY7XHzZp.json'],
    ]);
    expect(task.evidence).toEqual([
      { file: '2024-08-29T15-11-18+00-00_popularity_5EAmX6wjMFqea6WY7XHzZp.json', line: 0, text: 'status: error' },
    ]);
  });

  it('the cancelled log: its three scored samples are read as they are', async () => {
    const result = await analyseReal();
    const cancelled = result.tests.filter((t) => t.resultDir === '2025-05-12T20-28-13-04-00_popularity.json');
    expect(cancelled.map((t) => t.cause)).toEqual(['passed', 'passed', 'scored-low']);
  });

  it('renders: issue titles carry the `<task>/<id>` ids, every file name is safe', async () => {
    const result = await analyseReal();
    const files = renderAnalysis(result, { issueMode: 'per-test' });
    const issues = files.filter((f) => f.path.startsWith('issues/') && !f.path.startsWith('issues/epic'));
    expect(issues).toHaveLength(result.tests.length);
    // `#<epoch>` and `@<model>` reach GitHub defanged (a zero-width space after # and @: no issue link, no ping).
    const titles = issues.map((f) => f.content.split('\n')[0]!);
    expect(titles.filter((t) => t.includes('#1'))).toEqual([]);
    for (const test of result.tests) {
      expect(titles).toContain(
        `# [E2E] ${test.testId} - ${test.status.toUpperCase()}`.replace(/([#@])(?=\w)/g, '$1\u200b'),
      );
    }
    for (const file of files) expect(file.path).toMatch(/^(?:[A-Za-z0-9._-]+\/)?[A-Za-z0-9._-]+$/);
    expect(files.map((f) => f.path)).toContain('failures/popularity_1_1_azureai_Meta-Llama-3-1-405B-Instruct-jqf.md');
    const readme = files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain('| Format | inspect-mixed |');
  });
});
