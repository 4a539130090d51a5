import { describe, expect, it } from 'vitest';

import type { TriageResult } from '../../src/model.js';
import { parseBaseline } from '../../src/parse/baseline.js';
import { parseBatch } from '../../src/parse/index.js';
import { compareWithBaseline } from '../../src/triage/compare.js';
import { triage } from '../../src/triage/index.js';
import { BatchBuilder, summaryRow } from '../helpers/batch-builder.js';

const row = (id: string, status: string, cost: number, error: string | null = null, name = `Name ${id}`) =>
  summaryRow(id, status, cost, error, { name });

async function batch(rows: Record<string, unknown>[], model = 'haiku'): Promise<TriageResult> {
  const b = new BatchBuilder().withTop({ config: { model, judge_model: 'haiku', tiers: ['T0'] } });
  for (const r of rows) b.row(r);
  return triage(await parseBatch(b.source()), { toolVersion: 'test' });
}

const crash = "Experiment failed: 'TierConfig' object has no attribute 'language'";
const limit = 'RuntimeError: Experiment failed due to Claude API rate limit';

describe('compareWithBaseline', () => {
  it('covers every transition, renamed and removed tests, and root causes new, persisting and gone', async () => {
    const previous = await batch([
      row('test-001', 'pass', 0.5),
      row('test-002', 'pass', 0.5),
      row('test-003', 'fail', 1.0),
      row('test-004', 'error', 0, crash),
      row('test-005', 'pass', 0.5, null, 'Old name'),
      row('test-006', 'error', 0, limit),
    ]);
    const current = await batch([
      row('test-001', 'pass', 0.4),
      row('test-002', 'fail', 1.2),
      row('test-003', 'pass', 0.6),
      row('test-004', 'error', 0, crash),
      row('test-005', 'pass', 0.5, null, 'New name'),
      row('test-007', 'error', 0, 'ValueError: Judge response missing required field'),
    ]);
    const { baseline, warnings } = parseBaseline(JSON.stringify(previous), 'prev/triage.json');
    expect(warnings).toEqual([]);
    const c = compareWithBaseline(current, baseline!);
    expect(c.comparable).toBe(true);
    expect(Object.fromEntries(c.tests.map((t) => [t.testId, t.transition]))).toEqual({
      'test-001': 'still-passing',
      'test-002': 'new-failure',
      'test-003': 'fixed',
      'test-004': 'still-failing',
      'test-005': 'still-passing',
      'test-006': 'removed',
      'test-007': 'new-test',
    });
    expect(c.counts).toEqual({
      'new-failure': 1,
      fixed: 1,
      'still-failing': 1,
      'still-passing': 2,
      'new-test': 1,
      removed: 1,
    });
    expect(c.tests.find((t) => t.testId === 'test-005')).toMatchObject({
      before: { name: 'Old name' },
      after: { name: 'New name' },
    });
    expect(c.rootCauses.map((rc) => [rc.status, rc.signature.slice(0, 30)])).toEqual([
      ['persisting', "Experiment failed: 'TierConfig"],
      ['new', 'ValueError: Judge response mis'],
      ['gone', 'RuntimeError: Experiment faile'],
    ]);
    expect(c.passRateDelta).toBeCloseTo(3 / 6 - 3 / 6, 9);
    expect(c.totalCostDelta).toBeCloseTo(0.4 + 1.2 + 0.6 + 0.5 - (0.5 + 0.5 + 1.0 + 0.5), 9);
  });

  it('does not compare batches of another model, and says why', async () => {
    const previous = await batch([row('test-001', 'pass', 0.5)], 'sonnet');
    const current = await batch([row('test-001', 'fail', 0.5)]);
    const c = compareWithBaseline(current, parseBaseline(JSON.stringify(previous), 'p.json').baseline!);
    expect(c).toMatchObject({ comparable: false, reason: 'model changed (sonnet -> haiku)', tests: [] });
  });

  it('reads an older schemaVersion on the keys it has, and turns a broken file into a warning', async () => {
    const old = parseBaseline(
      JSON.stringify({ schemaVersion: 0, tests: [{ testId: 'test-001', status: 'pass' }] }),
      'old.json',
    );
    expect(old.baseline?.tests).toEqual([
      { testId: 'test-001', name: null, status: 'pass', category: 'unknown', maskedPass: false, rootCause: null },
    ]);
    expect(old.warnings[0]?.message).toMatch(/schemaVersion 0/);
    const current = await batch([row('test-001', 'fail', 0.5)]);
    expect(compareWithBaseline(current, old.baseline!).counts['new-failure']).toBe(1);

    const broken = parseBaseline('{"schemaVersion": 1, "tests": [', 'broken.json');
    expect(broken.baseline).toBeNull();
    expect(broken.warnings[0]).toMatchObject({
      file: 'broken.json',
      message: expect.stringMatching(/^previous analysis unreadable/),
    });
    const wrong = parseBaseline('{"schemaVersion": 1, "tests": "nope"}', 'wrong.json');
    expect(wrong.baseline).toBeNull();
    expect(wrong.warnings[0]).toMatchObject({ path: 'tests' });
  });
});
