// --baseline for the CLI: a triage.json, or a folder holding one (directly or in analysis/).

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

const CANDIDATES = ['triage.json', join('analysis', 'triage.json')];

/** The previous analysis, or null when the path holds none (the caller says so in one line). */
export async function readBaselineFile(path: string): Promise<{ text: string; file: string } | null> {
  const info = await stat(path).catch(() => null);
  if (!info) return null;
  const files = info.isDirectory() ? CANDIDATES.map((c) => join(path, c)) : [path];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) return { text, file };
  }
  return null;
}
