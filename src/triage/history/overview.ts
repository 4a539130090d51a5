// The history as the index README shows it: per configuration its newest batches, every test's state over them,
// and the root causes seen in more than one of them. Judged here, printed by render/.

import type { Category, HistoryBatch, HistoryFile, TestHistory } from '../../model.js';
import { naturalCompare } from '../../util/natural-order.js';
import { historyState } from './state.js';

export interface HistoryOverview {
  configurations: ConfigurationOverview[];
}

export interface ConfigurationOverview {
  key: string;
  model: string | null;
  tiers: string[];
  /** The window's batches, oldest first. */
  batches: HistoryBatch[];
  /** Every test seen in the window, with its state over it. */
  tests: TestHistory[];
  /** Root causes seen in two or more batches of the window, most often first. */
  persisting: { signature: string; category: Category; batches: number; firstSeen: string; lastSeen: string }[];
}

export function historyOverview(file: HistoryFile, window: number): HistoryOverview {
  const configurations = [...file.configurations]
    .sort((a, b) => naturalCompare(a.key, b.key))
    .map((c): ConfigurationOverview => {
      const batches = c.batches.slice(-window);
      const tests = c.tests.map((testId, i) => {
        const outcomes = batches.map((b) => b.outcomes[i] ?? '.').join('');
        return { testId, outcomes, ...historyState(outcomes) };
      });
      const persisting = c.signatures
        .map((s) => ({ s, seenIn: batches.filter((b) => b.rootCauses.includes(s.id)) }))
        .filter(({ seenIn }) => seenIn.length >= 2)
        .sort((a, b) => b.seenIn.length - a.seenIn.length || naturalCompare(a.s.signature, b.s.signature))
        .map(({ s, seenIn }) => ({
          signature: s.signature,
          category: s.category,
          batches: seenIn.length,
          firstSeen: s.firstSeen,
          lastSeen: seenIn.at(-1)!.run,
        }));
      return { key: c.key, model: c.model, tiers: c.tiers, batches, tests, persisting };
    });
  return { configurations };
}
