// The history: the state rules on the P/F letters (every rule and its edges), the window, tests missing from
// some batches, masked passes, tests with no model signal, re-analysis, batches analysed out of order, the
// file staying small, and where each root cause was first seen.

import { describe, expect, it } from 'vitest';

import type { Category, HistoryFile, TriageResult } from '../../src/model.js';
import { applyHistory, mergeInto } from '../../src/triage/history/index.js';
import { outcomeOf } from '../../src/triage/history/outcome.js';
import {
  batchHistory,
  emptyHistory,
  recordBatch,
  rootCauseHistory,
  type HistorySource,
} from '../../src/triage/history/record.js';
import { historyState } from '../../src/triage/history/state.js';

describe('the state of a test (P/F letters only; X and . say nothing)', () => {
  it.each([
    // rule 1: new, fewer than 3 letters
    ['', 'new', 0, 0, 0],
    ['PF', 'new', 1, 1, 1],
    ['XX.P.F', 'new', 1, 1, 1],
    // rule 2: flaky, flips >= 2 and flips / (n - 1) >= 0.3
    ['PFP', 'flaky', 2, 2, 1],
    ['PPPPPPFPF', 'flaky', 3, 7, 2],
    ['PPPPPPPFPP', 'passing', 2, 9, 1], // 2 flips / 9 = 0.22: under 0.3
    ['PPPPPPFPP', 'passing', 2, 8, 1], // 2 / 8 = 0.25: not flaky
    ['PPPPPPPFPFF', 'flaky', 3, 8, 3], // 3 / 10 = 0.3 exactly: flaky
    ['PPPPPPPPFPFF', 'passing', 3, 9, 3], // 3 / 11 = 0.27: not flaky; not regressed (an F before the last run)
    // rule 3: regressed, last F, the letters before the trailing run of F at least 3 and all P
    ['PPPF', 'regressed', 1, 3, 1],
    ['PPPFF', 'regressed', 1, 3, 2],
    ['PPPFFF', 'regressed', 1, 3, 3],
    ['PPF', 'passing', 1, 2, 1], // only 2 before the F
    ['FPPPF', 'flaky', 2, 3, 2],
    // rule 4: fixed, the mirror
    ['FFFP', 'fixed', 1, 1, 3],
    ['FFFPP', 'fixed', 1, 2, 3],
    ['FFP', 'failing', 1, 1, 2],
    // rule 5: failing, F at least half
    ['FFFF', 'failing', 0, 0, 4],
    ['PPFF', 'failing', 1, 2, 2],
    ['FFFFFFFFFP' + 'P'.repeat(0), 'fixed', 1, 1, 9],
    // rule 6: passing
    ['PPPP', 'passing', 0, 4, 0],
    ['PPPPPPPPPF'.replace('F', 'P'), 'passing', 0, 10, 0],
    // X and . are skipped, so a test with no model signal stays new
    ['XXXXXXXX', 'new', 0, 0, 0],
    ['P.X.P.X.P.F', 'regressed', 1, 3, 1],
  ])('%s → %s', (outcomes, state, flips, passes, fails) => {
    expect(historyState(outcomes)).toEqual({ state, flips, passes, fails });
  });

  it('the first rule that applies wins: flaky before regressed and fixed', () => {
    // PFPPPF: flips 3 / 5 = 0.6, flaky; the trailing F also follows PFPPP, which is not all P anyway.
    expect(historyState('PFPPPF').state).toBe('flaky');
    // PPPPPFPF: 3 flips / 7 = 0.43: flaky though the last letter is F after P.
    expect(historyState('PPPPPFPF').state).toBe('flaky');
  });
});

describe('outcome letters', () => {
  it('P for a pass or a masked pass, F for a model failure, X for everything without a model signal', () => {
    expect(outcomeOf({ category: 'pass', maskedPass: false })).toBe('P');
    expect(outcomeOf({ category: 'framework-bug', maskedPass: true })).toBe('P');
    expect(outcomeOf({ category: 'model-failure', maskedPass: false })).toBe('F');
    expect(outcomeOf({ category: 'model-failure', maskedPass: true })).toBe('P');
    for (const category of ['framework-bug', 'infrastructure', 'unknown'] as Category[])
      expect(outcomeOf({ category, maskedPass: false })).toBe('X');
  });
});

