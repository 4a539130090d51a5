// Mermaid charts GitHub renders: a pie of categories and a bar chart of cost. Labels pass mermaidLabel,
// numbers are ours, so nothing from the artifact can break out of the diagram.

import { CATEGORIES, type TriageResult } from '../model.js';
import { mermaidLabel } from './escape.js';
import { CATEGORY_LABEL } from './format.js';

const MAX_BARS = 30;

export function categoryPie(result: TriageResult): string {
  const slices = CATEGORIES.map(
    (c) => [CATEGORY_LABEL[c]!, result.tests.filter((t) => t.category === c).length] as const,
  ).filter(([, n]) => n > 0);
  const lines = ['```mermaid', 'pie showData', '    title Tests by category'];
  for (const [label, n] of slices) lines.push(`    "${label}" : ${n}`);
  if (slices.length === 0) lines.push('    "No tests" : 1');
  lines.push('```');
  return lines.join('\n');
}

/** Cost per tier when tiers are known, else the most expensive tests. */
export function costBars(result: TriageResult): string {
  let labels: string[];
  let values: number[];
  let title: string;
  if (result.tierMetrics.length > 0) {
    labels = result.tierMetrics.map((t) => mermaidLabel(t.tier, 12));
    values = result.tierMetrics.map((t) => t.totalCost);
    title = 'Cost per tier (USD)';
  } else {
    const top = result.tests
      .filter((t) => (t.cost ?? 0) > 0)
      .sort((a, b) => (b.cost ?? 0) - (a.cost ?? 0))
      .slice(0, MAX_BARS);
    if (top.length === 0) return '';
    labels = top.map((t) => mermaidLabel(t.testId, 24));
    values = top.map((t) => t.cost ?? 0);
    title =
      top.length < result.tests.length ? `Cost of the ${top.length} most expensive tests (USD)` : 'Cost per test (USD)';
  }
  if (values.every((v) => v === 0)) return '';
  const max = Math.max(...values);
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${title}"`,
    `    x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `    y-axis "USD" 0 --> ${Number((max * 1.1).toFixed(4))}`,
    `    bar [${values.map((v) => Number(v.toFixed(4))).join(', ')}]`,
    '```',
  ].join('\n');
}
