// The one view the templates see: every field is ready to print (escaped for its context, formatted).
// Pure: the same TriageResult always gives the same view.

import { CATEGORIES, type RootCause, type TestHistory, type TestResult, type TriageResult } from '../model.js';
import { code, mdCell, mdText, uniqueFileNames } from './escape.js';
import { CATEGORY_LABEL, NONE, countWithPct, duration, pct, score, usd, usdFine } from './format.js';
import { naturalCompare } from '../util/natural-order.js';
import { categoryPie, costBars } from './view-charts.js';
import { comparisonView, type ComparisonView } from './view-comparison.js';
import { STATE_ORDER, STRIP_LEGEND, statisticsLine } from './view-history.js';
import { HARNESS_LABEL, MASKED_MEANING, type ShownFacts } from './view-harness.js';
import { knownView, type KnownView } from './view-known.js';
import { maskedProof, oneLine, pageContext, testPage, testRow, type TestPage, type TestRow } from './view-tests.js';

/** Past this many tests README.md lists the failures only and links results.md for the full table. */
export const LARGE_BATCH = 300;

export interface Row {
  label: string;
  value: string;
}

export interface RootCauseRow {
  id: string;
  category: string;
  count: number;
  signature: string;
  causedBy: string;
  tests: string;
  example: string;
  threads: string;
}

export interface View {
  /** Which facts the batch has at all: its columns are shown, the others left out. */
  facts: ShownFacts;
  title: string;
  toolVersion: string;
  headline: string;
  /** Model pass rate with its interval, and the paired comparison with the previous batch. */
  statsLine: string;
  hasHistory: boolean;
  history: HistoryView;
  config: Row[];
  metrics: Row[];
  categories: { label: string; count: number; share: string }[];
  pie: string;
  bars: string;
  tiers: { tier: string; tests: number; passed: number; meanScore: string; cost: string }[];
  hasTiers: boolean;
  costs: Row[];
  durations: Row[];
  rows: TestRow[];
  failureRows: TestRow[];
  large: boolean;
  tableRows: TestRow[];
  rootCauses: RootCauseRow[];
  hasRootCauses: boolean;
  cascades: RootCauseRow[];
  hasCascades: boolean;
  masked: TestRow[];
  /** Masked passes with the attempt that passed. */
  maskedProofs: { link: string; idCell: string; nameCell: string; status: string; rootCause: string; proof: string }[];
  hasMasked: boolean;
  /** What a masked pass means for this harness. */
  maskedIntro: string;
  /** Credentials the harness printed, redacted everywhere: what to rotate (never the values). */
  redactedList: string;
  redactedTotal: number;
  hasRedactions: boolean;
  /** Results set aside by their owners (INVALID-<folder>/): listed so nobody wonders where a run went. */
  excluded: { path: string; testId: string; reason: string }[];
  hasExcluded: boolean;
  warnings: { where: string; message: string }[];
  hasWarnings: boolean;
  recommendations: string[];
  byCategory: { label: string; count: number; rows: TestRow[] }[];
  comparison: ComparisonView;
  /** The known issues this batch met, and what to do next (re-run, re-judge, close). */
  known: KnownView;
  epicTitle: string;
  baseLabel: string;
}

export interface HistoryView {
  batches: number;
  legend: string;
  /** How many of this batch's tests are in each state. */
  states: { state: string; count: number }[];
  /** The tests worth a look, by state: regressed, fixed, flaky (capped, with what was left out). */
  lists: { state: string; count: number; rows: TestRow[]; more: string }[];
}

const HISTORY_LISTED = 50;

/** The label every filed issue gets; the others name the category. */
export const DEFAULT_LABEL = 'e2e-triage';

/** Tests in id order (test-2 before test-10), each with its unique file name. */
function orderTests(result: TriageResult): { ordered: TestResult[]; names: Map<string, string> } {
  const names = uniqueFileNames(result.tests.map((t) => t.testId));
  return { ordered: [...result.tests].sort((x, y) => naturalCompare(x.testId, y.testId)), names };
}

