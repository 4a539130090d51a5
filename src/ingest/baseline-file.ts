// --baseline for the CLI: a triage.json, or a folder holding one (directly or in analysis/).

import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

const CANDIDATES = ['triage.json', join('analysis', 'triage.json')];

/** The previous analysis, or null when the path holds none (the caller says so in one line). */
export async function readBaselineFile(path: string): Promise<{ text: string; file: string } | null> {
  const info = await stat(path).catch(() => null);
  if (!info) return null;
  const files = info.isDirectory() ? CANDIDATES.map((c) => join(path, c)) : [path];
  for (const file of files) {
    const text = readTextOrNull(file);
    if (text !== null) return { text, file };
  }
  return null;
}

/**
 * Read synchronously: Node then decodes the file straight into a string, where the promise API first fills a
 * Buffer as large as the file (30 MB more at the peak for a 10,000-test triage.json).
 */
export function readTextOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
