// From rows to tests. promptfoo writes one row per test x prompt x provider x repeat and records nothing that
// ties repeats together (`--repeat 3` gives test k the testIdx 3k, 3k+1, 3k+2): rows with the same test case,
// prompt column and provider are the runs of one test. Files of one eval (same evalId: re-exported after
// `--retry-errors`) are its history: their rows are runs of the same tests, oldest export first.

import { naturalCompare } from '../../util/natural-order.js';
import type { OutputFile } from './output-file.js';
import type { Row } from './row.js';

/** One eval: the files that hold it, oldest export first (the last one is the verdict). */
export interface EvalGroup {
  files: OutputFile[];
}

export interface TestRows {
  /** The test case alone (its hash), shared by the test's rows under every prompt and provider. */
  base: string;
  /** Test case + prompt column + provider: what makes rows runs of one test. */
  key: string;
  /** Oldest first: by export, then testIdx. The last one is the test's verdict. */
  rows: Row[];
}

/**
 * Groups files by evalId (files without one stand alone). A JSONL file that a JSON output names in its
 * `config.outputPath` is the same eval written twice: read from the JSON, which has more (ids, timestamps).
 */
export function groupEvals(
  files: OutputFile[],
  warn: (file: string, path: string, message: string) => void,
): EvalGroup[] {
  const named = new Map<string, string>();
  for (const f of files) if (f.format === 'json') for (const p of f.outputPaths) if (p !== f.file) named.set(p, f.file);
  const groups = new Map<string, OutputFile[]>();
  for (const f of files) {
    const twin = f.format === 'jsonl' ? named.get(baseName(f.file)) : undefined;
    if (twin) {
      warn(f.file, '', `the same eval as ${twin} (its config.outputPath names this file): read from ${twin}`);
      continue;
    }
    const key = f.evalId ? `eval\u0000${f.evalId}` : `file\u0000${f.file}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()]
    .map((list) => ({ files: list.sort(byExport) }))
    .sort((a, b) => naturalCompare(a.files.at(-1)!.file, b.files.at(-1)!.file));
}

/** The tests of one eval, in the order of their first row. */
export function groupTests(group: EvalGroup): TestRows[] {
  const order = new Map(group.files.map((f, i) => [f, i]));
  // A row re-exported unchanged keeps its id: the same run, not another one. The newest copy is kept.
  const seen = new Set<string>();
  const picked: { row: Row; fileOrder: number }[] = [];
  for (const file of [...group.files].reverse()) {
    for (const row of file.rows) {
      if (row.id !== null) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
      }
      picked.push({ row, fileOrder: order.get(file)! });
    }
  }
  picked.sort(
    (a, b) =>
      a.fileOrder - b.fileOrder ||
      (a.row.testIdx ?? a.row.index) - (b.row.testIdx ?? b.row.index) ||
      (a.row.promptIdx ?? 0) - (b.row.promptIdx ?? 0) ||
      a.row.index - b.row.index,
  );
  const tests = new Map<string, TestRows>();
  for (const { row } of picked) {
    const base = row.testHash ?? `row\u0000${row.file}\u0000${row.index}`;
    const key = [base, row.promptIdx, row.providerId, row.providerLabel, row.promptLabel].join('\u0000');
    const test = tests.get(key);
    if (test) test.rows.push(row);
    else tests.set(key, { base, key, rows: [row] });
  }
  return [...tests.values()].sort((a, b) => firstPosition(a) - firstPosition(b) || promptOf(a) - promptOf(b));
}

function firstPosition(test: TestRows): number {
  return Math.min(...test.rows.map((r) => r.testIdx ?? r.index));
}

function promptOf(test: TestRows): number {
  return test.rows[0]!.promptIdx ?? 0;
}

/** Oldest export first: `exportedAt`, else the eval's start, else the file name. */
function byExport(a: OutputFile, b: OutputFile): number {
  const at = (f: OutputFile) => Date.parse(f.exportedAt ?? f.startedAt ?? '') || 0;
  return at(a) - at(b) || naturalCompare(a.file, b.file);
}

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}
