// The two files beside the analyses: history.json and the index README made from it. The CLI writes them into
// its history folder; the action commits them with the analysis.

import type { HistoryFile } from './model.js';
import { HISTORY_FILE } from './parse/history-file.js';
import { renderHistoryIndex, type RenderedFile } from './render/index.js';
import { historyOverview } from './triage/history/index.js';

/** At `parent` ('' for the folder itself). */
export function historyFiles(parent: string, file: HistoryFile, window: number): RenderedFile[] {
  const at = (name: string) => (parent === '' ? name : `${parent}/${name}`);
  return [
    { path: at(HISTORY_FILE), content: `${JSON.stringify(file, null, 2)}\n` },
    { path: at('README.md'), content: renderHistoryIndex(historyOverview(file, window)) },
  ];
}