const isFailure = (t: TestResult) => t.status !== 'pass' || t.category !== 'pass';

/**
 * The per-test pages, one at a time in id order: 10,000 of them at once would hold hundreds of megabytes
 * that the writer only needs one by one. `failing`: the test gets a failures/ page.
 */
export function* testPages(
  result: TriageResult,
  baseLabel = DEFAULT_LABEL,
): Generator<{ page: TestPage & { batchLine: string }; failing: boolean; known: boolean }> {
  const { ordered, names } = orderTests(result);
  const histories = historyByTest(result);
  const batchLine = statisticsLine(result);
  const context = pageContext(result, baseLabel);
  for (const t of ordered) {
    const page = testPage(t, names.get(t.testId)!, context, histories.get(t.testId));
    yield { page: { ...page, batchLine }, failing: isFailure(t), known: t.knownIssue !== null };
  }
}

function historyByTest(result: TriageResult): Map<string, TestHistory> {
  return new Map((result.history?.tests ?? []).map((h) => [h.testId, h]));
}

/**
 * The table rows of the tests whose ids are given, in id order and numbered as in buildView's: for the files
 * rendered after the per-test pages, which would otherwise keep every test's row alive through them.
 */
export function rowsOf(result: TriageResult, ids: ReadonlySet<string>): TestRow[] {
  if (ids.size === 0) return [];
  const { ordered, names } = orderTests(result);
  const histories = historyByTest(result);
  const rows: TestRow[] = [];
  ordered.forEach((t, i) => {
    if (ids.has(t.testId)) rows.push(testRow(t, i + 1, names.get(t.testId)!, histories.get(t.testId)));
  });
  return rows;
}

