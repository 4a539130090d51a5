// Several logs of one task (eval-retry, eval-set, a plain re-run): the newest decides each sample, the others
// are attempts, a pass a later broken run replaced is a masked pass. Logs of other tasks, arguments or models
// stay apart.

import { describe, expect, it } from 'vitest';

import { analyse } from './analyse.js';
import { evalLog, jsonLog, type LogSpec } from './builders.js';

const SANDBOX = "RuntimeError('No services started.\\nCompose up stderr: network failed')";
const at = (hour: number) => `2026-08-20T${String(hour).padStart(2, '0')}:00:00+00:00`;
const file = (hour: number, taskId = 'ZemHoVhkVXirrSeb6Uqtjo') =>
  `2026-08-20T${hour}-00-00+00-00_ctf_lite_${taskId}.eval`;

describe('the newest log decides each sample', () => {
  const older: LogSpec = {
    created: at(10),
    samples: [
      { id: 1, score: 'C', usage: { tokens: 900 } },
      { id: 2, score: 'I' },
      { id: 3, score: 'C', usage: null },
    ],
  };
  const newer: LogSpec = {
    created: at(11),
    status: 'error',
    error: { message: "RuntimeError('the run was torn down')" },
    sampleIds: [1, 2, 3],
    samples: [
      { id: 1, error: SANDBOX, usage: null },
      { id: 2, score: 'C' },
    ],
  };

  it('a pass the newer errored run replaced is a masked pass (tokens were spent on it)', async () => {
    const { test, result } = await analyse({ [file(11)]: evalLog(newer), [file(10)]: evalLog(older) });
    expect(test('ctf_lite/1')).toMatchObject({ status: 'error', cause: 'sandbox', maskedPass: true });
    expect(test('ctf_lite/1').attempts).toMatchObject([
      { source: 'sample', file: file(10), status: 'pass', passed: true, tokens: 900 },
      { source: 'sample', file: file(11), status: 'error', passed: false },
    ]);
    expect(test('ctf_lite/2')).toMatchObject({ status: 'pass', maskedPass: false });
    expect(result.summary).toMatchObject({ passed: 1, maskedPasses: 1, correctedPassed: 2 });
  });

  it("a sample the newer run never got to takes that run's end: here its error, and the older pass is masked", async () => {
    const { test } = await analyse({ [file(11)]: evalLog(newer), [file(10)]: evalLog(older) });
    // Sample 3 passed at no token cost: no proof of a real pass, so not masked.
    expect(test('ctf_lite/3')).toMatchObject({ status: 'unknown', cause: 'crash', maskedPass: false });
    expect(test('ctf_lite/3').attempts.map((a) => [a.source, a.file, a.passed])).toEqual([
      ['sample', file(10), true],
      ['log', file(11), false],
    ]);
    const noTokens = await analyse({
      [file(11)]: evalLog(newer),
      [file(10)]: evalLog({ ...older, samples: [{ id: 3, score: 'C', usage: { tokens: 50, cost: 0.02 } }] }),
    });
    expect(noTokens.test('ctf_lite/3')).toMatchObject({ cause: 'crash', maskedPass: true });
  });

  it('logs are ordered by eval.created (any UTC offset), not by name; a tie goes to the file name', async () => {
    const early = { ...older, created: '2026-08-20T12:00:00+02:00' }; // 10:00 UTC
    const late = { ...newer, created: '2026-08-20T07:00:00-04:00' }; // 11:00 UTC
    const byTime = await analyse({ 'b.eval': evalLog(early), 'a.eval': evalLog(late) });
    expect(byTime.test('ctf_lite/1').attempts.map((a) => a.file)).toEqual(['b.eval', 'a.eval']);
    const tie = await analyse({ 'b.eval': evalLog({ ...newer, created: at(10) }), 'a.eval': evalLog(older) });
    expect(tie.test('ctf_lite/1').attempts.map((a) => a.file)).toEqual(['a.eval', 'b.eval']);
    expect(tie.test('ctf_lite/1').cause).toBe('sandbox');
  });

  it('eval-retry: the errors it seeds into error_retries are not counted twice', async () => {
    const failed: LogSpec = { created: at(10), status: 'error', samples: [{ id: 1, error: SANDBOX }] };
    const retried: LogSpec = {
      created: at(11),
      samples: [{ id: 1, score: 'C', retries: [SANDBOX, "ValueError('flaky tool')"] }],
    };
    const { test } = await analyse({ [file(10)]: evalLog(failed), [file(11)]: evalLog(retried) });
    expect(test('ctf_lite/1').attempts.map((a) => [a.source, a.file, a.status])).toEqual([
      ['sample', file(10), 'error'],
      ['error-retry', file(11), 'error'],
      ['sample', file(11), 'pass'],
    ]);
    expect(test('ctf_lite/1').attempts[1]!.error).toBe("ValueError('flaky tool')");
  });

  it('a plain re-run (a new task_id) of the same task, model and arguments is the same task', async () => {
    const { result } = await analyse({
      [file(10, 'AAAA')]: evalLog({ ...older, taskId: 'AAAA' }),
      [file(11, 'BBBB')]: evalLog({ ...newer, taskId: 'BBBB' }),
    });
    expect(result.tests.map((t) => t.testId)).toEqual(['ctf_lite/1', 'ctf_lite/2', 'ctf_lite/3']);
    expect(result.tests[0]!.maskedPass).toBe(true);
  });

  it('one task_id is one task even when its arguments read differently (a newer Inspect lists defaults)', async () => {
    const { result } = await analyse({
      [file(10)]: evalLog(older),
      [file(11)]: evalLog({ ...newer, taskArgs: { level: 1 } }),
    });
    expect(result.tests.map((t) => t.testId)).toEqual(['ctf_lite/1', 'ctf_lite/2', 'ctf_lite/3']);
    expect(result.tests[0]!.maskedPass).toBe(true);
  });

  it('.json and .eval logs of one task mix: format inspect-mixed', async () => {
    const { result } = await analyse({ 'old.json': jsonLog(older), 'new.eval': evalLog(newer) });
    expect(result.batch.format).toBe('inspect-mixed');
    expect(result.tests[0]).toMatchObject({ cause: 'sandbox', maskedPass: true });
  });
});

