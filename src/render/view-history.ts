// How sure a batch's numbers are, and each test's past at a glance: the headline line with the model pass rate's
// interval and the paired comparison, and strips of one square per batch of the window.

import type { ComparisonStatistics, HistoryState, Outcome, Summary, TriageResult } from '../model.js';

const SQUARE: Record<Outcome, string> = { P: '🟩', F: '🟥', X: '⬛', '.': '·' };

export const STRIP_LEGEND =
  '🟩 passed (or masked pass) · 🟥 model failure · ⬛ no model signal (framework bug, infrastructure, unknown) · · not in that batch; oldest first';

/** One square per batch of the window, oldest first. */
export function strip(outcomes: string): string {
  return [...outcomes].map((c) => SQUARE[c as Outcome] ?? '·').join('');
}

export const STATE_LABEL: Record<HistoryState, string> = {
  new: 'new',
  flaky: 'flaky',
  regressed: 'regressed',
  fixed: 'fixed',
  failing: 'failing',
  passing: 'passing',
};

/** News first: a regression is news, a flaky test failing is noise. */
export const STATE_ORDER: readonly HistoryState[] = ['regressed', 'fixed', 'failing', 'new', 'passing', 'flaky'];

/** `model pass rate 64% [51–75%] · vs previous: -3.3 points [-12.5, +5.9], 5 new failures / 3 fixed, McNemar …` */
export function statisticsLine(result: TriageResult): string {
  const parts = [modelPassRate(result.summary)];
  const c = result.comparison;
  if (c?.comparable && c.statistics) parts.push(`vs previous: ${versusPrevious(c.statistics)}`);
  return parts.join(' · ');
}

function modelPassRate(s: Summary): string {
  if (s.modelPassRate === null) return 'model pass rate: no test gave a model verdict';
  const ci = s.modelPassRateCi95 ? ` [${percent(s.modelPassRateCi95[0])}–${percent(s.modelPassRateCi95[1])}%]` : '';
  return `model pass rate ${percent(s.modelPassRate)}%${ci}`;
}

function versusPrevious(st: ComparisonStatistics): string {
  if (st.pairedTests === 0 || st.delta === null) return 'no test has a model verdict in both batches';
  const ci = st.ci95 ? ` [${points(st.ci95[0], true)}, ${points(st.ci95[1], true)}]` : '';
  const change = `${points(st.delta, true)} points${ci}, ${st.passToFail} new failure${st.passToFail === 1 ? '' : 's'} / ${st.failToPass} fixed`;
  const p = st.mcnemarP < 0.01 ? 'McNemar p < 0.01' : `McNemar p = ${pValue(st.mcnemarP)}`;
  const verdict =
    st.verdict === 'regression'
      ? 'a regression'
      : st.verdict === 'improvement'
        ? 'an improvement'
        : st.mde === null
          ? 'no detectable change (no test changed its verdict)'
          : st.mde === 0
            ? 'no detectable change (every paired test changed the same way: too few to say what it could detect)'
            : `no detectable change (could detect about ${Math.round(st.mde * 100)} points)`;
  return `${change}, ${p} → ${verdict}`;
}

/** Two decimals, three under 0.1, four when three would round a p under 0.05 up to 0.050 beside "a regression". */
function pValue(p: number): string {
  const text = p.toFixed(p < 0.1 ? 3 : 2);
  return p < 0.05 && Number(text) >= 0.05 ? p.toFixed(4) : text;
}

const percent = (rate: number) => String(Math.round(rate * 100));

/** Percentage points with one decimal, `+` on positive values when `signed`. */
export function points(fraction: number, signed: boolean): string {
  const value = Math.round(fraction * 1000) / 10;
  const text = (Object.is(value, -0) ? 0 : value).toFixed(1);
  return signed && value > 0 ? `+${text}` : text;
}
