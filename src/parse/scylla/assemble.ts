// Gathers everything known about one test from the three sources (summary rows, log blocks, result folders)
// and settles its final verdict. The last row wins; the rest is history and evidence.

import type { ScyllaFiles } from './read.js';
import type { SummaryRow } from './batch-summary.js';
import type { FolderFindings } from './folder-findings.js';
import type { ResultFolder } from './result-folders.js';
import type { LogBlock } from './thread-log.js';
import type { Excluded, TestStatus, TierResult, Warning } from '../../model.js';
import { naturalCompare } from '../../util/natural-order.js';

export interface TestCase {
  testId: string;
  rows: SummaryRow[];
  finalRow: SummaryRow | null;
  blocks: LogBlock[];
  /** The log block of the attempt the final row reports (or the newest one). */
  finalBlock: LogBlock | null;
  folders: ResultFolder[];
  /** The folder the final verdict comes from. */
  verdictFolder: ResultFolder | null;
  findings: FolderFindings | null;
  /** This test's folders set aside as `INVALID-<folder>/`: never attempts, named when nothing else is left. */
  excluded: Excluded[];
  status: TestStatus;
  name: string | null;
  thread: number | null;
  exitCode: number | null;
  cost: number | null;
  score: number | null;
  bestTier: string | null;
  cop: number | null;
  durationSeconds: number | null;
  startedAt: string | null;
  tiers: TierResult[];
}

/**
 * Every test's case, in test-id order, each built as the one before is used. It consumes the files as it goes
 * (each test's rows, log blocks, folders and findings are let go once its case is built) so that the files as
 * read and the tests as parsed are never both held whole: on 10,000 tests that was the parse's peak.
 */
export function* takeCases(parsed: ScyllaFiles, warnings: Warning[]): Generator<TestCase> {
  const rowsById = takeGrouped(parsed.summary.rows, (r) => r.testId);
  const blocksById = takeGrouped(parsed.logBlocks, (b) => b.testId);
  const ids = new Set<string>([...rowsById.keys(), ...parsed.folders.keys(), ...blocksById.keys()]);
  for (const testId of [...ids].sort(naturalCompare)) {
    const rows = rowsById.get(testId) ?? [];
    const blocks = (blocksById.get(testId) ?? []).sort(compareBlocks);
    const folders = parsed.folders.get(testId) ?? [];
    if (rows.length === 0) {
      const where = folders[0]?.name ?? blocks[0]?.file ?? parsed.summary.file;
      warnings.push({
        file: where,
        path: '',
        message: `${testId} has no row in batch_summary.json (test never recorded); status unknown`,
      });
    }
    const excluded = parsed.excluded.filter((e) => e.testId === testId);
    const testCase = assembleCase(testId, rows, blocks, folders, excluded, parsed.findings);
    rowsById.delete(testId);
    blocksById.delete(testId);
    parsed.folders.delete(testId);
    for (const folder of folders) parsed.findings.delete(folder.name);
    yield testCase;
  }
}

function assembleCase(
  testId: string,
  rows: SummaryRow[],
  blocks: LogBlock[],
  folders: ResultFolder[],
  excluded: Excluded[],
  findingsByFolder: Map<string, FolderFindings>,
): TestCase {
  const finalRow = rows.at(-1) ?? null;
  const finalBlock = matchFinalBlock(blocks, finalRow);
  const verdictFolder = matchVerdictFolder(folders, finalRow);
  const report = verdictFolder?.report ?? null;
  const rowMetrics = finalRow && finalRow.hasMetrics && !finalRow.bogusMetrics ? finalRow : null;
  const experiment = finalBlock?.experiment ?? null;

  return {
    testId,
    rows,
    finalRow,
    blocks,
    finalBlock,
    folders,
    verdictFolder,
    findings: verdictFolder ? (findingsByFolder.get(verdictFolder.name) ?? null) : null,
    excluded,
    status: finalStatus(finalRow, verdictFolder),
    name: [...rows].reverse().find((r) => r.name)?.name ?? null,
    thread: finalRow?.thread ?? finalBlock?.thread ?? null,
    exitCode: finalRow?.exitCode ?? finalBlock?.exitCode ?? null,
    cost: rowMetrics?.totalCost ?? report?.totalCost ?? experiment?.totalCost ?? null,
    score: rowMetrics?.bestScore ?? report?.bestScore ?? experimentScore(experiment),
    bestTier: rowMetrics ? rowMetrics.bestTier : (report?.bestTier ?? experiment?.bestTier ?? null),
    cop: rowMetrics ? rowMetrics.frontierCop : (report?.frontierCop ?? experiment?.frontierCop ?? null),
    durationSeconds: rowMetrics?.totalDuration ?? report?.totalDuration ?? finalBlock?.durationSeconds ?? null,
    startedAt: finalBlock?.startedAt ?? finalRow?.startedAt ?? verdictFolder?.startedAt ?? null,
    tiers: report?.tiers ?? experimentTiers(experiment),
  };
}

function finalStatus(row: SummaryRow | null, folder: ResultFolder | null): TestStatus {
  if (!row) return 'unknown';
  const fromFolder = (): TestStatus => (folder?.report ? (folder.report.passed ? 'pass' : 'fail') : 'unknown');
  if (row.kind === 'current') return row.status === 'error' ? 'error' : fromFolder();
  // L1 derived `fail` from metrics read with the wrong keys: the folder knows the real outcome.
  if (row.bogusMetrics && row.status !== 'error') return fromFolder();
  return row.status === 'success' ? fromFolder() : row.status;
}

/**
 * The block of the final row's attempt: the newest completed block with the row's exit code. A current row has
 * none: that runner writes no thread logs, so a block beside it is an earlier legacy session's (a mixed file).
 */
function matchFinalBlock(blocks: LogBlock[], row: SummaryRow | null): LogBlock | null {
  if (blocks.length === 0 || row?.kind === 'current') return null;
  const complete = blocks.filter((b) => b.complete);
  if (row && row.kind === 'legacy') {
    const sameExit = complete.filter((b) => row.exitCode === null || b.exitCode === row.exitCode);
    if (sameExit.length > 0) return sameExit.at(-1)!;
  }
  return complete.at(-1) ?? blocks.at(-1)!;
}

function matchVerdictFolder(folders: ResultFolder[], row: SummaryRow | null): ResultFolder | null {
  if (folders.length === 0) return null;
  if (row?.resultDir) {
    // Absolute paths come from the machine that ran the batch: match by the folder's own name.
    const base =
      row.resultDir
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop() ?? '';
    const named = folders.find((f) => f.name === base);
    if (named) return named;
  }
  return folders.at(-1)!;
}

function experimentScore(experiment: LogBlock['experiment']): number | null {
  if (!experiment) return null;
  if (!experiment.bestTier) return experiment.tiers.length > 0 ? 0 : null;
  return experiment.tiers.find((t) => t.tier === experiment.bestTier)?.score ?? null;
}

function experimentTiers(experiment: LogBlock['experiment']): TierResult[] {
  return (experiment?.tiers ?? []).map((t) => ({ tier: t.tier, score: t.score, cost: t.cost, passed: t.passed }));
}

function compareBlocks(a: LogBlock, b: LogBlock): number {
  const ta = a.startedAt ? Date.parse(a.startedAt) : NaN;
  const tb = b.startedAt ? Date.parse(b.startedAt) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

/** Groups the items by key and empties their array, so that the groups hold them alone. */
function takeGrouped<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  items.length = 0;
  return map;
}
