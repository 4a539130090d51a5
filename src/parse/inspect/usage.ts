// Tokens and dollars of one sample from its model_usage (one entry per model it called). Inspect prices
// usage only when given prices (--model-cost-config): without them the cost is unknown, never guessed.

import type { RawModelUsage } from './schemas.js';

export interface Usage {
  tokens: number | null;
  /** Dollars, when every model entry carries total_cost. */
  cost: number | null;
  /** Tokens were spent but no price was logged. */
  unpriced: boolean;
}

/** Absent usage (summaries of older Inspect versions) is unknown; an empty one is no model call at all. */
export function usageOf(modelUsage: Record<string, RawModelUsage> | null | undefined): Usage {
  if (modelUsage === null || modelUsage === undefined) return { tokens: null, cost: null, unpriced: false };
  const entries = Object.values(modelUsage);
  if (entries.length === 0) return { tokens: 0, cost: null, unpriced: false };
  let tokens = 0;
  let cost = 0;
  let priced = true;
  for (const u of entries) {
    tokens += finite(u.total_tokens) ?? (finite(u.input_tokens) ?? 0) + (finite(u.output_tokens) ?? 0);
    const dollars = finite(u.total_cost);
    if (dollars === null) priced = false;
    else cost += dollars;
  }
  return { tokens, cost: priced ? round(cost) : null, unpriced: !priced && tokens > 0 };
}

function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function round(dollars: number): number {
  return Math.round(dollars * 1e6) / 1e6;
}
