// The CLI's history folder (--history DIR): its history read, or rebuilt from the analyses in it, before the
// analysis; the history with this batch in it and its index README written after. `e2e-triage history DIR`
// rebuilds both from the analyses alone.

import {
  historyFrom,
  rebuildFromTexts,
  withConfigurationRebuilt,
  type AnalysisText,
  type LoadedHistory,
} from './history-input.js';
import { historyFiles } from './history-output.js';
import { analysisText, HISTORY_JSON, listAnalyses, readHistoryText } from './ingest/history-dir.js';
import type { HistoryFile } from './model.js';
import { writeFiles } from './publish/local-files.js';

/** The history of the folder for a batch of configuration `key`. */
export async function loadHistory(dir: string, window: number, key: string): Promise<LoadedHistory> {
  const text = await readHistoryText(dir);
  const history = text === null ? null : { text, file: HISTORY_JSON };
  // The analyses are read only when history.json cannot be used, or lacks this configuration.
  if (history) {
    const loaded = await historyFrom({ history, analyses: [] }, window);
    if (loaded.file?.configurations.some((c) => c.key === key)) return loaded;
    if (loaded.file) return withConfigurationRebuilt(loaded.file, HISTORY_JSON, key, await readAnalyses(dir), window);
  }
  return historyFrom({ history, analyses: await readAnalyses(dir) }, window);
}

/** The analyses in the folder, each read only when parsed: a rebuild holds one triage.json at a time. */
async function readAnalyses(dir: string): Promise<AnalysisText[]> {
  const analyses = [];
  for (const run of listAnalyses(dir)) {
    const found = analysisText(dir, run);
    if (found) analyses.push({ run, ...found });
  }
  return analyses;
}

/** history.json and the index README into the folder. */
export async function writeHistory(dir: string, file: HistoryFile, window: number): Promise<void> {
  await writeFiles(dir, historyFiles('', file, window));
}

/** `e2e-triage history DIR`: both files made again from the analyses in DIR. */
export async function rebuildHistoryDir(dir: string, window: number): Promise<{ batches: number; warnings: string[] }> {
  const { file, warnings } = await rebuildFromTexts(await readAnalyses(dir), window);
  await writeHistory(dir, file, window);
  return {
    batches: file.configurations.reduce((n, c) => n + c.batches.length, 0),
    warnings: warnings.map((w) => `${w.file}${w.path ? `: ${w.path}` : ''}: ${w.message}`),
  };
}
