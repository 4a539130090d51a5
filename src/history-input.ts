// The history a batch is judged on, from what ingest found (the CLI's folder or the action's branch): its
// history.json, or when that is missing, broken or of an unknown schema, the analyses beside it to rebuild it
// from, with a warning naming history.json. Never a failure.

import type { HistoryFile, Warning } from './model.js';
import { parseBaseline } from './parse/baseline.js';
import { HISTORY_FILE, parseHistoryFile } from './parse/history-file.js';
import type { JsonText } from './parse/json-text.js';
import { rebuildHistory } from './triage/history/index.js';

export interface HistoryTexts {
  history: { text: string; file: string } | null;
  analyses: readonly { run: string; text: JsonText; file: string }[];
}

export interface LoadedHistory {
  file: HistoryFile | null;
  warnings: Warning[];
}

export function historyFrom(found: HistoryTexts, window: number): LoadedHistory {
  let problem: Warning | null = null;
  if (found.history) {
    const { history, warning } = parseHistoryFile(found.history.text, found.history.file);
    if (history) return { file: history, warnings: [] };
    problem = warning;
  }
  if (found.analyses.length === 0) return { file: null, warnings: problem ? [problem] : [] };
  const { file, warnings } = rebuildFromTexts(found.analyses, window);
  const why = problem ?? {
    file: HISTORY_FILE,
    path: '',
    message: `not found; rebuilt from the ${found.analyses.length} analyses beside it`,
  };
  return { file, warnings: [why, ...warnings] };
}

export function rebuildFromTexts(
  analyses: readonly { run: string; text: JsonText; file: string }[],
  window: number,
): { file: HistoryFile; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const read = [];
  for (const a of analyses) {
    const { baseline, warnings: problems } = parseBaseline(a.text, a.file);
    warnings.push(...problems);
    if (baseline) read.push({ run: a.run, analysis: baseline });
  }
  return { file: rebuildHistory(read, window), warnings };
}

/**
 * A history.json without this configuration, though its analyses are beside it (written before the history
 * existed, or by a version without it): this configuration is rebuilt from them, the others kept.
 */
export function withConfigurationRebuilt(
  file: HistoryFile,
  path: string,
  key: string,
  analyses: readonly { run: string; text: JsonText; file: string }[],
  window: number,
): LoadedHistory {
  const rebuilt = rebuildFromTexts(analyses, window);
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
