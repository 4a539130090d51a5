// The history a batch is judged on, from what ingest found (the CLI's folder or the action's branch): its
// history.json, or when that is missing, broken or of an unknown schema, the analyses beside it to rebuild it
// from, with a warning naming history.json. Never a failure.

import type { HistoryFile, Warning } from './model.js';
import { parseBaseline } from './parse/baseline.js';
import { HISTORY_FILE, parseHistoryFile } from './parse/history-file.js';
import type { JsonText } from './parse/json-text.js';
import { rebuildHistory } from './triage/history/index.js';

/** An analysis to rebuild a history from: its run (folder) name and its triage.json. */
export interface AnalysisText {
  run: string;
  text: JsonText;
  file: string;
}

/** The analyses in turn: a list, or (the action's branch) each fetched only when the one before was read. */
export type AnalysisTexts = Iterable<AnalysisText> | AsyncIterable<AnalysisText>;

export interface HistoryTexts {
  history: { text: string; file: string } | null;
  analyses: AnalysisTexts;
}

export interface LoadedHistory {
  file: HistoryFile | null;
  warnings: Warning[];
}

export async function historyFrom(found: HistoryTexts, window: number): Promise<LoadedHistory> {
  let problem: Warning | null = null;
  if (found.history) {
    const { history, warning } = parseHistoryFile(found.history.text, found.history.file);
    if (history) return { file: history, warnings: [] };
    problem = warning;
  }
  const { file, warnings, count } = await rebuildFromTexts(found.analyses, window);
  if (count === 0) return { file: null, warnings: problem ? [problem] : [] };
  const why = problem ?? {
    file: HISTORY_FILE,
    path: '',
    message: `not found; rebuilt from the ${count} analyses beside it`,
  };
  return { file, warnings: [why, ...warnings] };
}

/**
 * The history of the analyses, read one after the other: each triage.json is reduced to what a history keeps
 * as it is read, so a rebuild from twenty 30 MB files never holds two of them.
 */
export async function rebuildFromTexts(
  analyses: AnalysisTexts,
  window: number,
): Promise<{ file: HistoryFile; warnings: Warning[]; count: number }> {
  const warnings: Warning[] = [];
  const read = [];
  let count = 0;
  for await (const a of analyses) {
    count++;
    const { baseline, warnings: problems } = parseBaseline(a.text, a.file);
    warnings.push(...problems);
    if (baseline) read.push({ run: a.run, analysis: baseline });
  }
  return { file: rebuildHistory(read, window), warnings, count };
}

/**
 * A history.json without this configuration, though its analyses are beside it (written before the history
 * existed, or by a version without it): this configuration is rebuilt from them, the others kept.
 */
export async function withConfigurationRebuilt(
  file: HistoryFile,
  path: string,
  key: string,
  analyses: AnalysisTexts,
  window: number,
): Promise<LoadedHistory> {
  const rebuilt = await rebuildFromTexts(analyses, window);
  const mine = rebuilt.file.configurations.filter((c) => c.key === key);
  if (mine.length === 0) return { file, warnings: [] };
  const configurations = [...file.configurations.filter((c) => c.key !== key), ...mine].sort((a, b) =>
    a.key < b.key ? -1 : 1,
  );
  const count = mine[0]!.batches.length;
  const why: Warning = {
    file: path,
    path: '',
    message: `had no entry for ${key}; rebuilt it from the ${count} analyses of that configuration beside it`,
  };
  return { file: { ...file, configurations }, warnings: [why, ...rebuilt.warnings] };
}
