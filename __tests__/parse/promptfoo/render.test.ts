// The ids promptfoo tests get (descriptions, `[prompt · provider]`, file prefixes) go through the renderer
// as any other: issue titles, safe and distinct file names.

import { describe, expect, it } from 'vitest';

import type { TriageResult } from '../../../src/model.js';
import { renderAnalysis } from '../../../src/render/index.js';
import { analyse, fixture, outputJson, passed, wrong } from './support/outputs.js';

const SAFE_NAME = /^(failures|issues)\/[A-Za-z0-9][A-Za-z0-9._-]*\.md$/;

function checkRendered(result: TriageResult) {
  const files = renderAnalysis(result, { issueMode: 'per-test' });
  const pages = files.filter((f) => /^(failures|issues)\//.test(f.path));
  for (const page of pages) expect(page.path).toMatch(SAFE_NAME);
  expect(new Set(pages.map((p) => p.path.toLowerCase())).size).toBe(pages.length);
  const titles = files
    .filter((f) => f.path.startsWith('issues/') && !f.path.startsWith('issues/epic'))
    .map((f) => f.content.split('\n')[0]!);
  expect(titles).toHaveLength(result.tests.length);
  return { files, titles };
}

describe('rendering promptfoo tests', () => {
  it('every real fixture renders, one issue per test, titled with its id', async () => {
    for (const name of [
      'out.json',
      'repeat.json',
      'multi.json',
      'judge_fail.json',
      'nodesc.json',
      'timeout.json',
      'out.jsonl',
    ]) {
      const result = await analyse({ [name]: fixture(name) }, name);
      const { titles } = checkRendered(result);
      for (const test of result.tests)
        expect(
          titles.some((t) => t.includes(test.testId)),
          test.testId,
        ).toBe(true);
    }
  });

  it('multi.json ids keep the column in the title and get distinct file names', async () => {
    const result = await analyse({ 'multi.json': fixture('multi.json') }, 'multi.json');
    const { files, titles } = checkRendered(result);
    expect(titles).toContain('# [E2E] rate limited [terse · agent-a] - ERROR');
    expect(files.map((f) => f.path)).toContain('issues/rate_limited_terse_agent-a.md');
  });

  it('a shared description shows as the name beside test-<testIdx>', async () => {
    const result = await analyse({ 'nodesc.json': fixture('nodesc.json') }, 'nodesc.json');
    expect(checkRendered(result).titles).toContain('# [E2E] test-3: same name - FAIL');
  });

  it('descriptions with markdown, shell and path characters stay data', async () => {
    const result = await analyse({
      'out.json': outputJson([
        wrong({ description: '$(rm -rf ~) `x` ../../etc/passwd @team #12', testIdx: 0 }),
        passed({ description: 'a/b', testIdx: 1 }),
      ]),
    });
    const { files } = checkRendered(result);
    expect(files.some((f) => f.path.includes('..'))).toBe(false);
  });

  it('file-prefixed ids (several evals) render', async () => {
    const result = await analyse({
      'suite-a.json': outputJson([wrong({ description: 'adds' })], { evalId: 'a' }),
      'suite-b.json': outputJson([wrong({ description: 'adds' })], { evalId: 'b' }),
    });
    const { files } = checkRendered(result);
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['failures/suite-a.json_adds.md', 'failures/suite-b.json_adds.md']),
    );
  });
});
