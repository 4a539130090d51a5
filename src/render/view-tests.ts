// Per-test views: table rows, failure pages and issue bodies. Every artifact string is escaped here, once,
// for the context its field is used in (the field name says which).

import type { Attempt, RootCause, TestHistory, TestResult, TriageResult } from '../model.js';
import { nextStep, placeOf, shownFacts, type ShownFacts } from './view-harness.js';
import { strip } from './view-history.js';
import { knownCell, knownSentence } from './view-known.js';
import { code, defang, fence, mdCell, mdText, shortHash, stripControls } from './escape.js';
import { CATEGORY_LABEL, NONE, duration, score, usdFine } from './format.js';

export const ERROR_IN_FILE = 20_000;
export const ERROR_IN_TABLE = 200;

export interface TestRow {
  /** Raw id, for lookups only: never printed. */
  testId: string;
  index: number;
  idCell: string;
  link: string;
  nameCell: string;
  thread: string;
  status: string;
  category: string;
  masked: string;
  score: string;
  cost: string;
  cop: string;
  duration: string;
  rootCause: string;
  errorCell: string;
  /** Only tests that did not pass get a failures/ page to link to. */
  hasPage: boolean;
  /** With a history: the test's state and one square per batch of the window ('' without). */
  state: string;
  strip: string;
  passesFails: string;
  /** The known-issue rule it matched ('' when none). */
  known: string;
}

export interface AttemptRow {
  source: string;
  where: string;
  session: string;
  started: string;
  status: string;
  exit: string;
  cost: string;
  tokens: string;
  bestTier: string;
  error: string;
}

export interface EvidenceRow {
  where: string;
  quote: string;
}

export interface TestPage {
  /** Raw ids, for lookups only: never printed. */
  testId: string;
  rootCauseId: string | null;
  fileName: string;
  idText: string;
  idCode: string;
  nameText: string;
  title: string;
  statusUpper: string;
  category: string;
  categoryKey: string;
  reason: string;
  thread: string;
  exitCode: string;
  score: string;
  cost: string;
  cop: string;
  duration: string;
  resultDir: string;
  masked: boolean;
  maskedProof: string;
  rootCause: string;
  causedBy: string;
  errorFence: string;
  hasError: boolean;
  evidence: EvidenceRow[];
  attempts: AttemptRow[];
  /** Which facts this batch has at all (a column of dashes says nothing). */
  facts: ShownFacts;
  tokens: string;
  nextStep: string;
  fingerprint: string;
  labels: string;
  summaryLine: string;
  hasHistory: boolean;
  historyLine: string;
  /** The known issue it matched: rule, tracking issue, fix ('' when none). */
  knownIssue: string;
}

export const CATEGORY_LABELS: Record<string, string> = {
  pass: 'e2e-pass',
  'framework-bug': 'framework-bug',
  infrastructure: 'infrastructure',
  'model-failure': 'model-failure',
  unknown: 'triage-unknown',
};

/** Issue title as GitHub shows it: plain text, one line, real id and name kept. */
export function issueTitle(test: TestResult): string {
  const name = test.name ? `: ${test.name}` : '';
  return oneLine(`[E2E] ${test.testId}${name} - ${test.status.toUpperCase()}`, 250);
}

