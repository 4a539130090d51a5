// `.eval` logs read member by member through source.archive: every compression Inspect writes, re-logged
// members, crashed runs, and broken members that cost only themselves (warnings name file, member and path).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { openArchiveBuffer } from '../../../src/ingest/archive.js';
import { analyse, type Analysis } from './analyse.js';
import { evalLog, traceback, zip, type EvalOptions, type LogSpec } from './builders.js';

const FIXTURES = '__tests__/fixtures/inspect/made';
const fixture = (name: string) => ({ [name]: readFileSync(`${FIXTURES}/${name}`) });

const SANDBOX = "RuntimeError('No services started.\\nCompose up stderr: network failed')";
const SPEC: LogSpec = {
  samples: [
    { id: 1, score: 'C' },
    { id: 2, score: 'I', limit: { type: 'message', limit: 50 } },
    { id: 3, error: "ValueError('boom')" },
    { id: 4, score: 'C', retries: [SANDBOX] },
    { id: 5, usage: null, score: 'C' },
  ],
};
const outcome = (a: Analysis) =>
  a.result.tests.map((t) => [t.testId, t.cause, t.attempts.map((x) => x.source).join('+'), t.tokens]);
const EXPECTED = [
  ['ctf_lite/1', 'passed', 'sample', 100],
  ['ctf_lite/2', 'limit', 'sample', 100],
  ['ctf_lite/3', 'crash', 'sample', 100],
  ['ctf_lite/4', 'passed', 'error-retry+sample', 100],
  ['ctf_lite/5', 'passed', 'sample', 0],
];

const one = (options: EvalOptions, spec: LogSpec = SPEC) => analyse({ 'run.eval': evalLog(spec, options) });

describe('compression methods', () => {
  it.each(['stored', 'deflate', 'zstd'] as const)('%s members give the same verdicts', async (method) => {
    expect(outcome(await one({ method }))).toEqual(EXPECTED);
  });

  it('sample members are opened only for what the summary lacks: an error, retried errors', async () => {
    // Break every sample member: only the samples that need theirs (3, 4) lose detail, with a warning each.
    const broken = Object.fromEntries([1, 2, 3, 4, 5].map((id) => [`samples/${id}_epoch_1.json`, '{broken']));
    const { result, test } = await one({ replace: broken });
    expect(result.warnings.filter((w) => w.path !== '').map((w) => w.path)).toEqual([
      'samples/3_epoch_1.json',
      'samples/4_epoch_1.json',
    ]);
    expect(test('ctf_lite/3')).toMatchObject({ cause: 'crash', error: "ValueError('boom')" });
    expect(test('ctf_lite/4').attempts[0]).toMatchObject({ source: 'error-retry', member: 'summaries.json' });
  });
});

describe('summaries of older writers (no model_usage)', () => {
  it('the tokens come from the sample members', async () => {
    const { result } = await one({ summariesWithoutUsage: true });
    expect(result.tests.map((t) => t.tokens)).toEqual([100, 100, 100, 100, 0]);
    expect(result.tests.map((t) => t.evidence[0]!.member)).toEqual(
      [1, 2, 3, 4, 5].map((id) => `samples/${id}_epoch_1.json`),
    );
  });
});

describe('zstd members with several frames (Inspect starts a new frame every 200 MiB)', () => {
  it('are read whole by archive.ts on every Node (Node 24.9 own zstd stops after the first frame)', async () => {
    const data = Buffer.from(`{"frames": "${'x'.repeat(3000)}"}`);
    const reader = await openArchiveBuffer(zip([{ name: 'm.json', data }], 'zstd', 1000), 'probe');
    try {
      expect((await reader.read('m.json', 1e6))?.toString()).toBe(data.toString());
    } finally {
      reader.close();
    }
  });

  it('decode whole', async () => {
    expect(outcome(await one({ method: 'zstd', frameBytes: 64 }))).toEqual(EXPECTED);
  });

  it('single-frame members of a committed zstd log (compressed by the zstd tool)', async () => {
    const { result } = await analyse(fixture('ctf-lite-zstd.eval'));
    expect(result.tests.map((t) => t.cause)).toEqual([
      'passed',
      'scored-low',
      'limit',
      'rate-limit',
      'crash',
      'passed',
    ]);
  });

  it('multi-frame members of a committed zstd log', async () => {
    const { result } = await analyse(fixture('ctf-lite-zstd-multiframe.eval'));
    expect(result.tests.map((t) => t.cause)).toEqual([
      'passed',
      'scored-low',
      'limit',
      'rate-limit',
      'crash',
      'passed',
    ]);
  });
});