/** A batch of the configuration haiku/T0 whose tests have these letters ('P', 'F', 'X', 'M' masked pass). */
function batch(startedAt: string | null, letters: Record<string, string>, rootCauses: string[] = []): HistorySource {
  const tests = Object.entries(letters).map(([testId, l]) => ({
    testId,
    category: (l === 'P' ? 'pass' : l === 'F' ? 'model-failure' : 'framework-bug') as Category,
    maskedPass: l === 'M',
  }));
  const count = (l: string) => Object.values(letters).filter((x) => x === l).length;
  return {
    batch: { model: 'haiku', tiers: ['T0'], startedAt, source: 'b' },
    summary: {
      total: tests.length,
      passed: count('P'),
      maskedPasses: count('M'),
      correctedPassRate: 0,
      frameworkBugs: count('X') + count('M'),
      infrastructure: 0,
      unknown: 0,
      totalCost: 1,
      modelPassed: count('P') + count('M'),
      modelFailed: count('F'),
      modelPassRate: null,
      modelPassRateCi95: null,
    },
    tests,
    rootCauses: rootCauses.map((signature) => ({ signature, category: 'framework-bug' as Category })),
  };
}

const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T08:00:00Z`;

/** Records the batches in this order, each as run r<day>. */
function record(batches: [number, Record<string, string>, string[]?][], keep = 20): HistoryFile {
  return batches.reduce(
    (file, [d, letters, rcs]) => recordBatch(file, batch(day(d), letters, rcs), `r${d}`, keep),
    emptyHistory(),
  );
}

const outcomesOf = (file: HistoryFile, d: number, letters: Record<string, string>, window = 20) =>
  Object.fromEntries(
    batchHistory(file, batch(day(d), letters), `r${d}`, window).tests.map((t) => [t.testId, t.outcomes]),
  );

describe('the window of a batch', () => {
  it('is one letter per batch, oldest first, with . where a test was not in a batch', () => {
    const file = record([
      [1, { a: 'P', b: 'F' }],
      [2, { a: 'P', c: 'X' }],
      [3, { a: 'F', b: 'M', c: 'F' }],
    ]);
    expect(outcomesOf(file, 3, { a: 'F', b: 'M', c: 'F' })).toEqual({ a: 'PPF', b: 'F.P', c: '.XF' });
    const history = batchHistory(file, batch(day(3), { a: 'F', b: 'M', c: 'F' }), 'r3', 20);
    expect(history).toMatchObject({ batches: 3, window: 20 });
    expect(history.runs.map((r) => r.run)).toEqual(['r1', 'r2', 'r3']);
  });

  it('holds the newest N batches up to this one, and not the ones after it', () => {
    const file = record(
      [1, 2, 3, 4, 5, 6].map((d) => [d, { a: d % 2 ? 'P' : 'F' }] as [number, Record<string, string>]),
    );
    expect(outcomesOf(file, 6, { a: 'F' }, 3)).toEqual({ a: 'FPF' });
    expect(outcomesOf(file, 6, { a: 'F' }, 6)).toEqual({ a: 'PFPFPF' });
    expect(outcomesOf(file, 6, { a: 'F' }, 100)).toEqual({ a: 'PFPFPF' });
    // An older batch analysed again sees its own past, not its future.
    expect(outcomesOf(file, 3, { a: 'P' }, 20)).toEqual({ a: 'PFP' });
  });

  it('orders batches by start, whatever order they were analysed in, and keeps one entry per run', () => {
    const file = record([
      [5, { a: 'F' }],
      [2, { a: 'P' }],
      [9, { a: 'F' }],
      [2, { a: 'P' }], // the same folder analysed again: replaced, not added
    ]);
    const runs = file.configurations[0]!.batches.map((b) => b.run);
    expect(runs).toEqual(['r2', 'r5', 'r9']);
    expect(outcomesOf(file, 9, { a: 'F' })).toEqual({ a: 'PFF' });
  });

  it('keeps only the newest batches and the tests they hold, so the file stays O(tests x window)', () => {
    const file = record(
      [
        [1, { gone: 'P', a: 'P' }],
        [2, { a: 'P' }],
        [3, { a: 'F', b: 'P' }],
      ],
      2,
    );
    const configuration = file.configurations[0]!;
    expect(configuration.batches.map((b) => b.run)).toEqual(['r2', 'r3']);
    expect(configuration.tests).toEqual(['a', 'b']);
    expect(configuration.batches.map((b) => b.outcomes)).toEqual(['P.', 'FP']);
  });

  it('keeps configurations apart', () => {
    const other = {
      ...batch(day(2), { a: 'F' }),
      batch: { model: 'sonnet', tiers: ['T0'], startedAt: day(2), source: 's' },
    };
    const file = recordBatch(record([[1, { a: 'P' }]]), other, 'sonnet-run', 20);
    expect(file.configurations.map((c) => c.key)).toEqual(['haiku-T0', 'sonnet-T0']);
    expect(outcomesOf(file, 1, { a: 'P' })).toEqual({ a: 'P' });
  });
});

describe('root causes over the history', () => {
  it('say where their signature first appears in the window, and whether the configuration ever had it', () => {
    const file = record([
      [1, { a: 'X' }, ['crash A']],
      [2, { a: 'X' }, ['crash A', 'crash B']],
      [3, { a: 'X' }, ['crash A', 'crash B', 'crash C']],
    ]);
    const now = batch(day(3), { a: 'X' }, ['crash A', 'crash B', 'crash C']);
    expect(rootCauseHistory(file, now, 'r3', 20)).toEqual([
      { firstSeen: 'r1', new: false },
      { firstSeen: 'r2', new: false },
      { firstSeen: 'r3', new: true },
    ]);
    // With a window of 1, crash A first appears (in the window) in r3, but it is not new to the configuration.
    expect(rootCauseHistory(file, now, 'r3', 1)[0]).toEqual({ firstSeen: 'r3', new: false });
  });

  it('stay new when the same batch is analysed again, and move back when an older batch is analysed later', () => {
    let file = record([[5, { a: 'X' }, ['crash A']]]);
    file = recordBatch(file, batch(day(5), { a: 'X' }, ['crash A']), 'r5', 20);
    expect(rootCauseHistory(file, batch(day(5), { a: 'X' }, ['crash A']), 'r5', 20)[0]!.new).toBe(true);
    file = recordBatch(file, batch(day(1), { a: 'X' }, ['crash A']), 'r1', 20);
    expect(rootCauseHistory(file, batch(day(5), { a: 'X' }, ['crash A']), 'r5', 20)[0]).toEqual({
      firstSeen: 'r1',
      new: false,
    });
  });
});

describe('the history kept in the file', () => {
  const asResult = (source: HistorySource) => ({ ...source, warnings: [] }) as unknown as TriageResult;
  const stored = (days: number[], keep = 3) =>
    days.reduce((file, d) => recordBatch(file, batch(day(d), { a: d % 2 ? 'P' : 'F' }), `r${d}`, keep), emptyHistory());

  it('an old batch analysed again is judged on the batches before it, though the file keeps only newer ones', () => {
    const file = stored([5, 6, 7]);
    const result = asResult(batch(day(2), { a: 'F' }));
    const updated = applyHistory(result, file, { run: 'r2', window: 3 });
    expect(result.history?.batches).toBe(1);
    expect(result.history?.tests[0]).toMatchObject({ outcomes: 'F', state: 'new' });
    expect(updated.configurations[0]!.batches.map((b) => b.run)).toEqual(['r5', 'r6', 'r7']);
  });

  it('a run with a smaller window does not cut what the file keeps for later runs', () => {
    const file = stored([1, 2, 3, 4, 5], 5);
    const result = asResult(batch(day(6), { a: 'F' }));
    const updated = applyHistory(result, file, { run: 'r6', window: 2 });
    expect(result.history?.tests[0]?.outcomes).toBe('PF');
    expect(updated.configurations[0]!.batches).toHaveLength(5);
    expect(
      mergeInto(updated, asResult(batch(day(7), { a: 'P' })), { run: 'r7', window: 2 }).configurations[0]!.batches,
    ).toHaveLength(5);
  });

  it('warns when the analysis folder held another batch, and drops that batch from every configuration', () => {
    const file = stored([1, 2]);
    const result = asResult({
      ...batch(day(9), { a: 'P' }),
      batch: { model: 'sonnet', tiers: ['T0'], startedAt: day(9), source: 'other' },
    });
    const updated = applyHistory(result, file, { run: 'r2', window: 20 });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        file: 'history.json',
        message: expect.stringContaining('"r2" (b, started 2026-03-02T08:00:00Z) was another batch'),
      }),
    ]);
    expect(updated.configurations.map((c) => [c.key, c.batches.map((b) => b.run)])).toEqual([
      ['haiku-T0', ['r1']],
      ['sonnet-T0', ['r2']],
    ]);
  });

  it('analysing the same batch again into its folder is no warning', () => {
    const result = asResult(batch(day(2), { a: 'F' }));
    applyHistory(result, stored([1, 2]), { run: 'r2', window: 20 });
    expect(result.warnings).toEqual([]);
  });
});
