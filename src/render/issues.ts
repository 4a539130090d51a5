// Issue bodies: one per test (the default, as the team files them) or one per root cause.

import type { RootCause, TriageResult } from '../model.js';
import { code, fence, mdText, shortHash } from './escape.js';
import { CATEGORY_LABEL } from './format.js';
import { template, tidy } from './templates.js';
import type { View } from './view-model.js';
import { CATEGORY_LABELS, oneLine, type TestPage } from './view-tests.js';

export type IssueMode = 'per-test' | 'per-root-cause';

export interface IssueFile {
  name: string;
  content: string;
}

/** per-test mode: the issue of one test, from its page view. */
export function testIssue(result: TriageResult, page: TestPage): IssueFile {
  return {
    name: `${page.fileName}.md`,
    content: tidy(
      template('issueTest')({ ...page, persisting: persistingNote(result, page.rootCauseId, page.fingerprint) }),
    ),
  };
}

/** per-root-cause mode: one issue per root cause, plus one for the model failures outside them. */
export function rootCauseIssues(result: TriageResult, view: View): IssueFile[] {
  const files = result.rootCauses.map((rc, i) => ({
    name: `root-cause-${i + 1}.md`,
    content: tidy(template('issueRootCause')(rootCauseIssue(result, view, rc))),
  }));
  // Model failures inside a root cause are filed with it; the rest (no error to cluster on) share one issue.
  const modelFailures = view.rows.filter((r) => r.category === CATEGORY_LABEL['model-failure'] && r.rootCause === '');
  if (modelFailures.length > 0) {
    const ids = result.tests
      .filter((t) => t.category === 'model-failure' && t.rootCause === null)
      .map((t) => t.testId)
      .sort();
    files.push({
      name: 'model-failures.md',
      content: tidy(
        template('issueRootCause')({
          title: `[E2E] Model failures: ${modelFailures.length} test${modelFailures.length === 1 ? '' : 's'} scored too low`,
          fingerprint: shortHash(`model-failures\u0000${ids.join('\u0000')}`, 16),
          labels: `${view.baseLabel},model-failure`,
          summaryLine: mdText(
            `Model failures: ${modelFailures.length} test${modelFailures.length === 1 ? '' : 's'}`,
            200,
          ),
          id: 'model failures',
          category: CATEGORY_LABEL['model-failure'],
          count: modelFailures.length,
          threads: '—',
          causedBy: '',
          persisting: '',
          signature: 'No error: the agent ran, spent tokens and scored at or under the threshold.',
          exampleFence: '',
          rows: modelFailures,
          nextStep:
            "Review each test's rubric and the judges' reasoning: these failures are the real signal about the model.",
        }),
      ),
    });
  }
  return files;
}

export function rootCauseFingerprint(rc: RootCause): string {
  return shortHash(`root-cause\u0000${rc.category}\u0000${rc.signature.toLowerCase()}`, 16);
}

function rootCauseIssue(result: TriageResult, view: View, rc: RootCause) {
  const members = new Set(rc.tests);
  const rows = view.rows.filter((row) => members.has(row.testId));
  const fingerprint = rootCauseFingerprint(rc);
  return {
    title: oneLine(
      `[E2E] ${rc.id}: ${CATEGORY_LABEL[rc.category]} in ${rc.tests.length} test${rc.tests.length === 1 ? '' : 's'}: ${rc.signature}`,
      250,
    ),
    fingerprint,
    labels: [view.baseLabel, CATEGORY_LABELS[rc.category] ?? 'triage-unknown'].join(','),
    summaryLine: mdText(
      `${rc.id}: ${CATEGORY_LABEL[rc.category]}, ${rc.tests.length} test${rc.tests.length === 1 ? '' : 's'}`,
      200,
    ),
    id: rc.id,
    category: CATEGORY_LABEL[rc.category],
    count: rc.tests.length,
    threads: rc.threads.length > 0 ? rc.threads.join(', ') : '—',
    causedBy: rc.causedBy ?? '',
    persisting: persistingNote(result, rc.id, fingerprint),
    signature: code(rc.signature, 400),
    exampleFence: fence(rc.example, 5000),
    rows,
    nextStep:
      rc.category === 'infrastructure'
        ? 'Fix the environment and re-run these tests: the model was never really evaluated.'
        : 'Fix this harness bug, then re-run these tests fresh: their results say nothing about the model.',
  };
}

/** A root cause seen in the previous batch too: say so, and whether an issue filed then has this fingerprint. */
function persistingNote(
  result: TriageResult,
  rootCauseId: string | null,
  fingerprint: string,
  testId?: string,
): string {
  if (!rootCauseId || !result.comparison?.comparable) return '';
  const match = result.comparison.rootCauses.find((r) => r.id === rootCauseId && r.status === 'persisting');
  if (!match) return '';
  const where = `${mdText(result.comparison.baseline.source, 120)}, ${match.baselineId}`;
  const sameTest =
    testId === undefined ||
    result.comparison.tests.some((t) => t.testId === testId && t.before?.rootCause === match.baselineId);
  if (!sameTest) return `this root cause persists from the previous batch (${where}), where other tests had it.`;
  return `this failure persists from the previous batch (${where}); an issue filed then carries the same fingerprint \`${fingerprint}\`, so file_issues.sh skips it when it exists.`;
}
