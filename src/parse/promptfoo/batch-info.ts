// The batch's identity from what promptfoo records: the providers under test (their ids name the models),
// the judges named in the assertions, and the eval's own timestamps (there are none per row).

import type { BatchInfo } from '../../model.js';
import { isModelGraded } from './assertion-kinds.js';
import type { TestRows } from './group-rows.js';
import type { OutputFile } from './output-file.js';

export function batchInfo(files: OutputFile[], tests: TestRows[]): Omit<BatchInfo, 'source'> {
  const rows = tests.flatMap((t) => t.rows);
  const starts = files.map((f) => f.startedAt).filter((s): s is string => s !== null);
  const ends = files.map((f) => f.exportedAt).filter((s): s is string => s !== null);
  return {
    harness: 'promptfoo',
    // The provider id (`openai:gpt-4o-mini`), not its label: a label can stay while the model behind it changes,
    // and the baseline must then not compare as the same configuration.
    model: joined(rows.map((r) => r.providerId ?? r.providerLabel)),
    judgeModel: joined(rows.flatMap((r) => r.asserts.filter((a) => isModelGraded(a.type)).map((a) => a.providerId))),
    tiers: [],
    startedAt: pick(starts, (a, b) => a < b),
    completedAt: pick(ends, (a, b) => a > b),
    format: files.some((f) => f.format === 'json') ? 'promptfoo-json' : 'promptfoo-jsonl',
    runs: repeats(tests),
    maxSubtests: null,
    thinking: null,
    threads: null,
  };
}

/** `--repeat N`: the most runs one test has within one file (1 without repeats). */
function repeats(tests: TestRows[]): number | null {
  let most = 0;
  for (const test of tests) {
    const perFile = new Map<string, number>();
    for (const row of test.rows) perFile.set(row.file, (perFile.get(row.file) ?? 0) + 1);
    most = Math.max(most, ...perFile.values());
  }
  return most === 0 ? null : most;
}

/** One name, or every distinct one sorted and joined; null when there is none. */
function joined(values: (string | null)[]): string | null {
  const distinct = [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort();
  return distinct.length === 0 ? null : distinct.join(', ');
}

function pick(values: string[], better: (a: number, b: number) => boolean): string | null {
  let best: string | null = null;
  for (const v of values) {
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) continue;
    if (best === null || better(ms, Date.parse(best))) best = v;
  }
  return best;
}
