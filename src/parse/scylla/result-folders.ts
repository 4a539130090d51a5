// Per-test result folders `<YYYY-MM-DDTHH-MM-SS>-<test_id>/`: report.json decides the outcome the current
// batch format does not record, checkpoint.json tells interrupted and rate-limited runs apart.

import type { Evidence, TierResult, Warning } from '../../model.js';
import type { ResultsSource } from '../../ingest/source.js';
import { compareTiers } from '../../util/tier-order.js';
import { intern } from '../../util/intern.js';
import { validateFields } from '../validate-fields.js';
import { finiteOrNull } from './batch-summary.js';
import { parseJsonTolerant } from '../json-tolerant.js';
import { isPlainCheckpoint, isPlainReport } from './plain-files.js';
import { checkpointSchema, experimentConfigSchema, reportSchema } from './schemas.js';
import { flat } from '../../util/flat.js';

const FOLDER_NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(.+)$/;
const FOLDER_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})$/;
/** Legacy status rule: the frontier tier's best sub-test median must be above this. */
export const PASS_SCORE = 0.5;

export interface ReportInfo {
  file: string;
  bestTier: string | null;
  bestScore: number;
  frontierCop: number | null;
  totalCost: number | null;
  totalDuration: number | null;
  startedAt: string | null;
  completedAt: string | null;
  passed: boolean;
  tiers: TierResult[];
}

/** Read from `<folder>/checkpoint.json`, or its `.bak` when stale (checkpointFile names it: not kept per folder). */
export interface CheckpointInfo {
  /** Read from checkpoint.json.bak (the state of one save earlier) because checkpoint.json was missing or unusable. */
  stale: boolean;
  status: string | null;
  experimentState: string | null;
  rateLimited: boolean;
  failedRuns: number;
  passedRuns: number;
}

export interface ExperimentConfigInfo {
  model: string | null;
  judgeModel: string | null;
  tiers: string[];
  runs: number | null;
  maxSubtests: number | null;
  thinking: string | null;
}

export interface ResultFolder {
  name: string;
  testId: string;
  /** Folder timestamp as ISO UTC (`2026-02-20T15:00:27Z`). */
  startedAt: string;
  report: ReportInfo | null;
  checkpoint: CheckpointInfo | null;
}

export function checkpointFile(folder: string, checkpoint: CheckpointInfo): string {
  return flat`${folder}/checkpoint.json${checkpoint.stale ? '.bak' : ''}`;
}

export function parseFolderName(name: string): { testId: string; startedAt: string } | null {
  const m = FOLDER_NAME.exec(name);
  if (!m) return null;
  // One flat string: a template literal of its seven pieces kept a tree of six joins and the pieces, some
  // 190 bytes a folder where this is 36.
  return { testId: m[5]!, startedAt: name.slice(0, 19).replace(FOLDER_TIME, '$1T$2:$3:$4Z') };
}

type Warn = (file: string, path: string, message: string) => void;

export async function readJson(source: ResultsSource, file: string, warn: Warn): Promise<unknown | undefined> {
  let text: string | null;
  try {
    text = await source.readText(file);
  } catch (error) {
    warn(file, '', error instanceof Error ? error.message : String(error));
    return undefined;
  }
  if (text === null) return undefined;
  try {
    return parseJsonTolerant(text, file).value;
  } catch (error) {
    warn(file, '', error instanceof Error ? error.message.replace(`${file}: `, '') : String(error));
    return undefined;
  }
}

export async function readResultFolder(source: ResultsSource, name: string, warn: Warn): Promise<ResultFolder | null> {
  const parsedName = parseFolderName(name);
  if (!parsedName) return null;
  const [report, checkpoint] = await Promise.all([
    readReport(source, flat`${name}/report.json`, warn),
    readCheckpoint(source, flat`${name}/checkpoint.json`, warn),
  ]);
  // Spelled out: a spread adds its properties one by one, past the object's own room (a second array each).
  return { name, testId: parsedName.testId, startedAt: parsedName.startedAt, report, checkpoint };
}

