// The CLI's history folder (--history DIR): its history read, or rebuilt from the analyses in it, before the
// analysis; the history with this batch in it and its index README written after. `e2e-triage history DIR`
// rebuilds both from the analyses alone.

import { formatError } from './errors.js';
import { listAnalyses, readAnalysisText, readHistoryText } from './ingest/history-dir.js';
import type { HistoryFile, Warning } from './model.js';
import { parseBaseline } from './parse/baseline.js';
import { HISTORY_FILE, parseHistoryFile } from './parse/history-file.js';
import { writeFiles } from './publish/local-files.js';
import { renderHistoryIndex } from './render/index.js';
import { historyOverview, rebuildHistory } from './triage/history/index.js';

export interface LoadedHistory {
  file: HistoryFile | null;
  warnings: Warning[];
}

/** The folder's history; rebuilt from its analyses (with a warning naming history.json) when it cannot be used. */
export async function loadHistory(dir: string, window: number): Promise<LoadedHistory> {
  const text = await readHistoryText(dir);
  let problem: Warning | null = null;
  if (text !== null) {
    const { history, warning } = parseHistoryFile(text);
    if (history) return { file: history, warnings: [] };
    problem = warning;
  }
  const runs = await listAnalyses(dir);
  if (runs.length === 0) return { file: null, warnings: problem ? [problem] : [] };
  const rebuilt = await rebuildFromAnalyses(dir, runs, window);
  const why = problem ?? {
    file: HISTORY_FILE,
    path: '',
    message: `not found; rebuilt from the ${runs.length} analyses beside it`,
  };
  return { file: rebuilt.file, warnings: [why, ...rebuilt.warnings] };
}

export async function rebuildFromAnalyses(
  dir: string,
  runs: readonly string[],
  window: number,
): Promise<LoadedHistory & { file: HistoryFile }> {
  const warnings: Warning[] = [];
  const analyses = [];
  for (const run of runs) {
    const found = await readAnalysisText(dir, run);
    if (!found) continue;
    const { baseline, warnings: problems } = parseBaseline(found.text, found.file);
    warnings.push(...problems);
    if (baseline) analyses.push({ run, analysis: baseline });
  }
  return { file: rebuildHistory(analyses, window), warnings };
}

/** history.json and the index README into the folder. */
export function writeHistory(dir: string, file: HistoryFile, window: number): void {
  writeFiles(dir, [
    { path: HISTORY_FILE, content: `${JSON.stringify(file, null, 2)}\n` },
    { path: 'README.md', content: renderHistoryIndex(historyOverview(file, window)) },
  ]);
}

/** `e2e-triage history DIR`: both files made again from the analyses in DIR. */
export async function rebuildHistoryDir(dir: string, window: number): Promise<{ batches: number; warnings: string[] }> {
  const runs = await listAnalyses(dir);
  const { file, warnings } = await rebuildFromAnalyses(dir, runs, window);
  writeHistory(dir, file, window);
  return {
    batches: file.configurations.reduce((n, c) => n + c.batches.length, 0),
    warnings: warnings.map((w) => `${w.file}${w.path ? `: ${w.path}` : ''}: ${w.message}`).map((w) => formatError(w)),
  };
}
