// Builds small results folders in the real on-disk formats, in memory, for parse/triage tests.

import { MemorySource } from './memory-source.js';

const SEP = '='.repeat(70);
const SEP60 = '='.repeat(60);
const DASH60 = '-'.repeat(60);

export interface ExperimentSpec {
  cost: number;
  duration?: number;
  bestTier?: string | null;
  tiers?: { tier: string; pass: boolean; score: number; cost: number }[];
}

export interface BlockSpec {
  testId: string;
  start: string;
  duration?: number;
  exit?: number;
  body?: string[];
  experiment?: ExperimentSpec;
  /** No footer: the session was killed. */
  killed?: boolean;
  unexpected?: string;
}

export interface ReportSpec {
  bestTier: string | null;
  bestScore?: number;
  cost: number;
  duration?: number;
  frontierCop?: number | null;
}

export function experimentLines(e: ExperimentSpec): string[] {
  const best = e.bestTier ?? null;
  const tiers =
    e.tiers ??
    (best ? [{ tier: best, pass: true, score: 0.9, cost: e.cost }] : [{ tier: 'T0', pass: false, score: 0, cost: 0 }]);
  return [
    '',
    SEP60,
    'EXPERIMENT COMPLETE',
    SEP60,
    `Duration: ${(e.duration ?? 100).toFixed(1)}s`,
    `Total Cost: $${e.cost.toFixed(4)}`,
    '',
    ...(best
      ? [`Best Tier: ${best}`, 'Best Sub-test: 00', `Frontier CoP: $${e.cost.toFixed(4)}`]
      : ['No passing results found']),
    '',
    'Tier Results:',
    DASH60,
    ...tiers.map(
      (t) => `  ${t.tier}: ${t.pass ? 'PASS' : 'FAIL'} (score: ${t.score.toFixed(3)}, cost: $${t.cost.toFixed(4)})`,
    ),
    SEP60,
  ];
}

export function blockLines(b: BlockSpec): string[] {
  const startMs = Date.parse(b.start);
  const duration = b.duration ?? 10;
  const end = new Date(startMs + duration * 1000).toISOString().replace('Z', '+00:00');
  const lines = [
    '',
    SEP,
    `[${b.start}] Starting ${b.testId}`,
    `Command: /home/u/.pixi/bin/pixi run python scripts/run_e2e_experiment.py --tiers-dir /repo/tests/fixtures/tests/${b.testId} --tiers T0 --runs 1 --model haiku --results-dir /home/u/dryrun`,
    SEP,
    '',
    ...(b.body ?? []),
    ...(b.experiment ? experimentLines(b.experiment) : []),
  ];
  if (b.killed) return lines;
  lines.push('', SEP, `[${end}] Completed ${b.testId} in ${duration.toFixed(1)}s (exit code: ${b.exit ?? 0})`, SEP, '');
  if (b.unexpected) lines.push('', `UNEXPECTED ERROR: ${b.unexpected}`);
  return lines;
}

export function reportJson(testId: string, r: ReportSpec): string {
  const score = r.bestScore ?? (r.bestTier ? 0.9 : 0);
  const children = r.bestTier
    ? [{ tier: r.bestTier, best_subtest: '00', best_score: score, cost: r.cost, report: `./${r.bestTier}/report.json` }]
    : [{ tier: 'T0', best_subtest: '00', best_score: score, cost: r.cost, report: './T0/report.json' }];
  return JSON.stringify(
    {
      experiment_id: testId,
      summary: {
        total_tiers: 1,
        best_tier: r.bestTier,
        best_subtest: r.bestTier ? '00' : null,
        frontier_cop: r.frontierCop === undefined ? (r.bestTier ? r.cost : null) : r.frontierCop,
        total_cost: r.cost,
        total_duration: r.duration ?? 100,
        started_at: '2026-02-14T00:28:00+00:00',
        completed_at: '2026-02-14T00:30:00+00:00',
      },
      children,
    },
    null,
    2,
  );
}

export class BatchBuilder {
  private readonly files: Record<string, string> = {};
  private readonly rows: string[] = [];
  private readonly logs = new Map<number, string[]>();
  private top: Record<string, unknown> = {
    started_at: '2026-02-14T00:28:00.000000+00:00',
    completed_at: '2026-02-14T14:10:00.000000+00:00',
    config: { model: 'haiku', judge_model: 'haiku', runs: 1, max_subtests: 1, thinking: 'None', tiers: ['T0'] },
    threads: [],
  };

  withTop(top: Record<string, unknown>): this {
    this.top = top;
    return this;
  }

  /** A raw row, written as given (use `raw` to inject Infinity tokens or broken JSON fragments). */
  row(fields: Record<string, unknown>): this {
    this.rows.push(JSON.stringify(fields, null, 2));
    return this;
  }

  rawRow(text: string): this {
    this.rows.push(text);
    return this;
  }

  block(thread: number, spec: BlockSpec): this {
    const lines = this.logs.get(thread) ?? [];
    lines.push(...blockLines(spec));
    this.logs.set(thread, lines);
    return this;
  }

  folder(
    name: string,
    files: { report?: ReportSpec; checkpoint?: Record<string, unknown>; extra?: Record<string, string> },
  ): this {
    const testId = name.replace(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-/, '');
    if (files.report) this.files[`${name}/report.json`] = reportJson(testId, files.report);
    if (files.checkpoint) this.files[`${name}/checkpoint.json`] = JSON.stringify(files.checkpoint, null, 2);
    for (const [path, text] of Object.entries(files.extra ?? {})) this.files[`${name}/${path}`] = text;
    if (!files.report && !files.checkpoint && !files.extra)
      this.files[`${name}/checkpoint.json`] = '{"version": "2.0", "status": "running"}';
    return this;
  }

  file(path: string, text: string): this {
    this.files[path] = text;
    return this;
  }

  build(): Record<string, string> {
    const head = Object.keys(this.top).length > 0 ? `${JSON.stringify(this.top, null, 2).slice(0, -2)},\n` : '{\n';
    const summary = `${head}  "results": [\n${this.rows.join(',\n')}\n  ]\n}\n`;
    const out: Record<string, string> = { 'batch_summary.json': summary, ...this.files };
    for (const [thread, lines] of this.logs) out[`thread_logs/thread_${thread}.log`] = `${lines.join('\n')}\n`;
    return out;
  }

  source(label = 'batch'): MemorySource {
    return new MemorySource(this.build(), label);
  }
}

/**
 * One row of a legacy batch_summary.json: a pass, a model failure (scored `failScore`) or an error, on thread 0.
 */
export function summaryRow(
  id: string,
  status: string,
  cost: number,
  error: string | null = null,
  { name = `Name ${id}`, failScore = 0 }: { name?: string; failScore?: number } = {},
) {
  return {
    test_id: id,
    test_name: name,
    thread_id: 0,
    status,
    exit_code: status === 'error' ? 1 : 0,
    result_dir: null,
    error,
    ...(status === 'error'
      ? {}
      : {
          best_tier: status === 'pass' ? 'T0' : null,
          best_score: status === 'pass' ? 0.9 : failScore,
          frontier_cop: status === 'pass' ? cost : null,
          total_cost: cost,
          total_duration: 10,
        }),
  };
}