describe('a summary of a sample still running (completed: false)', () => {
  it('gives no verdict', async () => {
    const rows = [{ id: 1, epoch: 1, scores: {}, model_usage: {}, completed: false }];
    const { test } = await one({ replace: { 'summaries.json': JSON.stringify(rows) } });
    expect(test('ctf_lite/1')).toMatchObject({ status: 'unknown', cause: 'no-verdict' });
    expect(test('ctf_lite/1').reason).toBe('the sample had not finished when the log was written (completed: false)');
  });
});

describe('re-logged members: the last entry of a name wins', () => {
  it('a requeued sample whose re-run was logged again after its summary', async () => {
    // Journal: sample 2 errored; then `inspect ctl sample requeue` ran it again and the run crashed before
    // journalling the new summary. The member, read for the error's details, is the re-run: a pass.
    const spec: LogSpec = {
      status: 'started',
      samples: [
        { id: 1, score: 'C' },
        { id: 2, error: "ValueError('x')" },
      ],
    };
    const rerun = JSON.stringify({ id: 2, epoch: 1, scores: { match: { value: 'C' } }, model_usage: {} });
    const { test } = await one({ crashed: true, extra: [{ name: 'samples/2_epoch_1.json', data: rerun }] }, spec);
    expect(test('ctf_lite/2')).toMatchObject({ status: 'pass', cause: 'passed' });
  });

  it('the committed log with samples/5_epoch_1.json written twice', async () => {
    const { test } = await analyse(fixture('ctf-lite-dup-member.eval'));
    expect(test('ctf_lite/5')).toMatchObject({ status: 'pass', cause: 'passed' });
  });
});

