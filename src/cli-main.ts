// e2e-triage <results> [options]; e2e-triage history <dir>. See USAGE in cli-args.ts.
// Exit 0 when the analysis completed (failing tests are not an error), 1 on unusable input, 2 on usage errors.

import { once } from 'node:events';
import { basename } from 'node:path';

import { parseCommandLine, USAGE, type AnalyseCommand, type Command } from './cli-args.js';
import { loadHistory, rebuildHistoryDir, writeHistory } from './cli-history.js';
import { summaryTable, terminalSafe } from './cli-summary.js';
import { InputError, UsageError, formatError } from './errors.js';
import { findBaselineFile } from './ingest/baseline-file.js';
import { readConfigFile } from './ingest/config-file.js';
import { analysisText } from './ingest/history-dir.js';
import { openResults } from './ingest/open-results.js';
import { analyze, type AnalyzeOptions } from './pipeline.js';
import { writeFiles, type PageSink } from './publish/local-files.js';
import { triageJsonParts } from './render/index.js';
import type { HistoryFile } from './model.js';
import type { ParseHelpers } from './parse/adapter.js';
import type { TriageConfig } from './parse/config/types.js';
import { configurationKey, previousRun } from './triage/history/index.js';
import { VERSION } from './version.js';

/** Writes a long text piece by piece, waiting when the pipe is full instead of buffering it all. */
async function writeParts(out: NodeJS.WritableStream, parts: Iterable<string>): Promise<void> {
  for (const part of parts) {
    if (!out.write(part)) await once(out, 'drain');
  }
}

/** What the analysis worker (cli-worker.ts) lends a large batch. */
export interface LargeBatchAids {
  /** Threads for its parsing. */
  helpers?: ParseHelpers;
  /** V8's full collection, exposed in the worker (AnalyzeOptions.collectGarbage). */
  collectGarbage?: () => void;
  /** A thread for the short pages, started when they are written: after the analysis's peak. */
  pageWriter?: () => PageSink;
}

export async function main(
  argv: string[],
  stderrIsTTY = Boolean(process.stderr.isTTY),
  { pageWriter, ...aids }: LargeBatchAids = {},
): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    process.stderr.write(`e2e-triage: ${formatError(error)}\n${USAGE.split('\n')[0]}\n`);
    return 2;
  }
  if (command.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.command === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let opened: Awaited<ReturnType<typeof openResults>> | null = null;
  try {
    if (command.command === 'history') {
      const { batches, warnings } = await rebuildHistoryDir(command.dir, command.historyWindow);
      const lines = [`Rebuilt history.json and README.md in ${command.dir} from ${batches} batches`, ...warnings];
      process.stdout.write(`${terminalSafe(lines.join('\n'))}\n`);
      return 0;
    }
    const config = await loadConfig(command);
    opened = await openResults(command.input);
    if (stderrIsTTY && !command.json) process.stderr.write(`Analysing ${terminalSafe(command.input)}…\n`);
    const options = { ...(await analyzeOptions(command)), config, ...aids };
    const { triage, files, history } = await analyze(opened.source, options);
    const count = await writeFiles(command.out, files, pageWriter?.());
    if (history && command.history) await writeHistory(command.history, history, command.historyWindow);
    if (command.json) await writeParts(process.stdout, triageJsonParts(triage));
    else process.stdout.write(`${summaryTable(triage, command.out, count)}\n`);
    return 0;
  } catch (error) {
    if (command.debug)
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    const prefix = error instanceof InputError || error instanceof UsageError ? '' : 'unexpected error: ';
    process.stderr.write(`e2e-triage: ${prefix}${terminalSafe(formatError(error))}\n`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await opened?.cleanup();
  }
}

/** The config to triage with: checked before any results are read, so a typo costs nothing. */
async function loadConfig(command: AnalyseCommand): Promise<TriageConfig | undefined> {
  if (command.config === false) return undefined;
  const found = readConfigFile(command.config);
  if (!found) return undefined;
  if (found.found)
    process.stderr.write(`e2e-triage: using ${found.file} (--config FILE for another, --no-config for none)\n`);
  // Loaded only now: the YAML reader is a tenth of the bundle, and most runs have no config.
  const { parseConfig } = await import('./parse/config/read-config.js');
  return parseConfig(found.text, found.file);
}

/** With a history folder: its history, and (unless --baseline) the previous batch of the configuration in it. */
async function analyzeOptions(command: AnalyseCommand): Promise<AnalyzeOptions> {
  const options: AnalyzeOptions = {
    issueMode: command.issueMode,
    harness: command.harness,
    issueLabel: command.issueLabel,
  };
  if (command.baseline !== null) options.baseline = findBaselineFile(command.baseline);
  if (command.history === null) return options;
  const dir = command.history;
  const run = basename(command.out);
  let judgedOn: HistoryFile | null = null;
  options.history = async (result) => {
    const loaded = await loadHistory(dir, command.historyWindow, configurationKey(result.batch));
    judgedOn = loaded.file;
    return { file: loaded.file, run, window: command.historyWindow, warnings: loaded.warnings };
  };
  if (command.baseline === null) {
    // Called after the history is read (pipeline.ts): the batch that started last before this one.
    options.baseline = async (result) => {
      const previous = previousRun(judgedOn, result.batch, run);
      return previous ? analysisText(dir, previous) : null;
    };
  }
  return options;
}
