// Score values as Inspect's value_to_float reads them, and the pass rule: every scorer at 1.0 or above.

import { describe, expect, it } from 'vitest';

import { scoreVerdict, valueToFloat } from '../../../src/parse/inspect/scores.js';
import { analyseLog } from './analyse.js';
import type { ScoreValue } from './builders.js';

describe('valueToFloat', () => {
  it.each([
    ['C', 1],
    ['P', 0.5],
    ['I', 0],
    ['N', 0],
    ['c', 0], // the letters are case-sensitive: "c" is no known word and no number
    ['yes', 1],
    ['Yes', 1],
    ['TRUE', 1],
    ['no', 0],
    ['False', 0],
    ['0.75', 0.75],
    [' 1 ', 1],
    ['1e0', 1],
    ['maybe', 0],
    ['', 0],
    [1, 1],
    [0.25, 0.25],
    [2, 2],
    [true, 1],
    [false, 0],
    [null, 0],
    [NaN, 0],
  ] as const)('%j -> %d', (value, expected) => {
    expect(valueToFloat(value)).toBe(expected);
  });
});

describe('scoreVerdict', () => {
  it('takes the lowest value over scorers and over the elements of list and dict values', () => {
    expect(scoreVerdict({ a: { value: 'C' }, b: { value: 0.5 } })).toMatchObject({ score: 0.5, passed: false });
    expect(scoreVerdict({ a: { value: [1, 1] } })).toMatchObject({ score: 1, passed: true });
    expect(scoreVerdict({ a: { value: { accuracy: 1, f1: 0.8 } } })).toMatchObject({ score: 0.8, passed: false });
    expect(scoreVerdict({ a: { value: [] } })).toMatchObject({ score: 0, passed: false });
  });

  it('no scores, or scorers without a value: no verdict at all', () => {
    expect(scoreVerdict(null)).toBeNull();
    expect(scoreVerdict({})).toBeNull();
    expect(scoreVerdict({ a: {} })).toBeNull();
  });
});

describe('score kinds through a whole log', () => {
  const cases: [ScoreValue | Record<string, ScoreValue>, 'pass' | 'fail', number][] = [
    ['C', 'pass', 1],
    ['I', 'fail', 0],
    ['P', 'fail', 0.5],
    ['N', 'fail', 0],
    [1, 'pass', 1],
    [1.5, 'pass', 1.5],
    [0.99, 'fail', 0.99],
    [true, 'pass', 1],
    [false, 'fail', 0],
    ['yes', 'pass', 1],
    ['no', 'fail', 0],
    ['1.0', 'pass', 1],
    [[1, 'C'], 'pass', 1],
    [{ correct: 1, style: 'I' }, 'fail', 0],
  ];

  it.each(['json', 'eval'] as const)('%s: each value decides pass or fail as Inspect maps it', async (format) => {
    const { test } = await analyseLog(format, {
      samples: cases.map(([score], i) => ({ id: i + 1, score: score as ScoreValue })),
    });
    cases.forEach(([, status, score], i) => {
      expect(test(`ctf_lite/${i + 1}`), `case ${i + 1}`).toMatchObject({ status, score });
    });
  });

  it('several scorers: a pass needs every one of them', async () => {
    const { test } = await analyseLog('eval', {
      samples: [
        { id: 1, scores: { includes: 'C', judge: 'C' } },
        { id: 2, scores: { includes: 'C', judge: 'I' } },
      ],
    });
    expect(test('ctf_lite/1')).toMatchObject({ status: 'pass', cause: 'passed' });
    expect(test('ctf_lite/2')).toMatchObject({ status: 'fail', cause: 'scored-low' });
    expect(test('ctf_lite/2').reason).toBe('scored below a pass: includes: "C", judge: "I"');
  });
});
