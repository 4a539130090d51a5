// A per-test issue in a root cause the previous batch had too: it says the issue filed then has its fingerprint
// only when this very test had that root cause then (the fingerprint is the test's id and its failure's
// signature); a test new to the root cause gets an issue file_issues.sh will file.

import { describe, expect, it } from 'vitest';

import { renderAnalysis } from '../../src/render/index.js';
import { fixture } from './support/fixtures.js';

/** The issue of test-004: in rc-4 now, the previous batch's rc-3 (its own root cause then: rc-1). */
function issueOfTest004(beforeRootCause?: string): string {
  const result = fixture('compared');
  if (beforeRootCause) {
    const entry = result.comparison!.tests.find((t) => t.testId === 'test-004')!;
    entry.before!.rootCause = beforeRootCause;
  }
  const file = renderAnalysis(result, { issueMode: 'per-test' }).find((f) => f.path === 'issues/test-004.md');
  return file!.content;
}

describe('the note on a root cause that persists', () => {
  it('names the earlier issue by fingerprint when the test had the same root cause then', () => {
    const issue = issueOfTest004('rc-3');
    const fingerprint = /<!-- e2e-triage:fingerprint=([0-9a-f]{16}) -->/.exec(issue)?.[1];
    expect(fingerprint).toBeDefined();
    expect(issue).toContain(
      `**Already reported**: this failure persists from the previous batch (previous/triage.json, rc-3); an issue filed then carries the same fingerprint \`${fingerprint}\``,
    );
  });

  it('says only that other tests had it when the test failed otherwise then', () => {
    const issue = issueOfTest004();
    expect(issue).toContain(
      '**Already reported**: this root cause persists from the previous batch (previous/triage.json, rc-3), where other tests had it.',
    );
    expect(issue).not.toContain('carries the same fingerprint');
  });
});
