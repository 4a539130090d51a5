// What a masked pass is said to mean follows the harness, on every page: a broken re-run (ProjectScylla), a
// later log replacing the result (Inspect), a flaky test (promptfoo), as each test's own page says it.

import { describe, expect, it } from 'vitest';

import type { Harness } from '../../src/model.js';
import { renderAnalysis } from '../../src/render/index.js';
import { fixture } from './support/fixtures.js';

function pages(harness: Harness): Map<string, string> {
  const result = fixture('mixed');
  result.batch.harness = harness;
  return new Map(renderAnalysis(result, { issueMode: 'per-test' }).map((f) => [f.path, f.content]));
}

describe('masked passes, per harness', () => {
  it('ProjectScylla: an earlier attempt overwritten by a broken re-run', () => {
    const files = pages('scylla');
    expect(files.get('analysis.md')).toContain('a later, broken re-run overwrote the result');
    expect(files.get('analysis.md')).toContain('overwritten by a broken re-run: the corrected pass rate is');
  });

  it('promptfoo: a flaky test, never a broken re-run', () => {
    const files = pages('promptfoo');
    for (const page of ['analysis.md', 'issues/epic-analysis.md', 'failures/test-2.md']) {
      expect(files.get(page)).not.toMatch(/broken re-run|overwr/);
    }
    expect(files.get('analysis.md')).toContain('an earlier repeat passed: they are flaky rather than broken');
    expect(files.get('analysis.md')).toContain('passed in an earlier repeat and failed in the last');
    expect(files.get('failures/test-2.md')).toContain('the test is flaky rather than broken');
  });

  it('Inspect: a later run replaced the result', () => {
    const files = pages('inspect');
    expect(files.get('analysis.md')).not.toMatch(/broken re-run|overwr/);
    expect(files.get('analysis.md')).toContain(
      'an earlier log passed them with real cost: a later run replaced the result',
    );
    expect(files.get('analysis.md')).toContain('passed in an earlier log and a later run replaced that result');
  });
});
