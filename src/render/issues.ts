// Issue bodies: one per test (the default, as the team files them) or one per root cause.

import type { Category, Comparison, RootCause, TestResult, TriageResult } from '../model.js';
import { code, fence, mdText, shortHash } from './escape.js';
import { CATEGORY_LABEL } from './format.js';
import { template } from './templates.js';
import { tidy } from './tidy.js';
import { rowsOf } from './view-model.js';
import { CATEGORY_LABELS, oneLine, type TestPage, type TestRow } from './view-tests.js';

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
      template('issueTest')({
        ...page,
        persisting: persistingNote(result, page.rootCauseId, page.fingerprint, page.testId),
      }),
    ),
  };
}

/**
 * per-root-cause mode: one issue per root cause, plus one per category for the failing tests outside every
 * root cause (no error to cluster on), so no failing test goes unfiled.
 */
export function rootCauseIssues(result: TriageResult, baseLabel: string): IssueFile[] {
  // A failure a known-issue rule matched is that issue's: it is filed under no root cause.
  const known = new Set(result.tests.filter((t) => t.knownIssue !== null).map((t) => t.testId));
  const unclustered = (t: TestResult) =>
    t.rootCause === null && t.knownIssue === null && UNCLUSTERED.some((g) => g.category === t.category);
  const opens = result.rootCauses.map((rc) => ({ ...rc, tests: rc.tests.filter((id) => !known.has(id)) }));
  const filed = new Set(opens.flatMap((rc) => rc.tests));
  for (const t of result.tests) if (unclustered(t)) filed.add(t.testId);
  const failing = rowsOf(result, filed);
  const files = opens.flatMap((open, i) => {
    if (open.tests.length === 0) return [];
    return [
      {
        name: `root-cause-${i + 1}.md`,
        content: tidy(template('issueRootCause')(rootCauseIssue(result, baseLabel, failing, open))),
      },
    ];
  });
  for (const group of UNCLUSTERED) {
    const ids = new Set(
      result.tests
        .filter((t) => t.category === group.category && t.rootCause === null && t.knownIssue === null)
        .map((t) => t.testId),
    );
    if (ids.size === 0) continue;
    const rows = failing.filter((r) => ids.has(r.testId));
    const n = `${rows.length} test${rows.length === 1 ? '' : 's'}`;
    files.push({
      name: group.file,
      content: tidy(
        template('issueRootCause')({
          title: `[E2E] ${group.title}: ${n}${group.titleEnd}`,
          fingerprint: shortHash(`${group.file.replace(/\.md$/, '')}\u0000${[...ids].sort().join('\u0000')}`, 16),
          labels: `${baseLabel},${CATEGORY_LABELS[group.category] ?? 'triage-unknown'}`,
          summaryLine: mdText(`${group.title}: ${n}`, 200),
          id: group.id,
          category: CATEGORY_LABEL[group.category],
          count: rows.length,
          threads: '—',
          causedBy: '',
          persisting: '',
          signature: group.signature,
          exampleFence: '',
          rows,
          nextStep: group.nextStep,
        }),
      ),
    });
  }
  return files;
}

/** The failing tests no root cause holds, one issue per category; file names are reserved in escape.ts. */
const UNCLUSTERED: {
  category: Category;
  file: string;
  id: string;
  title: string;
  titleEnd: string;
  signature: string;
  nextStep: string;
}[] = [
  {
    category: 'model-failure',
    file: 'model-failures.md',
    id: 'model failures',
    title: 'Model failures',
    titleEnd: ' scored too low',
    signature: 'No error: the agent ran, spent tokens and scored at or under the threshold.',
    nextStep:
      "Review each test's rubric and the judges' reasoning: these failures are the real signal about the model.",
  },
  {
    category: 'framework-bug',
    file: 'framework-bugs-without-error.md',
    id: 'none (no error text)',
    title: 'Framework bugs without an error message',
    titleEnd: '',
    signature: 'No error text was recorded: the harness failed these tests without spending tokens.',
    nextStep: "Read each test's thread log around its start for the crash, fix it, then re-run these tests.",
  },
  {
    category: 'infrastructure',
    file: 'infrastructure-without-error.md',
    id: 'none (no error text)',
    title: 'Infrastructure failures without an error message',
    titleEnd: '',
    signature: 'No error text was recorded for these infrastructure failures.',
    nextStep: "Check each test's thread log and folder for the missing tool or limit, then re-run these tests.",
  },
  {
    category: 'unknown',
    file: 'unknown-outcome.md',
    id: 'none (no verdict)',
    title: 'Tests with no usable verdict',
    titleEnd: '',
    signature: 'Neither the batch summary, a result folder nor a log block gave these tests a verdict to trust.',
    nextStep: "Re-run these tests; if they stay unknown, look at each test's folder and thread log by hand.",
  },
];

