// Test ids: the description when it is unique, else test-<testIdx>; the prompt and provider appended only
// when they vary; repeats share one id.

import { describe, expect, it } from 'vitest';

import { analyse, outputJson, passed, type RowSpec } from './support/outputs.js';

const ids = async (rows: Record<string, unknown>[]) =>
  (await analyse({ 'out.json': outputJson(rows) })).tests.map((t) => t.testId);

const p1 = { raw: 'A: q', label: 'short' };
const p2 = { raw: 'Think, then answer: q', label: 'long' };
const gpt = { id: 'openai:gpt-4o-mini' };
const claude = { id: 'anthropic:messages:claude-haiku-4-5' };

const grid = (test: RowSpec, testIdx: number, columns: [RowSpec['prompt'], RowSpec['provider']][]) =>
  columns.map(([prompt, provider], promptIdx) => passed({ ...test, testIdx, promptIdx, prompt, provider }));

describe('test ids', () => {
  it('one prompt and one provider: the description alone', async () => {
    expect(await ids([passed({ description: 'adds', testIdx: 0 })])).toEqual(['adds']);
  });

  it('only providers vary: the provider (id when there is no label)', async () => {
    const columns: [RowSpec['prompt'], RowSpec['provider']][] = [
      [p1, gpt],
      [p1, claude],
    ];
    expect(await ids(grid({ description: 'adds' }, 0, columns))).toEqual([
      'adds [openai:gpt-4o-mini]',
      'adds [anthropic:messages:claude-haiku-4-5]',
    ]);
  });

  it('only prompts vary: the prompt label', async () => {
    const columns: [RowSpec['prompt'], RowSpec['provider']][] = [
      [p1, gpt],
      [p2, gpt],
    ];
    expect(await ids(grid({ description: 'adds' }, 0, columns))).toEqual(['adds [short]', 'adds [long]']);
  });

  it('an unlabelled prompt is shortened to its first 40 characters', async () => {
    const long = { raw: 'x', label: 'You are a careful assistant. Read the question twice: {{question}}' };
    const columns: [RowSpec['prompt'], RowSpec['provider']][] = [
      [p1, gpt],
      [long, gpt],
    ];
    expect((await ids(grid({ description: 'adds' }, 0, columns)))[1]).toBe(
      'adds [You are a careful assistant. Read the q…]',
    );
  });

  it('one provider listed twice under one name: the column number tells them apart', async () => {
    const columns: [RowSpec['prompt'], RowSpec['provider']][] = [
      [p1, gpt],
      [p1, gpt],
    ];
    expect(await ids(grid({ description: 'adds' }, 0, columns))).toEqual(['adds [#0]', 'adds [#1]']);
  });

  it('no description, or one shared by two test cases: test-<testIdx> of its first run', async () => {
    expect(
      await ids([
        passed({ testIdx: 0, vars: { a: 1 } }),
        passed({ description: 'twice', testIdx: 1, vars: { a: 2 } }),
        passed({ description: 'twice', testIdx: 2, vars: { a: 3 } }),
        passed({ description: 'once', testIdx: 3, vars: { a: 4 } }),
      ]),
    ).toEqual(['test-0', 'test-1', 'test-2', 'once']);
  });

  it('descriptions become one line', async () => {
    expect(await ids([passed({ description: '  adds\n\ttwo   numbers ', testIdx: 0 })])).toEqual(['adds two numbers']);
  });

  it('a description that reads like a generated id does not merge two tests', async () => {
    expect(
      await ids([
        passed({ description: 'test-1', testIdx: 0, vars: { a: 1 } }),
        passed({ testIdx: 1, vars: { a: 2 } }),
      ]),
    ).toEqual(['test-1', 'test-1 (2)']);
  });

  it('repeats share the id of their first run', async () => {
    expect(
      await ids([
        passed({ testIdx: 3, vars: { a: 1 } }),
        passed({ testIdx: 4, vars: { a: 1 } }),
        passed({ testIdx: 5, vars: { a: 1 } }),
      ]),
    ).toEqual(['test-3']);
  });
});
