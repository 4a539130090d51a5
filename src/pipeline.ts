// ingest -> parse -> triage -> render, shared by the CLI and the action. Writing and publishing are
// the callers' job, so this stays free of GitHub and of the output folder.

import type { ResultsSource } from './ingest/source.js';
import type { Harness, HistoryFile, TriageResult, Warning } from './model.js';
import { parseBaseline } from './parse/baseline.js';
import type { RepositoryPlace } from './parse/config/issue-ref.js';
import type { TriageConfig } from './parse/config/types.js';
import type { ParseHelpers } from './parse/adapter.js';
import { parseBatch } from './parse/index.js';
import type { JsonText } from './parse/json-text.js';
import { renderFiles, type IssueMode, type OutputFile } from './render/index.js';
import { compareWithBaseline } from './triage/compare.js';
import { applyHistory } from './triage/history/index.js';
import { triage } from './triage/index.js';
import { VERSION } from './version.js';

export interface AnalyzeOptions {
  issueMode: IssueMode;
  /** Read the results as this harness's instead of recognising them. */
  harness?: Harness;
  /** Given the raw credentials found in the results (the action masks them in the runner's log). */
  onSecrets?: (values: readonly string[]) => void;
  /** Threads lent to the parsing of a large batch. */
  helpers?: ParseHelpers;
  /**
   * A full garbage collection, run where a large batch has just left much garbage: before the rendering (the
   * parsed batch, and a previous analysis read for a comparison), and after the summary pages (results.md is
   * a table of every test). Left alone, V8 lets it build up into the run's peak. The CLI's worker passes V8's
   * own (bench/notes.md).
   */
  collectGarbage?: () => void;
  /** Name shown for the batch (folder or artifact name); defaults to the source's label. */
  label?: string;
  /** The label every filed issue gets (default e2e-triage). */
  issueLabel?: string;
  /** Known issues and re-run commands (.github/e2e-triage.yml, read by the caller); the defaults when absent. */
  config?: TriageConfig;
  /** Where the analysis is published: a config's `#123` links to an issue there. */
  repository?: RepositoryPlace | null;
  /** YYYY-MM-DD for the known issues' `expires`; today (UTC) when absent. */
  today?: string;
  /**
   * The previous analysis to compare with: its triage.json text, or null when one was looked for and none
   * exists, or a function that finds it once the batch's configuration is known. Leave undefined to skip
   * the comparison altogether.
   */
  baseline?: Baseline | ((triage: TriageResult) => Promise<Baseline>);
  /**
   * Judge the batch against the history of its configuration: the history as read (null: none yet), or a
   * function that reads it once the configuration is known. Leave undefined for an analysis on its own.
   */
  history?: HistoryInput | ((triage: TriageResult) => Promise<HistoryInput>);
}

type Baseline = { text: JsonText; file: string } | null;

export interface HistoryInput {
  file: HistoryFile | null;
  /** The analysis folder's name: the batch's entry in the history. */
  run: string;
  window: number;
  /** What reading it found wrong (a broken history.json is rebuilt, with a warning). */
  warnings?: Warning[];
}

export interface Analysis {
  triage: TriageResult;
  /** Rendered as they are iterated (again on every iteration): a writer holds one file at a time. */
  files: Iterable<OutputFile>;
  /** The history with this batch recorded in it, when one was given. */
  history?: HistoryFile;
}

export async function analyze(source: ResultsSource, options: AnalyzeOptions): Promise<Analysis> {
  const result = await parseAndTriage(source, options);
  let history: HistoryFile | undefined;
  if (options.history !== undefined) {
    const input = typeof options.history === 'function' ? await options.history(result) : options.history;
    result.warnings.push(...(input.warnings ?? []));
    history = applyHistory(result, input.file, input);
  }
  if (options.baseline !== undefined) {
    result.comparison = null;
    const found = typeof options.baseline === 'function' ? await options.baseline(result) : options.baseline;
    if (found) {
      const { baseline, warnings } = parseBaseline(found.text, found.file);
      result.warnings.push(...warnings);
      if (baseline) result.comparison = compareWithBaseline(result, baseline);
    }
  }
  // Only these: the files outlive the options, which can hold a previous triage.json of 30 MB.
  const { issueMode, issueLabel, collectGarbage } = options;
  return {
    triage: result,
    ...(history ? { history } : {}),
    files: { [Symbol.iterator]: () => renderFiles(result, { issueMode, label: issueLabel, collectGarbage }) },
  };
}

/**
 * Its own function so that the parsed batch is garbage once triaged: a 10,000-test batch is tens of megabytes,
 * and the previous analysis is read next.
 */
async function parseAndTriage(source: ResultsSource, options: AnalyzeOptions): Promise<TriageResult> {
  const { harness, onSecrets, helpers } = options;
  const parsed = await parseBatch(source, { harness, onSecrets, helpers });
  if (options.label) parsed.label = options.label;
  return triage(parsed, {
    toolVersion: VERSION,
    config: options.config,
    repository: options.repository ?? null,
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
}