describe('logs that are not runs of one task stay apart', () => {
  it('other task arguments: the arguments tell the tests apart', async () => {
    const { result } = await analyse({
      'easy.eval': evalLog({ taskId: 'E1', taskArgs: { level: 1 }, samples: [{ id: 1, score: 'C' }] }),
      'hard.eval': evalLog({ taskId: 'H2', taskArgs: { level: 2, hints: false }, samples: [{ id: 1, score: 'I' }] }),
    });
    expect(result.tests.map((t) => [t.testId, t.status])).toEqual([
      ['ctf_lite(hints=false,level=2)/1', 'fail'],
      ['ctf_lite(level=1)/1', 'pass'],
    ]);
  });

  it('other models: ids end in @<model>, and the batch names every model', async () => {
    const { result } = await analyse({
      'a.eval': evalLog({ model: 'openai/gpt-4o', taskId: 'O1', samples: [{ id: 1, score: 'C' }] }),
      'b.json': jsonLog({ model: 'anthropic/claude-sonnet-4-5', taskId: 'A1', samples: [{ id: 1, score: 'I' }] }),
    });
    expect(result.tests.map((t) => [t.testId, t.status])).toEqual([
      ['ctf_lite/1@anthropic/claude-sonnet-4-5', 'fail'],
      ['ctf_lite/1@openai/gpt-4o', 'pass'],
    ]);
    expect(result.batch.model).toBe('anthropic/claude-sonnet-4-5, openai/gpt-4o');
  });

  it('other tasks, in folders below the one holding logs (one per eval-set or per day)', async () => {
    const { result } = await analyse({
      'logs/a.eval': evalLog({ task: 'ctf_lite', samples: [{ id: 1, score: 'C' }] }),
      'logs/day2/deeper/b.eval': evalLog({ task: 'gpqa', taskId: 'G1', samples: [{ id: 'q7', score: 'I' }] }),
      'logs/day2/deeper/deeper/deeper/too-deep.eval': evalLog({ task: 'other', samples: [{ id: 1, score: 'C' }] }),
    });
    expect(result.tests.map((t) => [t.testId, t.resultDir])).toEqual([
      ['ctf_lite/1', 'a.eval'],
      ['gpqa/q7', 'day2/deeper/b.eval'],
    ]);
  });
});
