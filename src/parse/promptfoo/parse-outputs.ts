// promptfoo output files to a ParsedBatch: rows grouped by eval and test, each test's repeats as its attempts.
// Loaded by the adapter (index.ts) only once the results are recognised as promptfoo's.

import { InputError, formatError } from '../../errors.js';
import type { ResultsSource } from '../../ingest/source.js';
import type { Warning } from '../../model.js';
import type { ParsedBatch, ParsedTest } from '../parsed-batch.js';
import { assembleTest } from './assemble.js';
import { batchInfo } from './batch-info.js';
import { groupEvals, groupTests, type TestRows } from './group-rows.js';
import { readOutputFile, type OutputFile } from './output-file.js';
import { candidateFiles, isOutputFile } from './recognise.js';
import { assignIds } from './test-ids.js';

export async function parsePromptfoo(source: ResultsSource): Promise<ParsedBatch> {
  const names: string[] = [];
  for (const file of candidateFiles(await source.list(''))) if (await isOutputFile(source, file)) names.push(file);
  const warnings: Warning[] = [];
  const warn = (file: string, path: string, message: string) => warnings.push({ file, path, message });
  const files = await readFiles(source, names, warn);

  const groups = groupEvals(files, warn);
  // Several evals in one folder: each keeps its tests, ids prefixed with the file holding its verdict.
  const several = groups.length > 1;
  const tests: ParsedTest[] = [];
  const runs: TestRows[] = [];
  const startedAt = new Map(files.map((f) => [f.file, f.startedAt]));
  for (const group of groups) {
    const groupTestRows = groupTests(group);
    const ids = assignIds(groupTestRows, several ? `${group.files.at(-1)!.file}/` : '');
    groupTestRows.forEach((test, i) =>
      tests.push(assembleTest(test, ids[i]!, tests.length, { startedAt: (f) => startedAt.get(f) ?? null })),
    );
    runs.push(...groupTestRows);
  }
  const read = groups.flatMap((g) => g.files);
  return {
    label: label(source, read),
    batch: batchInfo(read, runs),
    sessions: 0,
    tests,
    excluded: [],
    warnings,
  };
}

/** Every output file; with several, one that cannot be read is skipped with a warning instead of stopping all. */
async function readFiles(
  source: ResultsSource,
  names: string[],
  warn: (file: string, path: string, message: string) => void,
): Promise<OutputFile[]> {
  if (names.length === 0) throw new InputError(`${source.label}: no promptfoo output file found`);
  const files: OutputFile[] = [];
  let firstError: unknown = null;
  for (const name of names) {
    try {
      files.push(await readOutputFile(source, name, (path, message) => warn(name, path, message)));
    } catch (error) {
      if (names.length === 1) throw error;
      firstError ??= error;
      warn(name, '', `${formatError(error)}; skipped`);
    }
  }
  if (files.length === 0) throw firstError;
  return files;
}

/** The output file's name (with the folder's when a folder was given); the folder's for several files. */
function label(source: ResultsSource, files: OutputFile[]): string {
  if (files.length !== 1) return source.label;
  const file = files[0]!.file;
  return source.label === file ? file : `${source.label}/${file}`;
}
