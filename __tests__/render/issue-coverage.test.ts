// Whatever the issue mode, every failing test ends up in an issue: per-root-cause mode files the tests that
// no root cause holds (model failures, failures without an error, unknown outcomes) in one issue per category.

import { describe, expect, it } from 'vitest';

import type { TriageResult } from '../../src/model.js';
import { renderAnalysis } from '../../src/render/index.js';
import { fixture } from './support/fixtures.js';

/** The mixed fixture, with one framework bug and one infrastructure failure stripped of their root cause. */
function withoutErrors(): TriageResult {
  const result = fixture('mixed');
  const bug = result.tests.find((t) => t.category === 'framework-bug')!;
  const infra = result.tests.find((t) => t.category === 'infrastructure') ?? { ...bug, category: 'infrastructure' };
  for (const t of [bug, infra]) {
    t.rootCause = null;
    t.causedBy = null;
  }
  if (!result.tests.includes(infra)) result.tests.push({ ...infra, testId: 'test-infra-extra' });
  for (const rc of result.rootCauses) rc.tests = rc.tests.filter((id) => id !== bug.testId && id !== infra.testId);
  result.rootCauses = result.rootCauses.filter((rc) => rc.tests.length > 0);
  return result;
}

describe('per-root-cause issues', () => {
  for (const [name, make] of [
    ['mixed', () => fixture('mixed')],
    ['sample', () => fixture('sample')],
    ['mixed without error texts', withoutErrors],
  ] as const) {
    it(`list every failing test of ${name} exactly once`, () => {
      const result = make();
      const issues = renderAnalysis(result, { issueMode: 'per-root-cause' }).filter(
        (f) => f.path.startsWith('issues/') && !f.path.startsWith('issues/epic'),
      );
      const listed = new Map<string, number>();
      for (const issue of issues) {
        const table = issue.content.split('### Tests')[1]!.split('### Next step')[0]!;
        for (const m of table.matchAll(/^\| \[?([A-Za-z0-9_.-]+)\]?[(| ]/gm)) {
          if (m[1] === 'Test') continue;
          listed.set(m[1]!, (listed.get(m[1]!) ?? 0) + 1);
        }
      }
      const failing = result.tests.filter((t) => t.category !== 'pass').map((t) => t.testId);
      expect(failing.length).toBeGreaterThan(0);
      for (const id of failing) expect(listed.get(id), id).toBe(1);
    });
  }

  it('name the group issues after what they hold, with the category label', () => {
    const files = renderAnalysis(withoutErrors(), { issueMode: 'per-root-cause' });
    const bug = files.find((f) => f.path === 'issues/framework-bugs-without-error.md')!;
    expect(bug.content).toMatch(/^# \[E2E\] Framework bugs without an error message: 1 test\n/);
    expect(bug.content).toMatch(/^<!-- e2e-triage:labels=e2e-triage,framework-bug -->$/m);
    const infra = files.find((f) => f.path === 'issues/infrastructure-without-error.md')!;
    expect(infra.content).toMatch(/^<!-- e2e-triage:labels=e2e-triage,infrastructure -->$/m);
    expect(files.find((f) => f.path === 'issues/unknown-outcome.md')!.content).toMatch(/\| test-8 \|/);
  });
});
