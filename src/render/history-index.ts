// The index README beside the analyses: per configuration a trend of the model pass rate with its interval,
// the tests whose state deserves a look (regressed, fixed, flaky) with their strips, and the root causes that
// persist across batches. Printed from the overview triage/ judged from history.json. Pure.

import type { ConfigurationOverview, HistoryOverview } from '../triage/history/overview.js';
import { code, mdCell, mdText, mermaidLabel } from './escape.js';
import { CATEGORY_LABEL, NONE, pct, usd } from './format.js';
import { template } from './templates.js';
import { tidy } from './tidy.js';
import { STRIP_LEGEND, strip } from './view-history.js';

const LISTED = 50;

export function renderHistoryIndex(overview: HistoryOverview): string {
  const configurations = overview.configurations.map(configurationView);
  return tidy(
    template('historyIndex')({ legend: STRIP_LEGEND, configurations, hasConfigurations: configurations.length > 0 }),
  );
}

function configurationView(c: ConfigurationOverview) {
  const batches = c.batches;
  const link = (run: string) => `[${mdText(run, 120)}](${encodeURIComponent(run)}/README.md)`;
  const trend = [...batches].reverse().map((b) => ({
    date: b.startedAt ? mdCell(b.startedAt.slice(0, 10), 20) : NONE,
    run: link(b.run),
    tests: b.tests,
    modelPassRate:
      b.modelPassRate === null
        ? NONE
        : `${pct(b.modelPassRate)}${b.modelPassRateCi95 ? ` [${pct(b.modelPassRateCi95[0])}–${pct(b.modelPassRateCi95[1])}]` : ''}`,
    correctedPassRate: pct(b.correctedPassRate),
    frameworkBugs: b.frameworkBugs,
    cost: usd(b.totalCost),
  }));

  const lists = (['regressed', 'fixed', 'flaky'] as const)
    .map((state) => {
      const all = c.tests.filter((t) => t.state === state);
      return {
        state,
        count: all.length,
        rows: all.slice(0, LISTED).map((t) => ({
          idCell: mdCell(t.testId, 120),
          strip: strip(t.outcomes),
          counts: `${t.passes} / ${t.fails}`,
          flips: t.flips,
        })),
        more: all.length > LISTED ? `and ${all.length - LISTED} more` : '',
      };
    })
    .filter((l) => l.count > 0);

  const charted = batches.filter((b) => b.modelPassRate !== null);
  const chart =
    charted.length < 2
      ? ''
      : [
          '```mermaid',
          'xychart-beta',
          '    title "Model pass rate (%)"',
          `    x-axis [${charted.map((b, i) => `"${mermaidLabel(b.startedAt?.slice(5, 10) ?? `#${i + 1}`, 12)}"`).join(', ')}]`,
          '    y-axis "%" 0 --> 100',
          `    line [${charted.map((b) => (b.modelPassRate! * 100).toFixed(1)).join(', ')}]`,
          '```',
        ].join('\n');

  const persisting = c.persisting.slice(0, LISTED).map((p) => ({
    signature: code(p.signature, 160),
    category: CATEGORY_LABEL[p.category] ?? p.category,
    batches: `${p.batches} of ${batches.length}`,
    firstSeen: link(p.firstSeen),
    lastSeen: link(p.lastSeen),
  }));

  return {
    key: code(c.key, 120),
    model: mdText(c.model ?? 'unknown model', 120),
    tiers: mdText(c.tiers.length > 0 ? c.tiers.join(', ') : 'all tiers', 200),
    batches: batches.length,
    trend,
    chart,
    lists,
    hasLists: lists.length > 0,
    persisting,
    hasPersisting: persisting.length > 0,
  };
}
