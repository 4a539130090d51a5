// The batch's identity from its logs' headers. Inspect has no tiers, threads or sessions: tasks are part of
// the test ids instead, and samples run concurrently in one process (no lane to cascade along).

import type { BatchFormat, BatchInfo } from '../../model.js';
import type { InspectLog } from './log-record.js';

export function batchInfo(logs: readonly InspectLog[]): Omit<BatchInfo, 'source'> {
  const formats = new Set(logs.map((l) => l.format));
  const format: BatchFormat =
    formats.size > 1 ? 'inspect-mixed' : formats.has('json') ? 'inspect-json' : 'inspect-eval';
  const starts = logs.map((l) => l.startedAt ?? l.created).filter((t): t is string => Boolean(t));
  const ends = logs.map((l) => l.completedAt).filter((t): t is string => Boolean(t));
  return {
    harness: 'inspect',
    model: joined(logs.map((l) => l.model)),
    judgeModel: only(logs.map((l) => l.judgeModel)),
    tiers: [],
    startedAt: pick(starts, (a, b) => a < b),
    completedAt: pick(ends, (a, b) => a > b),
    format,
    runs: null,
    maxSubtests: null,
    thinking: null,
    threads: null,
  };
}

/** One value as itself; several (logs of different models) sorted and joined, so the text is stable. */
function joined(values: (string | null)[]): string | null {
  const distinct = [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  return distinct.length === 0 ? null : distinct.join(', ');
}

/** A grader role every log agrees on; otherwise no judge is named. */
function only(values: (string | null)[]): string | null {
  const distinct = new Set(values);
  return distinct.size === 1 ? values[0]! : null;
}

/** Compared as instants (logs carry different UTC offsets); the original text is kept. */
function pick(values: string[], better: (a: number, b: number) => boolean): string | null {
  let best: string | null = null;
  let bestMs = NaN;
  for (const value of values) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) continue;
    if (best === null || better(ms, bestMs)) {
      best = value;
      bestMs = ms;
    }
  }
  return best;
}