/** Everything but the per-test pages (see testPages). */
export function buildView(result: TriageResult, baseLabel = DEFAULT_LABEL): View {
  const s = result.summary;
  const b = result.batch;
  const { ordered, names } = orderTests(result);
  const histories = historyByTest(result);
  const rows = ordered.map((t, i) => testRow(t, i + 1, names.get(t.testId)!, histories.get(t.testId)));
  const context = pageContext(result, baseLabel);
  const failing = ordered.map(isFailure);
  // With a history the news comes first: regressed tests, then the rest; a flaky test failing comes last.
  const failureRows = byState(rows.filter((_, i) => failing[i]));
  const large = result.tests.length > LARGE_BATCH;
  const rootCauses = result.rootCauses.map(rootCauseRow);
  const date = (b.startedAt ?? '').slice(0, 10);
  // A harness that prices nothing (Inspect without a cost table) says so instead of showing $0.00.
  const priced = b.harness === 'scylla' || result.tests.some((t) => t.cost !== null);

  return {
    title: mdText(b.source, 200),
    toolVersion: result.tool.version.replace(/[^A-Za-z0-9._+-]/g, '').slice(0, 40),
    headline: headline(result),
    // Numbers and our own words only: nothing from the artifact to escape.
    statsLine: statisticsLine(result),
    hasHistory: result.history !== undefined,
    history: historyView(result, rows),
    config: configRows(result, date),
    facts: context.facts,
    metrics: [
      { label: 'Total tests', value: String(s.total) },
      { label: 'Passed', value: countWithPct(s.passed, s.total) },
      { label: 'Failed', value: countWithPct(s.failed, s.total) },
      { label: 'Errors', value: countWithPct(s.errors, s.total) },
      // So that the status rows add up to the total (the Unknown row below counts a category).
      ...(s.unknownStatus > 0 ? [{ label: 'No status', value: countWithPct(s.unknownStatus, s.total) }] : []),
      { label: 'Total cost', value: priced ? usd(s.totalCost) : `${NONE} (no prices in the results)` },
      ...(s.totalTokens !== undefined ? [{ label: 'Tokens', value: String(s.totalTokens) }] : []),
      { label: 'Cost of passes', value: priced ? usd(s.passCost) : NONE },
      { label: 'Mean CoP', value: usdFine(s.meanCop) },
      { label: 'Median CoP', value: usdFine(s.medianCop) },
      { label: 'Framework bugs', value: String(s.frameworkBugs) },
      { label: 'Model failures', value: String(s.modelFailures) },
      { label: 'Infrastructure', value: String(s.infrastructure) },
      { label: 'Unknown', value: String(s.unknown) },
      { label: 'Masked passes', value: String(s.maskedPasses) },
      { label: 'Corrected pass rate', value: countWithPct(s.correctedPassed, s.total) },
      {
        label: 'Model pass rate [95% CI]',
        value:
          s.modelPassRate === null
            ? NONE
            : `${pct(s.modelPassRate)} [${pct(s.modelPassRateCi95![0])}–${pct(s.modelPassRateCi95![1])}] of ${s.modelPassed + s.modelFailed} with a model verdict`,
      },
    ],
    categories: CATEGORIES.map((c) => {
      const count = result.tests.filter((t) => t.category === c).length;
      return { label: CATEGORY_LABEL[c]!, count, share: pct(s.total === 0 ? 0 : count / s.total) };
    }),
    pie: categoryPie(result),
    bars: costBars(result),
    tiers: result.tierMetrics.map((t) => ({
      tier: mdCell(t.tier, 20),
      tests: t.tests,
      passed: t.passed,
      meanScore: score(t.meanScore),
      cost: usd(t.totalCost),
    })),
    hasTiers: result.tierMetrics.length > 0,
    costs: [
      { label: 'Total cost (all tests)', value: usd(s.totalCost) },
      { label: 'Cost of passes', value: usd(s.passCost) },
      { label: 'Cost of failures', value: usd(s.totalCost - s.passCost) },
      {
        label: 'Cost of framework bugs and infrastructure',
        value: usd(sumCost(result, ['framework-bug', 'infrastructure'])),
      },
      { label: 'Mean CoP (passes)', value: usdFine(s.meanCop) },
      { label: 'Median CoP (passes)', value: usdFine(s.medianCop) },
    ],
    durations: [
      { label: 'Sum of test durations', value: duration(s.totalDurationSeconds) },
      { label: 'Mean per test', value: duration(s.meanDurationSeconds) },
      { label: 'Median per test', value: duration(s.medianDurationSeconds) },
    ],
    rows,
    failureRows,
    large,
    tableRows: large ? failureRows : rows,
    rootCauses,
    hasRootCauses: rootCauses.length > 0,
    cascades: rootCauses.filter((r) => r.causedBy !== ''),
    hasCascades: rootCauses.some((r) => r.causedBy !== ''),
    masked: rows.filter((_, i) => ordered[i]!.maskedPass),
    maskedProofs: rows.flatMap((row, i) =>
      ordered[i]!.maskedPass
        ? [{ ...row, rootCause: row.rootCause || NONE, proof: maskedProof(ordered[i]!) || NONE }]
        : [],
    ),
    hasMasked: s.maskedPasses > 0,
    maskedIntro: MASKED_MEANING[b.harness].intro,
    redactedList: result.redacted
      .map((r) => {
        const files = r.files.slice(0, 5).map((f) => code(f, 120));
        const more = r.files.length > files.length ? ` and ${r.files.length - files.length} more files` : '';
        return `${r.count} ${mdText(r.kind, 60)} (in ${files.join(', ')}${more})`;
      })
      .join('; '),
    redactedTotal: result.redacted.reduce((sum, r) => sum + r.count, 0),
    hasRedactions: result.redacted.length > 0,
    excluded: result.excluded.map((e) => ({
      path: code(e.path, 200),
      testId: e.testId ? mdCell(e.testId, 120) : NONE,
      reason: mdCell(e.reason, 300),
    })),
    hasExcluded: result.excluded.length > 0,
    warnings: result.warnings.map((w) => ({
      where: code(w.path ? `${w.file}: ${w.path}` : w.file, 200),
      message: mdText(w.message, 400),
    })),
    hasWarnings: result.warnings.length > 0,
    recommendations: recommendations(result),
    byCategory: CATEGORIES.filter((c) => c !== 'pass').map((c) => {
      const catRows = failureRows.filter((r) => r.category === CATEGORY_LABEL[c]);
      return { label: CATEGORY_LABEL[c]!, count: catRows.length, rows: catRows };
    }),
    comparison: comparisonView(result),
    known: knownView(result),
    epicTitle: epicTitle(result),
    baseLabel,
  };
}

