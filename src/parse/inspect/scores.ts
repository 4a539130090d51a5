// A sample's scores as Inspect's own metrics read them (value_to_float in inspect_ai/scorer/_metric.py), and
// the pass rule on top: every scorer at 1.0 or above. "P" (partial credit, 0.5) is not a pass.

import type { ScoreValue } from './schemas.js';

export interface ScoreVerdict {
  /** The lowest value over every scorer (and every element of a list or dict value): what decided. */
  score: number;
  passed: boolean;
  /** `includes: "C"`, one per scorer, for the reason and the evidence. */
  shown: string[];
}

const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** value_to_float: C 1, P 0.5, I and N 0 (case-sensitive); yes/true 1, no/false 0; numeric strings; else 0. */
export function valueToFloat(value: unknown): number {
  if (typeof value === 'number') return Number.isNaN(value) ? 0 : value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return 0;
  if (value === 'C') return 1;
  if (value === 'P') return 0.5;
  if (value === 'I' || value === 'N') return 0;
  const lower = value.toLowerCase();
  if (lower === 'yes' || lower === 'true') return 1;
  if (lower === 'no' || lower === 'false') return 0;
  return NUMERIC.test(value) ? Number(value) : 0;
}

/** null when the sample carries no score at all (not scored: errored, cancelled, or no scorer). */
export function scoreVerdict(scores: Record<string, { value?: ScoreValue | undefined }> | null | undefined) {
  const shown: string[] = [];
  let lowest = Infinity;
  for (const [name, score] of Object.entries(scores ?? {})) {
    if (score.value === undefined) continue;
    for (const v of elements(score.value)) lowest = Math.min(lowest, valueToFloat(v));
    shown.push(`${name}: ${JSON.stringify(score.value).slice(0, 80)}`);
  }
  if (shown.length === 0) return null;
  return { score: lowest, passed: lowest >= 1, shown } satisfies ScoreVerdict;
}

function elements(value: ScoreValue): unknown[] {
  if (Array.isArray(value)) return value.length > 0 ? value : [0];
  if (value !== null && typeof value === 'object') {
    const values = Object.values(value);
    return values.length > 0 ? values : [0];
  }
  return [value];
}
