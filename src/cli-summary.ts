// What the CLI prints after an analysis: the numbers that matter, terminal-safe.

import type { TriageResult } from './model.js';
import { statisticsLine } from './render/index.js';
import { VERSION } from './version.js';

/** Artifact text reaches a terminal here: control characters could drive it, so they are shown as '?'. */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const usd = (value: number | null) =>
  value === null ? 'n/a' : value !== 0 && Math.abs(value) < 0.005 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;

export function summaryTable(result: TriageResult, outDir: string, fileCount: number): string {
  const s = result.summary;
  const b = result.batch;
  const rows: [string, string][] = [
    ['tests', String(s.total)],
    ['passed', `${s.passed} (${pct(s.passRate)})`],
    ['failed', String(s.failed)],
    ['errors', String(s.errors)],
    ['framework bugs', String(s.frameworkBugs)],
    ['model failures', String(s.modelFailures)],
    ['infrastructure', String(s.infrastructure)],
    ['unknown', String(s.unknown)],
    ['masked passes', String(s.maskedPasses)],
    ['corrected pass rate', `${s.correctedPassed} (${pct(s.correctedPassRate)})`],
    ['total cost', result.tests.some((t) => t.cost !== null) ? usd(s.totalCost) : 'n/a (no prices in the results)'],
    ...(s.totalTokens !== undefined ? ([['tokens', String(s.totalTokens)]] as [string, string][]) : []),
    ['cost of passes', usd(s.passCost)],
    ['mean / median CoP', `${usd(s.meanCop)} / ${usd(s.medianCop)}`],
    ['root causes', String(result.rootCauses.length)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [
    `e2e-triage ${VERSION}: ${b.source} (${[
      b.format,
      `model ${b.model ?? '?'}`,
      b.threads === null ? null : `${b.threads} threads`,
      s.sessions > 0 ? `${s.sessions} log sessions` : null,
    ]
      .filter(Boolean)
      .join(', ')})`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
  ];
  for (const rc of result.rootCauses.slice(0, 3)) {
    const cascade = rc.causedBy ? `, cascade of ${rc.causedBy}` : '';
    lines.push(`  ${rc.id} ${rc.category} x${rc.tests.length}${cascade}: ${rc.signature.slice(0, 100)}`);
  }
  if (result.comparison === null) lines.push('  since last batch: no previous analysis found');
  else if (result.comparison && !result.comparison.comparable)
    lines.push(`  since last batch: not compared, ${result.comparison.reason}`);
  else if (result.comparison) {
    const c = result.comparison.counts;
    lines.push(
      `  since last batch: ${c['new-failure']} new failures, ${c.fixed} fixed, ${c['still-failing']} still failing, ${c['new-test']} new, ${c.removed} removed`,
    );
  }
  lines.push(`  ${statisticsLine(result)}`);
  if (result.history) {
    const count = (state: string) => result.history!.tests.filter((t) => t.state === state).length;
    lines.push(
      `  history: ${result.history.batches} batches of this configuration; ${count('regressed')} regressed, ${count('fixed')} fixed, ${count('flaky')} flaky`,
    );
  }
  if (s.knownIssues > 0) {
    const rules = result.knownIssues.filter((h) => h.tests.length > 0).map((h) => `${h.id} x${h.tests.length}`);
    lines.push(`  known issues: ${s.knownIssues} failures (${rules.join(', ')}), ${s.quarantined} quarantined`);
  }
  if (s.appearsFixed > 0) lines.push(`  appears fixed: ${s.appearsFixed} expected failures passed`);
  const plan = result.rerun;
  if (plan.tests.length > 0) {
    lines.push(
      `  re-run ${plan.tests.length} tests (rerun.txt)${plan.command && plan.tests.length <= 10 ? `: ${plan.command}` : ''}`,
    );
  }
  if (plan.rejudge.length > 0) {
    const spent = usd(plan.costAtStake);
    lines.push(
      plan.rejudgeCommand
        ? `  re-judge ${plan.rejudge.length} of them (keeps ${spent} of agent work)${plan.rejudge.length <= 10 ? `: ${plan.rejudgeCommand}` : ''}`
        : `  ${plan.rejudge.length} of them only had their judges fail (this runner cannot re-judge alone: ${spent} spent again)`,
    );
  }
  if (result.warnings.length > 0) {
    const skipped = result.warnings.filter((w) => w.kind !== 'config').length;
    const config = result.warnings.length - skipped;
    lines.push(
      `  ${[skipped > 0 ? `${skipped} warning(s): data skipped` : '', config > 0 ? `${config} about the config` : '']
        .filter(Boolean)
        .join(', ')}; see analysis.md`,
    );
    for (const w of result.warnings.slice(0, 5))
      lines.push(`    ${w.file}${w.path ? `: ${w.path}` : ''}: ${w.message}`);
  }
  lines.push(`Wrote ${fileCount} files to ${outDir}`);
  return terminalSafe(lines.join('\n'));
}