function byState(rows: TestRow[]): TestRow[] {
  const rank = (r: TestRow) => (r.state === '' ? 0 : STATE_ORDER.indexOf(r.state as (typeof STATE_ORDER)[number]));
  return rows.every((r) => r.state === '') ? rows : [...rows].sort((a, b) => rank(a) - rank(b));
}

function historyView(result: TriageResult, rows: TestRow[]): HistoryView {
  const history = result.history;
  const count = (state: string) => rows.filter((r) => r.state === state).length;
  return {
    batches: history?.batches ?? 0,
    legend: STRIP_LEGEND,
    states: history ? STATE_ORDER.map((state) => ({ state, count: count(state) })) : [],
    lists: history
      ? (['regressed', 'fixed', 'flaky'] as const)
          .map((state) => {
            const all = rows.filter((r) => r.state === state);
            const more = all.length > HISTORY_LISTED ? `and ${all.length - HISTORY_LISTED} more` : '';
            return { state, count: all.length, rows: all.slice(0, HISTORY_LISTED), more };
          })
          .filter((l) => l.count > 0)
      : [],
  };
}

/** ProjectScylla's configuration as it always was; other harnesses show the rows they have. */
function configRows(result: TriageResult, date: string): Row[] {
  const b = result.batch;
  const s = result.summary;
  const common = {
    source: { label: 'Source', value: mdCell(b.source) },
    date: { label: 'Date', value: date ? mdCell(date) : NONE },
    model: { label: 'Model', value: mdCell(b.model) || NONE },
    started: { label: 'Started', value: mdCell(b.startedAt) || NONE },
    completed: { label: 'Completed', value: mdCell(b.completedAt) || NONE },
  };
  if (b.harness !== 'scylla') {
    return [
      common.source,
      { label: 'Harness', value: HARNESS_LABEL[b.harness] },
      common.date,
      common.model,
      ...(b.judgeModel ? [{ label: 'Judge', value: mdCell(b.judgeModel) }] : []),
      ...(b.tiers.length > 0 ? [{ label: 'Tiers', value: mdCell(b.tiers.join(', ')) }] : []),
      common.started,
      common.completed,
      { label: 'Format', value: b.format },
    ];
  }
  return [
    common.source,
    common.date,
    common.model,
    { label: 'Judge', value: mdCell(b.judgeModel) || NONE },
    { label: 'Tiers', value: mdCell(b.tiers.join(', ')) || NONE },
    { label: 'Runs per sub-test', value: b.runs === null ? NONE : String(b.runs) },
    { label: 'Max sub-tests', value: b.maxSubtests === null ? NONE : String(b.maxSubtests) },
    { label: 'Thinking', value: mdCell(b.thinking) || NONE },
    { label: 'Threads', value: b.threads === null ? NONE : String(b.threads) },
    { label: 'Sessions in the thread logs', value: String(s.sessions) },
    common.started,
    common.completed,
    { label: 'Summary format', value: b.format },
  ];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function headline(result: TriageResult): string {
  const s = result.summary;
  const corrected =
    s.maskedPasses > 0
      ? ` Counting ${plural(s.maskedPasses, 'masked pass', 'masked passes')} (an earlier attempt passed), the corrected pass rate is ${s.correctedPassed} of ${s.total} (${pct(s.correctedPassRate)}).`
      : '';
  return `${s.passed} of ${plural(s.total, 'test')} passed (${pct(s.passRate)}).${corrected} Total cost ${usd(s.totalCost)}.`;
}

export function epicTitle(result: TriageResult): string {
  const b = result.batch;
  const parts = [
    b.model,
    b.tiers.length > 0 ? b.tiers.join('-') : null,
    (b.startedAt ?? '').slice(0, 10) || null,
  ].filter(Boolean);
  const label = parts.length > 0 ? parts.join(' ') : b.source;
  return oneLine(`[E2E] Batch ${label}: ${result.summary.passed}/${result.summary.total} passed`, 250);
}

function rootCauseRow(rc: RootCause): RootCauseRow {
  const shown = rc.tests.slice(0, 20).map((t) => mdCell(t, 60));
  const more = rc.tests.length > shown.length ? ` and ${rc.tests.length - shown.length} more` : '';
  return {
    id: rc.id,
    category: CATEGORY_LABEL[rc.category] ?? rc.category,
    count: rc.tests.length,
    signature: code(rc.signature, 160),
    causedBy: rc.causedBy ?? '',
    tests: `${shown.join(', ')}${more}`,
    example: rc.example,
    threads: rc.threads.length > 0 ? rc.threads.join(', ') : NONE,
  };
}

function sumCost(result: TriageResult, categories: string[]): number {
  return result.tests.filter((t) => categories.includes(t.category)).reduce((sum, t) => sum + (t.cost ?? 0), 0);
}

function recommendations(result: TriageResult): string[] {
  const s = result.summary;
  const out: string[] = [];
  const primaries = result.rootCauses.filter((rc) => rc.category === 'framework-bug' && rc.causedBy === null);
  if (s.frameworkBugs > 0) {
    // The primary bug behind the most tests (the first such in the list on a tie).
    const top = primaries.reduce<RootCause | undefined>(
      (best, rc) => (!best || rc.tests.length > best.tests.length ? rc : best),
      undefined,
    );
    out.push(
      `Fix the framework bugs first: ${plural(s.frameworkBugs, 'test')} ${s.frameworkBugs === 1 ? 'says' : 'say'} nothing about the model.` +
        (top ? ` Start with ${top.id} (${plural(top.tests.length, 'test')}).` : '') +
        ' Then re-run those tests fresh.',
    );
  }
  const cascades = result.rootCauses.filter((rc) => rc.causedBy !== null);
  for (const rc of cascades) {
    out.push(
      `${rc.id} (${plural(rc.tests.length, 'test')}) is a cascade of ${rc.causedBy}: fixing ${rc.causedBy} should clear it; do not file it as a separate bug.`,
    );
  }
  if (s.infrastructure > 0)
    out.push(
      `Re-run the ${plural(s.infrastructure, 'infrastructure failure')} once the environment is fixed (missing tools, rate limits, failed judges).`,
    );
  if (s.maskedPasses > 0)
    out.push(
      MASKED_MEANING[result.batch.harness].advice(
        plural(s.maskedPasses, 'test'),
        s.maskedPasses === 1 ? 'it' : 'them',
        pct(s.correctedPassRate),
      ),
    );
  if (s.modelFailures > 0)
    out.push(
      `Review the ${plural(s.modelFailures, 'model failure')} against ${s.modelFailures === 1 ? 'its rubric' : 'their rubrics'}: ${s.modelFailures === 1 ? 'this is' : 'these are'} the real signal about the model.`,
    );
  if (s.unknown > 0)
    out.push(
      `${plural(s.unknown, 'test')} could not be categorised from the data: check ${s.unknown === 1 ? 'its log and result folder' : 'their logs and result folders'}.`,
    );
  const skipped = result.warnings.filter((w) => w.kind !== 'config').length;
  const config = result.warnings.length - skipped;
  if (skipped > 0)
    out.push(
      `${skipped} input problem${skipped === 1 ? ' was' : 's were'} skipped (see Warnings): the rest of the batch was analysed.`,
    );
  if (config > 0)
    out.push(
      `${plural(config, 'known-issue rule')} of the config expired and still ${config === 1 ? 'matches' : 'match'} (see Warnings): close the issue and remove the rule, or move its date.`,
    );
  if (out.length === 0) out.push('Every test passed: nothing to triage.');
  return out;
}
