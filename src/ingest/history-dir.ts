// A folder of analyses (the CLI's --history DIR): its history.json and the triage.json of each analysis in it,
// as text for parse/. Nothing here decides anything.

import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

import type { JsonText } from '../parse/json-text.js';
import { readTextOrNull, textInPieces } from './baseline-file.js';

export const HISTORY_JSON = 'history.json';

export async function readHistoryText(dir: string): Promise<string | null> {
  return readTextOrNull(join(dir, HISTORY_JSON));
}

/** The analyses in the folder: each sub-folder holding a triage.json, by name. */
export function listAnalyses(dir: string): string[] {
  return entriesOf(dir)
    .filter((entry) => entry.isDirectory() && entriesOf(join(dir, entry.name)).some((e) => e.name === 'triage.json'))
    .map((entry) => entry.name)
    .sort();
}

/** A folder's entries; none when it cannot be read. */
function entriesOf(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** A run's triage.json, read when parsed (a piece at a time), or null when the run has none. */
export function analysisText(dir: string, run: string): { text: JsonText; file: string } | null {
  const text = textInPieces(join(dir, run, 'triage.json'));
  return text === null ? null : { text, file: `${run}/triage.json` };
}
