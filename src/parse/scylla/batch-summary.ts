// batch_summary.json in all its eras: legacy L1/L2/L3 rows, current minimal rows, or both in one file.
// A broken row costs only its broken fields (with a warning); only an unreadable file stops the run.

import * as z from 'zod/mini';

import '../../zod-messages.js';

import { InputError, formatPath } from '../../errors.js';
import { cutAtToken } from '../../util/cut-at-token.js';
import { intern } from '../../util/intern.js';
import type { Warning } from '../../model.js';
import { parseJsonTolerant } from '../json-tolerant.js';
import { joinPath, validateFields } from '../validate-fields.js';
import { batchSummarySchema, legacyConfigSchema, rowSchema, threadSummarySchema, type RawRow } from './schemas.js';
import { SUMMARY_FILE } from './file-names.js';
import { isPlainRow } from './plain-files.js';

export type RowStatus = 'pass' | 'fail' | 'error' | 'unknown' | 'success';

export interface SummaryRow {
  index: number;
  line: number;
  kind: 'legacy' | 'current';
  /** Legacy row without test_name: the L1 runner. */
  l1: boolean;
  /** L1 read report.json with the wrong keys: its metrics (and the fail status derived from them) are meaningless. */
  bogusMetrics: boolean;
  hasMetrics: boolean;
  testId: string;
  name: string | null;
  thread: number | null;
  status: RowStatus;
  exitCode: number | null;
  resultDir: string | null;
  error: string | null;
  bestTier: string | null;
  bestScore: number | null;
  frontierCop: number | null;
  totalCost: number | null;
  totalDuration: number | null;
  startedAt: string | null;
}

export interface SummaryConfig {
  model: string | null;
  judgeModel: string | null;
  runs: number | null;
  maxSubtests: number | null;
  thinking: string | null;
  tiers: string[];
  threads: number | null;
  incremental: boolean;
}

export interface ParsedSummary {
  file: string;
  startedAt: string | null;
  completedAt: string | null;
  config: SummaryConfig | null;
  threadCount: number | null;
  rows: SummaryRow[];
  warnings: Warning[];
}

export { SUMMARY_FILE };

const LEGACY_STATUSES = new Set(['pass', 'fail', 'error', 'unknown']);
const METRIC_KEYS = ['best_tier', 'best_score', 'frontier_cop', 'total_cost', 'total_duration'] as const;

export function parseBatchSummary(text: string, file = SUMMARY_FILE): ParsedSummary {
  const { value, resultLines } = parseJsonTolerant(text, file);
  const top = batchSummarySchema.safeParse(value);
  if (!top.success) {
    const issue = top.error.issues[0];
    const where = issue ? formatPath(issue.path) || '(root)' : '(root)';
    throw new InputError(`${file}: ${where}: ${issue?.message ?? 'not a batch summary'}`);
  }
  const warnings: Warning[] = [];
  const warn = (path: string, message: string) => warnings.push({ file, path, message });

  const config = parseConfig(top.data.config, warn);
  let threadCount: number | null = config?.threads ?? null;
  if (top.data.threads !== undefined && top.data.threads !== null) {
    const threads = z.array(threadSummarySchema).safeParse(top.data.threads);
    if (threads.success) threadCount = threads.data.length > 0 ? threads.data.length : threadCount;
    else warn('threads', firstIssue(threads.error));
  }

  const rows: SummaryRow[] = [];
  top.data.results.forEach((raw, index) => {
    const row = parseRow(raw, index, resultLines[index] ?? 0, warn);
    if (row) rows.push(row);
  });
  if (top.data.results.length === 0) warn('results', 'the results list is empty');

  return {
    file,
    startedAt: top.data.started_at ?? null,
    completedAt: top.data.completed_at ?? null,
    config,
    threadCount,
    rows,
    warnings,
  };
}

function parseConfig(raw: unknown, warn: (path: string, message: string) => void): SummaryConfig | null {
  if (raw === undefined || raw === null) return null;
  const parsed = validateFields(legacyConfigSchema, raw, { at: (inner) => joinPath('config', inner), warn });
  if (!parsed) return null;
  return {
    model: parsed.model ?? null,
    judgeModel: parsed.judge_model ?? null,
    runs: parsed.runs ?? null,
    maxSubtests: parsed.max_subtests ?? null,
    thinking: parsed.thinking ?? null,
    tiers: parsed.tiers ?? [],
    threads: parsed.threads ?? null,
    incremental: parsed.threads !== undefined || parsed.started_at !== undefined,
  };
}

function parseRow(
  raw: unknown,
  index: number,
  line: number,
  warn: (path: string, message: string) => void,
): SummaryRow | null {
  const path = `results[${index}]`;
  const data = isPlainRow(raw)
    ? raw
    : validateFields(rowSchema, raw, {
        at: (inner) => joinPath(path, inner),
        warn,
        required: (inner) => inner === 'test_id',
      });
  if (!data) return null;
  const present = (key: string) => Object.prototype.hasOwnProperty.call(data, key);

  let status = (data.status ?? 'unknown') as string;
  const current = status === 'success' || (present('started_at') && !present('exit_code') && !present('thread_id'));
  if (status !== 'success' && !LEGACY_STATUSES.has(status)) {
    warn(`${path}.status`, `unknown status ${cutAtToken(JSON.stringify(status), 80)}; treated as unknown`);
    status = 'unknown';
  }
  const hasMetrics = METRIC_KEYS.some((key) => present(key));
  const frontierCop = data.frontier_cop ?? null;
  const l1 = !current && !present('test_name');
  const bogusMetrics =
    !current && hasMetrics && frontierCop !== null && !Number.isFinite(frontierCop) && !data.best_tier;
  return {
    index,
    line,
    kind: current ? 'current' : 'legacy',
    l1,
    bogusMetrics,
    hasMetrics,
    testId: data.test_id,
    name: data.test_name ?? null,
    thread: data.thread_id ?? null,
    status: intern(status) as RowStatus,
    exitCode: data.exit_code ?? null,
    resultDir: data.result_dir ?? null,
    error: data.error ?? null,
    bestTier: intern(data.best_tier ?? null),
    bestScore: finiteOrNull(data.best_score),
    frontierCop: finiteOrNull(frontierCop),
    totalCost: finiteOrNull(data.total_cost),
    totalDuration: finiteOrNull(data.total_duration),
    startedAt: data.started_at ?? null,
  };
}

function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = formatPath(issue.path);
  return where ? `${where}: ${issue.message}` : issue.message;
}

export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export type { RawRow };
