// recordBatch against its first-written definition (the tests' union sorted, every batch's letters moved through
// a map, compact by `some`) on random histories: tests already in order or not, given twice, rows of letters
// shorter or longer than the tests, batches with new tests and without old ones. The fast paths (one pass
// over a history whose order already holds the batch) must give the same file.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { Category, HistoryBatch, HistoryFile } from '../../src/model.js';
import { emptyHistory, recordBatch, type HistorySource } from '../../src/triage/history/record.js';
import { outcomeOf } from '../../src/triage/history/outcome.js';
import { naturalCompare } from '../../src/util/natural-order.js';

/** The tests and batch letters recordBatch gave when first written, for the configuration it records into. */
function reference(oldTests: string[] | undefined, oldBatches: HistoryBatch[], source: HistorySource, keep: number) {
  const letters = new Map(source.tests.map((t) => [t.testId, outcomeOf(t)]));
  const tests = [...new Set([...(oldTests ?? []), ...letters.keys()])].sort(naturalCompare);
  const realigned = oldBatches.map((b) => {
    if (!oldTests) return b.outcomes;
    const at = new Map(oldTests.map((id, i) => [id, b.outcomes[i] ?? '.']));
    return tests.map((id) => at.get(id) ?? '.').join('');
  });
  const rows = [...realigned, tests.map((id) => letters.get(id) ?? '.').join('')].slice(-Math.max(1, keep));
  const kept = tests.map((_, i) => rows.some((r) => (r[i] ?? '.') !== '.'));
  if (kept.every(Boolean)) return { tests, rows };
  return {
    tests: tests.filter((_, i) => kept[i]),
    rows: rows.map((r) => [...r.padEnd(kept.length, '.')].filter((_, i) => kept[i]).join('')),
  };
}

const CATEGORY: Record<string, Category> = { P: 'pass', F: 'model-failure', X: 'framework-bug' };

function source(ids: string[], letters: string[], startedAt: string): HistorySource {
  return {
    batch: { model: 'haiku', tiers: ['T0'], startedAt, source: 'b' },
    summary: {
      total: ids.length,
      passed: 0,
      maskedPasses: 0,
      correctedPassRate: 0,
      frameworkBugs: 0,
      infrastructure: 0,
      unknown: 0,
      totalCost: 0,
      modelPassed: 0,
      modelFailed: 0,
      modelPassRate: null,
      modelPassRateCi95: null,
    },
    tests: ids.map((testId, i) => ({ testId, category: CATEGORY[letters[i % letters.length]!]!, maskedPass: false })),
    rootCauses: [],
  };
}

const id = fc.tuple(fc.constantFrom('t', 'T', 'test-', 'x'), fc.nat(30)).map(([w, n]) => `${w}${n}`);
const letter = fc.constantFrom('P', 'F', 'X', '.');

describe('recordBatch', () => {
  it('gives the tests and letters of its first definition, whatever order and shape the history has', () => {
    const scenario = fc.record({
      known: fc.array(id, { maxLength: 12 }),
      sortKnown: fc.boolean(),
      rows: fc.array(fc.array(letter, { maxLength: 15 }), { minLength: 1, maxLength: 3 }),
      batch: fc.array(id, { minLength: 1, maxLength: 12 }),
      fromKnown: fc.boolean(),
      letters: fc.array(fc.constantFrom('P', 'F', 'X'), { minLength: 1, maxLength: 5 }),
      keep: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const known = s.sortKnown ? [...new Set(s.known)].sort(naturalCompare) : s.known;
        // Often the batch runs a subset of the known tests: the common case, and the fast path.
        const ids = [
          ...new Set(s.fromKnown && known.length > 0 ? s.batch.map((_, i) => known[i % known.length]!) : s.batch),
        ];
        const batches = s.rows.map((row, i) => ({
          ...recordBatch(emptyHistory(), source(['a'], ['P'], '2026-03-01T00:00:00Z'), `old${i}`, 1).configurations[0]!
            .batches[0]!,
          startedAt: `2026-03-0${i + 1}T00:00:00Z`,
          outcomes: row.join(''),
        }));
        const file: HistoryFile = {
          ...emptyHistory(),
          configurations: [{ key: 'haiku-T0', model: 'haiku', tiers: ['T0'], tests: known, signatures: [], batches }],
        };
        const out = recordBatch(file, source(ids, s.letters, '2026-03-09T00:00:00Z'), 'new', s.keep);
        const want = reference(known, batches, source(ids, s.letters, '2026-03-09T00:00:00Z'), s.keep);
        const got = out.configurations.find((c) => c.key === 'haiku-T0')!;
        expect({ tests: got.tests, rows: got.batches.map((b) => b.outcomes) }).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });
});
