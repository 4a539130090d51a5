// Reading one promptfoo output file, either form: `-o out.json` (one object, the rows in `results.results`)
// or `-o out.jsonl` (one row per line, nothing else: no eval id, no timestamps).

import { InputError } from '../../errors.js';
import type { ResultsSource } from '../../ingest/source.js';
import { findJsonErrorOffset } from '../json-position.js';
import { scanLines } from '../line-scanner.js';
import { readRow, type Row } from './row.js';
import { rowLines } from './row-lines.js';
import { outputFileSchema } from './schemas.js';
import { validateFields } from '../validate-fields.js';
import type { Warn } from './row.js';

export interface OutputFile {
  file: string;
  format: 'json' | 'jsonl';
  evalId: string | null;
  /** When the eval started (`results.timestamp`, else `metadata.evaluationCreatedAt`). */
  startedAt: string | null;
  /** When this file was written (`metadata.exportedAt`): a retry re-exports the same eval later. */
  exportedAt: string | null;
  /** File names the eval was also written to (`config.outputPath`), e.g. `-o out.json -o out.jsonl`. */
  outputPaths: string[];
  rows: Row[];
}

export async function readOutputFile(source: ResultsSource, file: string, warn: Warn): Promise<OutputFile> {
  return /\.jsonl$/i.test(file) ? readJsonl(source, file, warn) : readJson(source, file, warn);
}

async function readJson(source: ResultsSource, file: string, warn: Warn): Promise<OutputFile> {
  let text: string | null;
  try {
    text = await source.readText(file);
  } catch (error) {
    throw new InputError(`${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text === null) throw new InputError(`${file}: not found`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: invalid JSON ${position(text)}`, { cause: error });
  }
  const top = validateFields(outputFileSchema, value, { warn, required: isRowList });
  if (!top) throw new InputError(`${file}: not a promptfoo output (no results.results list of rows)`);
  const lines = rowLines(text);
  const rows: Row[] = [];
  top.results.results.forEach((raw, index) => {
    const path = (inner: string) => `results.results[${index}]${inner === '' ? '' : `.${inner}`}`;
    const row = readRow(raw, { file, line: lines[index] ?? 0, index }, path, warn);
    if (row) rows.push(row);
  });
  if (top.results.results.length === 0) warn('results.results', 'the eval holds no rows');
  return {
    file,
    format: 'json',
    evalId: top.evalId ?? null,
    startedAt: top.results.timestamp ?? top.metadata?.evaluationCreatedAt ?? null,
    exportedAt: top.metadata?.exportedAt ?? null,
    outputPaths: outputPaths(top.config),
    rows,
  };
}

async function readJsonl(source: ResultsSource, file: string, warn: Warn): Promise<OutputFile> {
  const rows: Row[] = [];
  const scan = { firstBytes: '', anchors: [], all: true };
  for await (const lines of scanLines(source.chunks(file), scan))
    for (const [line, raw] of lines) {
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      const path = (inner: string) => `line ${line}${inner === '' ? '' : `: ${inner}`}`;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        warn(path(''), `invalid JSON ${position(text)}; skipped`);
        continue;
      }
      const row = readRow(value, { file, line, index: rows.length }, path, warn);
      if (row) rows.push(row);
    }
  if (rows.length === 0) warn('', 'the file holds no rows');
  return { file, format: 'jsonl', evalId: null, startedAt: null, exportedAt: null, outputPaths: [], rows };
}

/** The zod paths without which there is nothing to read. */
function isRowList(path: string): boolean {
  return path === 'results' || path === 'results.results';
}

function outputPaths(config: unknown): string[] {
  const value = config !== null && typeof config === 'object' ? (config as { outputPath?: unknown }).outputPath : null;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((p): p is string => typeof p === 'string').map((p) => p.split(/[\\/]/).pop()!);
}

function position(text: string): string {
  const offset = findJsonErrorOffset(text);
  if (offset < 0) return '';
  if (offset >= text.length) return 'at the end (truncated?)';
  const before = text.slice(0, offset);
  return `at line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}