describe('the committed logs made by this project', () => {
  it('.json and .eval of one run read the same', async () => {
    const json = await analyse(fixture('ctf-lite.json'));
    const zipped = await analyse(fixture('ctf-lite.eval'));
    const view = (a: Analysis) => a.result.tests.map((t) => [t.testId, t.status, t.cause, t.error, t.tokens]);
    expect(view(json)).toEqual(view(zipped));
    expect(view(json)).toEqual([
      ['ctf_lite/1', 'pass', 'passed', null, 5134],
      ['ctf_lite/2', 'fail', 'scored-low', null, 4730],
      ['ctf_lite/3', 'fail', 'limit', null, 20412],
      [
        'ctf_lite/4',
        'error',
        'rate-limit',
        'RetryError(<Future at 0x7f8a2c3e5d90 state=finished raised RateLimitError>)',
        1305,
      ],
      ['ctf_lite/5', 'error', 'crash', "ValueError('Unable to parse submission: expected JSON object')", 1541],
      ['ctf_lite/6', 'pass', 'passed', null, 4983],
    ]);
    expect(zipped.test('ctf_lite/6').attempts.map((a) => a.source)).toEqual(['error-retry', 'sample']);
    expect(zipped.test('ctf_lite/6').attempts[0]!.error).toMatch(/^RuntimeError\('No services started/);
  });

  it('the crashed run: journal summaries read, unflushed samples gave no verdict', async () => {
    const { result } = await analyse(fixture('ctf-lite-started.eval'));
    expect(result.tests.map((t) => [t.testId, t.cause])).toEqual([
      ['ctf_lite/1', 'passed'],
      ['ctf_lite/2', 'scored-low'],
      ['ctf_lite/3', 'limit'],
      ['ctf_lite/4', 'no-verdict'],
      ['ctf_lite/5', 'crash'],
      ['ctf_lite/6', 'no-verdict'],
    ]);
  });
});

describe('broken members cost only themselves', () => {
  it('an unreadable header.json: _journal/start.json is read instead (the run did not record its end)', async () => {
    const { result, test } = await one({ replace: { 'header.json': '{"version": 2, "status": ' } });
    expect(result.warnings).toContainEqual({
      file: 'run.eval',
      path: 'header.json',
      message: 'invalid JSON at the end of the file (truncated?); skipped',
    });
    expect(test('ctf_lite/1').cause).toBe('passed');
  });

  it('summaries.json that is no list: the journal summaries are read instead', async () => {
    const { result } = await one({ replace: { 'summaries.json': '{"not": "a list"}' } });
    expect(result.warnings).toContainEqual({
      file: 'run.eval',
      path: 'summaries.json',
      message: 'expected a list of sample summaries; skipped',
    });
    expect(outcome({ result } as Analysis)).toEqual(EXPECTED);
  });

  it('a bad field of a summary row is dropped with a warning naming file, member and path', async () => {
    const rows = [
      { id: 1, epoch: 1, scores: { match: { value: 'C' } }, model_usage: {}, total_time: 'slow', completed: true },
      { epoch: 1, scores: { match: { value: 'C' } } },
      { id: 3, epoch: 1, scores: { match: { value: { nested: { deep: 1 } } } }, model_usage: {}, limit: 7 },
    ];
    const { result, test } = await one({ replace: { 'summaries.json': JSON.stringify(rows) } });
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        { file: 'run.eval', path: 'summaries.json: [0].total_time', message: 'expected number; value ignored' },
        { file: 'run.eval', path: 'summaries.json: [1].id', message: 'missing; sample skipped' },
        {
          file: 'run.eval',
          path: 'summaries.json: [2].scores.match.value',
          message: 'expected a string, number or boolean, or a list or dict of them; value ignored',
        },
        {
          file: 'run.eval',
          path: 'summaries.json: [2].limit',
          message: 'Invalid input: expected string, received number; value ignored',
        },
      ]),
    );
    expect(test('ctf_lite/1')).toMatchObject({ cause: 'passed', durationSeconds: null });
    // Sample 2's row had no id: its member, not covered by any summary, is read instead.
    expect(test('ctf_lite/2').evidence[0]).toMatchObject({ member: 'samples/2_epoch_1.json' });
    // Sample 3 lost its only score: nothing left to judge.
    expect(test('ctf_lite/3').cause).toBe('no-verdict');
  });

  it('a bad field of a sample member: the warning names the member and the path inside it', async () => {
    const member = JSON.stringify({
      id: 3,
      epoch: 1,
      error: { message: 42, traceback: traceback('ValueError: boom') },
    });
    const { result, test } = await one({ replace: { 'samples/3_epoch_1.json': member } });
    expect(result.warnings).toContainEqual({
      file: 'run.eval',
      path: 'samples/3_epoch_1.json: error.message',
      message: 'Invalid input: expected string, received number; value ignored',
    });
    // The traceback still names the exception.
    expect(test('ctf_lite/3')).toMatchObject({
      status: 'error',
      cause: 'crash',
      error: '(no error message)\nValueError: boom',
    });
  });

  it('a member over 64 MB (as its header declares) is skipped; the summary still decides', async () => {
    const { result, test } = await one({ declare: { 'samples/3_epoch_1.json': 100_000_000 } });
    expect(result.warnings).toContainEqual({
      file: 'run.eval',
      path: 'samples/3_epoch_1.json',
      message: '100000000 bytes is over the limit of 67108864; skipped',
    });
    expect(test('ctf_lite/3')).toMatchObject({ cause: 'crash', error: "ValueError('boom')" });
  });

  it('an .eval that is no zip is skipped with a warning; the other logs are read', async () => {
    const { result } = await analyse({ 'a.eval': 'PK\u0003\u0004 not really', 'b.eval': evalLog(SPEC) });
    expect(result.warnings[0]).toMatchObject({ file: 'a.eval', path: '' });
    expect(result.tests).toHaveLength(5);
  });

  it('when no log at all can be read, the input is unusable: one line naming the file and the problem', async () => {
    await expect(
      analyse({ 'a.eval': evalLog(SPEC, { omit: ['header.json', '_journal/start.json'] }) }),
    ).rejects.toThrow(
      'logs: no readable Inspect log (a.eval: neither header.json nor _journal/start.json could be read: not an Inspect log; skipped)',
    );
  });
});
