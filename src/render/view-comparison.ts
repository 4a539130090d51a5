// "Since last batch": the comparison with the previous analysis, ready to print.

import { TRANSITIONS, type ComparisonStatistics, type TestComparison, type TriageResult } from '../model.js';
import { code, mdCell, mdText } from './escape.js';
import { CATEGORY_LABEL, NONE, signedPct, signedUsd } from './format.js';
import { STATE_ORDER, points, strip } from './view-history.js';

const LIST_LIMIT = 50;

export interface ComparisonView {
  /** 'none': no comparison asked; 'missing': asked, no previous analysis; 'other': not comparable; 'ok'. */
  state: 'none' | 'missing' | 'other' | 'ok';
  isMissing: boolean;
  isOther: boolean;
  isOk: boolean;
  shown: boolean;
  baseline: string;
  reason: string;
  counts: { label: string; count: number }[];
  deltas: { label: string; value: string }[];
  /** The paired test on the model verdicts: how sure the change is. */
  statistics: { label: string; value: string }[];
  lists: { label: string; items: string; more: string }[];
  rootCauses: { status: string; id: string; baselineId: string; category: string; signature: string; tests: string }[];
  hasRootCauses: boolean;
}

const LABEL: Record<string, string> = {
  'new-failure': 'New failures',
  fixed: 'Fixed',
  'still-failing': 'Still failing',
  'still-passing': 'Still passing',
  'new-test': 'New tests',
  removed: 'Removed tests',
  quarantined: 'New failures in quarantine (not counted)',
};

export function comparisonView(result: TriageResult): ComparisonView {
  const c = result.comparison;
  const state = c === undefined ? 'none' : c === null ? 'missing' : c.comparable ? 'ok' : 'other';
  const base: ComparisonView = {
    state,
    isMissing: state === 'missing',
    isOther: state === 'other',
    isOk: state === 'ok',
    shown: state !== 'none',
    baseline: c
      ? mdText(`${c.baseline.source}${c.baseline.startedAt ? ` (${c.baseline.startedAt.slice(0, 10)})` : ''}`, 200)
      : '',
    reason: c?.reason ? mdText(c.reason, 200) : '',
    counts: [],
    deltas: [],
    statistics: [],
    lists: [],
    rootCauses: [],
    hasRootCauses: false,
  };
  if (!c || !c.comparable) return base;
  base.counts = TRANSITIONS.map((t) => ({ label: LABEL[t]!, count: c.counts[t] }));
  // A quarantined test failing is reported apart: counted and listed on its own line, never as news.
  if (c.quarantinedFailures > 0) {
    base.counts.splice(1, 0, { label: 'New failures in quarantine (not counted)', count: c.quarantinedFailures });
  }
  base.deltas = [
    { label: 'Pass rate', value: signedPct(c.passRateDelta) },
    { label: 'Corrected pass rate', value: signedPct(c.correctedPassRateDelta) },
    { label: 'Total cost', value: signedUsd(c.totalCostDelta) },
    { label: 'Cost of passes', value: signedUsd(c.passCostDelta) },
  ];
  base.statistics = c.statistics ? statisticsRows(c.statistics) : [];
  base.lists = (['new-failure', 'quarantined', 'fixed', 'new-test', 'removed'] as const)
    .map((t) => {
      const listed =
        t === 'quarantined'
          ? c.tests.filter((x) => x.quarantined)
          : c.tests.filter((x) => x.transition === t && !x.quarantined);
      // News first: a regression is news, a failure of a flaky test is noise; each with its past.
      const ids = byState(listed).map(
        (x) => `${mdCell(x.testId, 80)}${x.state ? ` (${x.state} ${strip(x.outcomes ?? '')})` : ''}`,
      );
      return {
        label: LABEL[t]!,
        items: ids.slice(0, LIST_LIMIT).join(', '),
        more: ids.length > LIST_LIMIT ? ` and ${ids.length - LIST_LIMIT} more` : '',
      };
    })
    .filter((l) => l.items !== '');
  base.rootCauses = c.rootCauses.map((rc) => ({
    status: rc.status,
    id: rc.id ?? '—',
    baselineId: rc.baselineId ?? '—',
    category: CATEGORY_LABEL[rc.category] ?? rc.category,
    signature: code(rc.signature, 160),
    tests:
      rc.status === 'gone'
        ? `0 (was ${rc.baselineTests})`
        : `${rc.tests}${rc.status === 'persisting' ? ` (was ${rc.baselineTests})` : ''}`,
  }));
  base.hasRootCauses = base.rootCauses.length > 0;
  return base;
}

function byState(tests: TestComparison[]): TestComparison[] {
  const rank = (t: TestComparison) => (t.state ? STATE_ORDER.indexOf(t.state) : 0);
  return tests.some((t) => t.state) ? [...tests].sort((a, b) => rank(a) - rank(b)) : tests;
}

const signed = (fraction: number | null) => (fraction === null ? NONE : points(fraction, true));
const rate = (fraction: number | null) => (fraction === null ? NONE : `${(fraction * 100).toFixed(1)}%`);

function statisticsRows(s: ComparisonStatistics): { label: string; value: string }[] {
  return [
    { label: 'Tests with a model verdict in both batches', value: String(s.pairedTests) },
    { label: 'Passed before, failed now', value: String(s.passToFail) },
    { label: 'Failed before, passed now', value: String(s.failToPass) },
    {
      label: 'Model pass rate before → now (paired tests)',
      value: `${rate(s.passRateBefore)} → ${rate(s.passRateAfter)}`,
    },
    {
      label: 'Change [95% CI]',
      value: s.ci95
        ? `${signed(s.delta)} points [${signed(s.ci95[0])}, ${signed(s.ci95[1])}]`
        : `${signed(s.delta)} points`,
    },
    { label: 'McNemar exact p (mid-p)', value: `${s.mcnemarP.toFixed(4)} (${s.mcnemarMidP.toFixed(4)})` },
    {
      label: 'Smallest change this pairing can detect (80% power)',
      value: s.mde === null ? NONE : `${points(s.mde, false)} points`,
    },
    {
      label: 'Verdict',
      value:
        s.verdict === 'no-detectable-change'
          ? 'no detectable change (p ≥ 0.05): a difference this size is within noise'
          : `${s.verdict} (p < 0.05)`,
    },
  ];
}