/** A plain one-line title: no controls or marker fragments, and no @mention or #123 that would ping or link. */
export function oneLine(text: string, max: number): string {
  const flat = stripControls(text)
    .replace(/<!--|-->/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return defang(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

/** Stable across batches: the same test failing for the same reason keeps its fingerprint. */
export function testFingerprint(test: TestResult, rootCause: RootCause | undefined): string {
  const reason = rootCause ? rootCause.signature.toLowerCase() : test.category;
  return shortHash(`test\u0000${test.testId}\u0000${reason}`, 16);
}

export function testRow(test: TestResult, index: number, fileName: string, history?: TestHistory): TestRow {
  return {
    testId: test.testId,
    index,
    idCell: mdCell(test.testId, 120),
    link: `failures/${encodeURIComponent(fileName)}.md`,
    nameCell: test.name ? mdCell(test.name, 120) : NONE,
    thread: test.thread === null ? NONE : String(test.thread),
    status: test.status.toUpperCase(),
    category: CATEGORY_LABEL[test.category] ?? test.category,
    masked: test.maskedPass ? 'yes' : '',
    score: score(test.score),
    cost: usdFine(test.cost),
    cop: usdFine(test.cop),
    duration: duration(test.durationSeconds),
    rootCause: test.rootCause ?? '',
    errorCell: mdCell(test.error ?? '', ERROR_IN_TABLE),
    hasPage: test.status !== 'pass' || test.category !== 'pass',
    state: history?.state ?? '',
    strip: history ? strip(history.outcomes) : '',
    passesFails: history ? `${history.passes} / ${history.fails}` : '',
    known: knownCell(test.knownIssue),
  };
}

/** What every page of one batch shares: computed once, not per page. */
export interface PageContext {
  result: TriageResult;
  baseLabel: string;
  facts: ShownFacts;
  /** The root causes by id: a batch can have hundreds, and every failing test names one. */
  rootCauses: ReadonlyMap<string, RootCause>;
}

export function pageContext(result: TriageResult, baseLabel: string): PageContext {
  return {
    result,
    baseLabel,
    facts: shownFacts(result.batch.harness, result.tests),
    rootCauses: new Map(result.rootCauses.map((rc) => [rc.id, rc])),
  };
}

/** The earlier attempt that proves a masked pass, in words; '' for any other test. */
export function maskedProof(test: TestResult): string {
  const proof = test.maskedPass
    ? test.attempts.find((a) => a.passed && ((a.cost ?? 0) > 0 || (a.tokens ?? 0) > 0))
    : undefined;
  return proof ? attemptSentence(proof) : '';
}

export function testPage(test: TestResult, fileName: string, context: PageContext, history?: TestHistory): TestPage {
  const { result, baseLabel, facts } = context;
  const rc = test.rootCause === null ? undefined : context.rootCauses.get(test.rootCause);
  const labels = [
    baseLabel,
    CATEGORY_LABELS[test.category] ?? 'triage-unknown',
    ...(test.maskedPass ? ['masked-pass'] : []),
  ];
  return {
    testId: test.testId,
    rootCauseId: test.rootCause,
    fileName,
    idText: mdText(test.testId, 200),
    idCode: code(test.testId),
    nameText: test.name ? mdText(test.name, 300) : '',
    title: issueTitle(test),
    statusUpper: test.status.toUpperCase(),
    category: CATEGORY_LABEL[test.category] ?? test.category,
    categoryKey: test.category,
    reason: mdText(test.reason, 400),
    thread: test.thread === null ? NONE : String(test.thread),
    exitCode: test.exitCode === null ? NONE : String(test.exitCode),
    score: score(test.score),
    cost: usdFine(test.cost),
    cop: usdFine(test.cop),
    duration: duration(test.durationSeconds),
    resultDir: test.resultDir ? code(test.resultDir, 300) : NONE,
    masked: test.maskedPass,
    maskedProof: maskedProof(test),
    rootCause: rc
      ? `${rc.id} (${CATEGORY_LABEL[rc.category]}, ${rc.tests.length} test${rc.tests.length === 1 ? '' : 's'}): ${code(rc.signature, 300)}`
      : NONE,
    causedBy: test.causedBy
      ? `cascade of ${test.causedBy}: fix that one first, this failure is expected to clear with it`
      : '',
    errorFence: test.error ? fence(test.error, ERROR_IN_FILE) : '',
    hasError: Boolean(test.error),
    evidence: test.evidence.map((e) => ({ where: code(placeOf(e), 300), quote: code(e.text, 400) })),
    attempts: test.attempts.map(attemptRow),
    facts,
    tokens: test.tokens === null || test.tokens === undefined ? NONE : String(test.tokens),
    nextStep: nextStep(test, result.batch.harness),
    fingerprint: testFingerprint(test, rc),
    labels: labels.join(','),
    summaryLine: mdText(
      `${test.testId}${test.name ? `: ${test.name}` : ''} (${test.status.toUpperCase()}, ${CATEGORY_LABEL[test.category]})`,
      300,
    ),
    hasHistory: history !== undefined,
    historyLine: history ? historySentence(history) : '',
    knownIssue: knownSentence(result, test.knownIssue),
  };
}

/** `regressed: 🟩🟩🟩🟥 (3 passes, 1 failure, 1 flip in the last 4 batches, oldest first)` */
function historySentence(h: TestHistory): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `**${h.state}**: ${strip(h.outcomes)} (${n(h.passes, 'pass', 'passes')}, ${n(h.fails, 'failure', 'failures')}, ${n(h.flips, 'flip', 'flips')} in the last ${n(h.outcomes.length, 'batch', 'batches')}, oldest first)`;
}

function attemptRow(a: Attempt): AttemptRow {
  return {
    source: a.source,
    where: code(placeOf(a), 200),
    session: a.session === null ? NONE : String(a.session),
    started: a.startedAt ? mdCell(a.startedAt, 40) : NONE,
    status: a.passed ? `${a.status.toUpperCase()} (passed)` : a.status.toUpperCase(),
    exit: a.exitCode === null ? NONE : String(a.exitCode),
    cost: usdFine(a.cost),
    tokens: a.tokens === null || a.tokens === undefined ? NONE : String(a.tokens),
    bestTier: a.bestTier ? mdCell(a.bestTier, 20) : NONE,
    error: mdCell(a.error ?? '', 120),
  };
}

function attemptSentence(a: Attempt): string {
  const where = placeOf(a);
  const session = a.session === null ? '' : ` (session ${a.session})`;
  return `${code(where, 200)}${session}: best tier ${a.bestTier ? mdText(a.bestTier, 20) : NONE}, score ${score(a.score)}, cost ${usdFine(a.cost)}`;
}
