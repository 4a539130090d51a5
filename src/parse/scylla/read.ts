// Everything a ProjectScylla results folder says, read through a ResultsSource, typed and validated:
// batch_summary.json, the thread logs and the result folders. Deciding comes after (assemble, classify).

import { InputError } from '../../errors.js';
import type { ResultsSource, SourceEntry } from '../../ingest/source.js';
import type { Excluded, Warning } from '../../model.js';
import { mapLimit } from '../../util/map-limit.js';
import { naturalCompare } from '../../util/natural-order.js';
import { SUMMARY_FILE, parseBatchSummary, type ParsedSummary } from './batch-summary.js';
import type { FolderFindings } from './folder-findings.js';
import { scanFolders } from './folder-scan-share.js';
import {
  parseFolderName,
  readExperimentConfig,
  readResultFolder,
  type ExperimentConfigInfo,
  type ResultFolder,
} from './result-folders.js';
import { THREAD_LOGS, threadFromFileName } from './file-names.js';
import { assignSessions, type LogBlock } from './thread-log.js';
import { startLogScan, type LogScanHelper } from './thread-log-scan.js';
import { cutAtToken } from '../../util/cut-at-token.js';
import { firstCopy } from '../../util/intern.js';

/** Read once: takeCases (assemble.ts) consumes the rows, log blocks, folders and findings. */
export interface ScyllaFiles {
  label: string;
  summary: ParsedSummary;
  /** Result folders per test id, oldest first. */
  folders: Map<string, ResultFolder[]>;
  /** Failure details of the folders that did not pass, by folder name. */
  findings: Map<string, FolderFindings>;
  logBlocks: LogBlock[];
  logFiles: string[];
  sessions: number;
  experimentConfig: ExperimentConfigInfo | null;
  /** Folders set aside as `INVALID-<folder>/`. */
  excluded: Excluded[];
  warnings: Warning[];
}

const IO_CONCURRENCY = 16;
/** Folders read between two looks at what the log helper has finished (a look is one native call). */
const POLL_EVERY = 64;

export async function readScyllaFiles(source: ResultsSource, logHelper?: LogScanHelper): Promise<ScyllaFiles> {
  const warnings: Warning[] = [];
  const warn = (file: string, path: string, message: string) => warnings.push({ file, path, message });

  const summary = await readSummary(source);
  warnings.push(...summary.warnings);

  // The logs first: a helper thread (large batches) parses them while this one reads the result folders.
  // cli-plan.ts earlyLogFiles lists them the same way: a helper started on another list is not used.
  const logFiles = (await source.list(THREAD_LOGS))
    .filter((e) => !e.isDirectory && threadFromFileName(e.name) !== null)
    .map((e) => `${THREAD_LOGS}/${e.name}`)
    .sort((a, b) => (threadFromFileName(a) ?? 0) - (threadFromFileName(b) ?? 0));
  const logScan = startLogScan(source, logFiles, logHelper);

  const { folderNames, excluded } = await listFolders(source);
  const read = await mapLimit(folderNames, IO_CONCURRENCY, (name, index) => {
    if (index % POLL_EVERY === 0) logScan.poll();
    return readResultFolder(source, name, warn);
  });
  // A test's id is read from its summary rows, its folders' names and its log blocks, a copy each time:
  // kept once (on 100,000 tests, 6.6 MB of the files as read).
  const ids = new Map<string, string>();
  const id = (value: string) => firstCopy(ids, value);
  for (const row of summary.rows) row.testId = id(row.testId);
  const folders = new Map<string, ResultFolder[]>();
  for (const folder of read) {
    if (!folder) continue;
    folder.testId = id(folder.testId);
    // A literal has room for its one folder; an empty array grows room for 17 on its first push.
    const list = folders.get(folder.testId);
    if (list) list.push(folder);
    else folders.set(folder.testId, [folder]);
  }
  for (const list of folders.values()) list.sort((a, b) => (a.name < b.name ? -1 : 1));

  const failing = [...folders.values()].flatMap((list) => list.filter((f) => !f.report?.passed));
  const scanned = await scanFolders(
    source,
    failing.map((f) => f.name),
    (warning) => warnings.push(warning),
    logScan.folders,
    logScan.poll,
  );
  const findings = new Map(failing.map((f, i) => [f.name, scanned[i]!]));

  const { blocks: logBlocks, failures } = await logScan.finish();
  for (const block of logBlocks) block.testId = id(block.testId);
  for (const { file, message } of failures) warn(file, '', `could not be read: ${message}`);
  const sessions = logBlocks.length > 0 ? assignSessions(logBlocks) : 0;

  let experimentConfig: ExperimentConfigInfo | null = null;
  const newest = [...folderNames].sort().pop();
  if (!summary.config?.model && newest) experimentConfig = await readExperimentConfig(source, newest, warn);

  // Folders are read concurrently: order warnings by file (stable within a file) so triage.json is reproducible.
  warnings.sort((a, b) => naturalCompare(a.file, b.file));
  return {
    label: source.label,
    summary,
    folders,
    findings,
    logBlocks,
    logFiles,
    sessions,
    experimentConfig,
    excluded,
    warnings,
  };
}

/**
 * The batch summary, parsed. Its own function, as is listFolders: an async function's locals are kept while it
 * waits, and the summary's text (some 40 MB at 100,000 tests) and the root's listing would otherwise be held
 * through all the reading that follows (bench/notes.md).
 */
async function readSummary(source: ResultsSource): Promise<ParsedSummary> {
  let text: string | null;
  try {
    text = await source.readText(SUMMARY_FILE);
  } catch (error) {
    throw new InputError(`${SUMMARY_FILE}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text === null) throw new InputError(`${source.label}: no ${SUMMARY_FILE} found`);
  return parseBatchSummary(text, SUMMARY_FILE);
}

/** The result folders' names, and the folders set aside, from the root's listing. */
async function listFolders(source: ResultsSource): Promise<{ folderNames: string[]; excluded: Excluded[] }> {
  const root = await source.list('');
  const folderNames = root.filter((e) => e.isDirectory && parseFolderName(e.name)).map((e) => e.name);
  return { folderNames, excluded: await readInvalidFolders(source, root) };
}

const INVALID_PREFIX = 'INVALID-';
const MAX_REASON = 300;

/**
 * `INVALID-<folder>/`: the operators' way of setting a bad result folder aside while keeping it for audit.
 * Never an attempt; listed with the first line of its INVALID.md so nobody wonders where a run went.
 */
async function readInvalidFolders(source: ResultsSource, root: SourceEntry[]): Promise<Excluded[]> {
  const folders = root.filter((e) => e.isDirectory && e.name.startsWith(INVALID_PREFIX)).map((e) => e.name);
  return mapLimit(folders, IO_CONCURRENCY, async (name) => {
    const note = await source.readText(`${name}/INVALID.md`).catch(() => null);
    const line = (note ?? '')
      .split(/\r?\n/)
      .map((l) => l.replace(/^#+\s*/, '').trim())
      .find((l) => l !== '');
    return {
      path: name,
      testId: parseFolderName(name.slice(INVALID_PREFIX.length))?.testId ?? null,
      reason: line ? cutAtToken(line, MAX_REASON) : note === null ? '(no INVALID.md)' : '(INVALID.md is empty)',
    };
  });
}