export function rootCauseFingerprint(rc: RootCause): string {
  return shortHash(`root-cause\u0000${rc.category}\u0000${rc.signature.toLowerCase()}`, 16);
}

/** `candidates`: rows that include every member's. */
function rootCauseIssue(result: TriageResult, baseLabel: string, candidates: TestRow[], rc: RootCause) {
  const members = new Set(rc.tests);
  const rows = candidates.filter((row) => members.has(row.testId));
  const fingerprint = rootCauseFingerprint(rc);
  return {
    title: oneLine(
      `[E2E] ${rc.id}: ${CATEGORY_LABEL[rc.category]} in ${rc.tests.length} test${rc.tests.length === 1 ? '' : 's'}: ${rc.signature}`,
      250,
    ),
    fingerprint,
    labels: [baseLabel, CATEGORY_LABELS[rc.category] ?? 'triage-unknown'].join(','),
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
    nextStep: rootCauseStep(rc),
  };
}

/** What to do about a root cause, as its tests' own pages say it. */
function rootCauseStep(rc: RootCause): string {
  if (rc.causedBy)
    return `Fix ${rc.causedBy} first and re-run these tests: this failure is expected to clear with it, so it is not a bug of its own.`;
  if (rc.category === 'infrastructure')
    return 'Fix the environment and re-run these tests: the model was never really evaluated.';
  if (rc.category === 'unknown')
    return "Not enough data to tell what went wrong: check one test's thread log and result folder, or re-run these tests.";
  return 'Fix this harness bug, then re-run these tests fresh: their results say nothing about the model.';
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
  const sameTest = testId === undefined || rootCausesBefore(result.comparison).get(testId) === match.baselineId;
  if (!sameTest) return `this root cause persists from the previous batch (${where}), where other tests had it.`;
  return `this failure persists from the previous batch (${where}); an issue filed then carries the same fingerprint \`${fingerprint}\`, so file_issues.sh skips it when it exists.`;
}

const before = new WeakMap<Comparison, Map<string, string | null>>();

/** Each test's root cause in the previous batch, looked up once per comparison: a batch files thousands of issues. */
function rootCausesBefore(comparison: Comparison): Map<string, string | null> {
  let map = before.get(comparison);
  if (!map) {
    map = new Map(comparison.tests.map((t) => [t.testId, t.before?.rootCause ?? null]));
    before.set(comparison, map);
  }
  return map;
}

const KNOWN_ROWS = 100;

/**
 * One comment per known issue with a tracking issue that this batch met: `issues/known/<rule id>.md`, which
 * file_issues.sh posts on that issue (once: its fingerprint names the rule and the batch).
 */
export function knownIssueComments(result: TriageResult): IssueFile[] {
  const b = result.batch;
  const batch = `${b.source}${b.startedAt ? ` (${b.startedAt.slice(0, 10)})` : ''}`;
  const tracked = result.knownIssues.filter((hit) => hit.issue && hit.tests.length > 0);
  const known = rowsOf(result, new Set(tracked.flatMap((hit) => hit.tests)));
  return tracked.flatMap((hit) => {
    const ref = /^(?:([^#\s]+\/[^#\s]+))?#(\d+)$/.exec(hit.issue!);
    if (!ref) return [];
    const members = new Set(hit.tests);
    const rows = known.filter((r) => members.has(r.testId));
    const n = hit.tests.length;
    return [
      {
        name: `known/${hit.id}.md`,
        content: tidy(
          template('knownIssueComment')({
            title: oneLine(`Known issue ${hit.id} seen again: ${n} test${n === 1 ? '' : 's'} in ${batch}`, 250),
            number: ref[2],
            repo: ref[1] ?? '',
            fingerprint: shortHash(
              `known\u0000${hit.id}\u0000${b.source}\u0000${b.startedAt ?? ''}\u0000${hit.tests.join('\u0000')}`,
              16,
            ),
            summary: mdText(`known issue ${hit.id} seen again: ${n} test${n === 1 ? '' : 's'}`, 200),
            batch: `${mdText(b.source, 160)}${b.startedAt ? ` (${mdText(b.startedAt.slice(0, 10), 10)})` : ''}`,
            count: n,
            one: n === 1,
            id: mdText(hit.id, 64),
            mode: hit.mode,
            rows: rows.slice(0, KNOWN_ROWS),
            more: rows.length > KNOWN_ROWS ? `And ${rows.length - KNOWN_ROWS} more: see the analysis.` : '',
          }),
        ),
      },
    ];
  });
}