async function readReport(source: ResultsSource, file: string, warn: Warn): Promise<ReportInfo | null> {
  const raw = await readJson(source, file, warn);
  if (raw === undefined) return null;
  const data = isPlainReport(raw)
    ? raw
    : validateFields(reportSchema, raw, {
        warn: (path, message) => warn(file, path, message),
        required: (inner) => inner === 'summary',
      });
  if (!data) return null;
  const bestTier = intern(data.summary.best_tier ?? null);
  const tiers: TierResult[] = (data.children ?? [])
    .map((child) => {
      const score = finiteOrNull(child.best_score);
      return {
        tier: intern(child.tier),
        score,
        cost: finiteOrNull(child.cost),
        passed: score === null ? null : score > PASS_SCORE,
      };
    })
    .sort((a, b) => compareTiers(a.tier, b.tier));
  const bestScore = bestTier ? (tiers.find((t) => t.tier === bestTier)?.score ?? 0) : 0;
  return {
    file,
    bestTier,
    bestScore,
    frontierCop: finiteOrNull(data.summary.frontier_cop),
    totalCost: finiteOrNull(data.summary.total_cost),
    totalDuration: finiteOrNull(data.summary.total_duration),
    startedAt: data.summary.started_at ?? null,
    completedAt: data.summary.completed_at ?? null,
    passed: bestTier !== null && bestScore > PASS_SCORE,
    tiers,
  };
}

/**
 * The runner renames the old checkpoint to `.bak` on every save, so when checkpoint.json is missing (a folder
 * can briefly hold only the backup) or unusable, the backup is read instead and marked one save stale. It is
 * never a second checkpoint. Crashed atomic writes (`checkpoint.tmp.*.json`) are never read.
 */
async function readCheckpoint(source: ResultsSource, file: string, warn: Warn): Promise<CheckpointInfo | null> {
  const problems: { file: string; path: string; message: string }[] = [];
  const collect: Warn = (f, path, message) => problems.push({ file: f, path, message });
  const primary = await readCheckpointFile(source, file, collect, false);
  if (primary) {
    for (const p of problems) warn(p.file, p.path, p.message);
    return primary;
  }
  const unusable = problems.splice(0);
  const backup = await readCheckpointFile(source, `${file}.bak`, collect, true);
  if (!backup) {
    for (const p of [...unusable, ...problems]) warn(p.file, p.path, p.message);
    return null;
  }
  const first = unusable[0];
  if (first) {
    const where = first.path ? `${first.path}: ` : '';
    warn(file, '', `${where}${first.message}; read checkpoint.json.bak instead (one save older)`);
  }
  for (const p of problems) warn(p.file, p.path, p.message);
  return backup;
}

async function readCheckpointFile(
  source: ResultsSource,
  file: string,
  warn: Warn,
  stale: boolean,
): Promise<CheckpointInfo | null> {
  const raw = await readJson(source, file, warn);
  if (raw === undefined) return null;
  const data = isPlainCheckpoint(raw)
    ? raw
    : validateFields(checkpointSchema, raw, { warn: (path, message) => warn(file, path, message) });
  if (!data) return null;
  let failedRuns = 0;
  let passedRuns = 0;
  let rateLimitedRuns = 0;
  // v3 run_states are authoritative; v2 only has completed_runs (passed/failed/agent_complete).
  const states = data.run_states ?? data.completed_runs ?? {};
  for (const subtests of Object.values(states)) {
    for (const runs of Object.values(subtests)) {
      for (const state of Object.values(runs)) {
        if (state === 'failed') failedRuns++;
        else if (state === 'rate_limited') rateLimitedRuns++;
        else if (state === 'passed') passedRuns++;
      }
    }
  }
  return {
    stale,
    status: data.status ?? null,
    experimentState: data.experiment_state ?? null,
    rateLimited: data.status === 'paused_rate_limit' || rateLimitedRuns > 0,
    failedRuns,
    passedRuns,
  };
}

export async function readExperimentConfig(
  source: ResultsSource,
  folder: string,
  warn: Warn,
): Promise<ExperimentConfigInfo | null> {
  const file = `${folder}/config/experiment.json`;
  const raw = await readJson(source, file, warn);
  if (raw === undefined) return null;
  const data = validateFields(experimentConfigSchema, raw, { warn: (path, message) => warn(file, path, message) });
  if (!data) return null;
  return {
    model: data.models?.[0] ?? null,
    judgeModel: data.judge_models?.[0] ?? null,
    tiers: data.tiers_to_run ?? [],
    runs: data.runs_per_subtest ?? null,
    maxSubtests: data.max_subtests ?? null,
    thinking: data.thinking_mode ?? null,
  };
}

export type { Evidence, Warning };
