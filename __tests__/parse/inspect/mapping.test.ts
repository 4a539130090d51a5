// Every row of the Inspect mapping (docs/triage-rules.md, "Inspect AI"), in both log formats, through parseBatch
// and triage: cause, category, status, reason, error text, evidence and attempts.

import { describe, expect, it } from 'vitest';

import { analyseLog, type Format } from './analyse.js';
import { traceback, type SampleSpec } from './builders.js';

const FORMATS: Format[] = ['json', 'eval'];

const RATE_LIMIT = {
  message: 'RetryError(<Future at 0x7f8a2c3e5d90 state=finished raised RateLimitError>)',
  traceback: [
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.12/site-packages/anthropic/_base_client.py", line 1625, in request',
    '    raise self._make_status_error_from_response(err.response) from None',
    "anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error'}}",
    '',
    'The above exception was the direct cause of the following exception:',
    '',
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.12/site-packages/tenacity/asyncio/__init__.py", line 157, in iter',
    '    raise retry_exc from fut.exception()',
    'tenacity.RetryError: RetryError[<Future at 0x7f8a2c3e5d90 state=finished raised RateLimitError>]',
  ].join('\n'),
};
const SANDBOX =
  "RuntimeError('No services started.\\nCompose up stderr:  Network inspect-ctf-lite-i7k2qm_default  Creating\\n Network inspect-ctf-lite-i7k2qm_default  Error\\nfailed to create network inspect-ctf-lite-i7k2qm_default: Error response from daemon: all predefined address pools have been fully subnetted\\n')";

describe.each(FORMATS)('the mapping, %s logs', (format) => {
  const one = async (sample: SampleSpec) => {
    const { test, result } = await analyseLog(format, { samples: [sample] });
    return { t: test(`ctf_lite/${sample.id}`), result };
  };

  it('no error and a passing score: passed', async () => {
    const { t } = await one({ id: 1, score: 'C' });
    expect(t).toMatchObject({ status: 'pass', cause: 'passed', category: 'pass', score: 1, error: null });
    expect(t.reason).toBe('every scorer passed (match: "C")');
    expect(t.attempts).toMatchObject([{ source: 'sample', status: 'pass', passed: true, tokens: 100 }]);
  });

  it('a failing score: scored-low (a model failure), status fail', async () => {
    const { t } = await one({ id: 2, score: 'I' });
    expect(t).toMatchObject({ status: 'fail', cause: 'scored-low', category: 'model-failure', score: 0, error: null });
    expect(t.reason).toBe('scored below a pass: match: "I"');
    expect(t.rootCause).toBeNull();
  });

  it('partial credit is not a pass', async () => {
    const { t } = await one({ id: 3, score: 'P' });
    expect(t).toMatchObject({ status: 'fail', cause: 'scored-low', score: 0.5 });
    expect(t.reason).toContain('partial credit is not a pass');
  });

  it.each(['token', 'message', 'turn', 'context', 'cost', 'time', 'working', 'custom'])(
    'a %s limit: limit (a model failure), the limit named in the reason',
    async (type) => {
      const { t } = await one({ id: 4, score: 'I', limit: { type, limit: 20000 } });
      expect(t).toMatchObject({ status: 'fail', cause: 'limit', category: 'model-failure', error: null });
      expect(t.reason).toMatch(new RegExp(`ran out of its ${type}.* limit`));
      expect(t.reason).toContain('then scored match: "I"');
      expect(t.evidence.map((e) => e.text).join('\n')).toMatch(new RegExp(`limit: ${type}`));
    },
  );

  it('an operator limit: a person stopped the sample (interrupted, infrastructure)', async () => {
    const { t, result } = await one({ id: 5, score: 'I', limit: { type: 'operator' } });
    expect(t).toMatchObject({ status: 'fail', cause: 'interrupted', category: 'infrastructure' });
    expect(result.rootCauses[0]?.signature).toBe('stopped by an operator (operator limit)');
  });

  it('a limit that still scored a pass is a pass', async () => {
    const { t } = await one({ id: 6, score: 'C', limit: { type: 'token' } });
    expect(t).toMatchObject({ status: 'pass', cause: 'passed' });
  });

  it('a rate-limit error: rate-limit (infrastructure), status error, clustered without the object address', async () => {
    const { t, result } = await one({ id: 7, error: RATE_LIMIT });
    expect(t).toMatchObject({ status: 'error', cause: 'rate-limit', category: 'infrastructure', score: null });
    expect(t.error).toBe(RATE_LIMIT.message);
    expect(result.rootCauses[0]).toMatchObject({
      category: 'infrastructure',
      signature: 'RetryError(<Future at <addr> state=finished raised RateLimitError>)',
      tests: ['ctf_lite/7'],
    });
  });

  it('a 429 error code is a rate limit too', async () => {
    const { t } = await one({
      id: 8,
      error: "RateLimitError(\"Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o'}}\")",
    });
    expect(t.cause).toBe('rate-limit');
  });

  it.each([
    'RetryError(<Future at 0x7f11bb22cc00 state=finished raised APIConnectionError>)',
    "InternalServerError(\"Error code: 500 - {'type': 'error'}\")",
    "OverloadedError(\"Error code: 529 - {'type': 'overloaded_error'}\")",
    "APITimeoutError('Request timed out.')",
  ])('a connection or server error: api-error (infrastructure): %s', async (message) => {
    const { t } = await one({ id: 9, error: message });
    expect(t).toMatchObject({ status: 'error', cause: 'api-error', category: 'infrastructure' });
  });

  it.each([
    SANDBOX,
    "PrerequisiteError('ERROR: Docker sandbox environments require a working Docker engine.')",
    "RuntimeError('Failed to build docker containers')",
  ])('a sandbox failure: sandbox (infrastructure): %s', async (message) => {
    const { t } = await one({ id: 10, error: message });
    expect(t).toMatchObject({ status: 'error', cause: 'sandbox', category: 'infrastructure' });
    expect(t.reason).toContain('the sandbox (Docker) failed');
  });

  it('any other exception: crash (a framework bug), its message as the error and clustered by it', async () => {
    const message = "ValueError('Unable to parse submission: expected JSON object')";
    const { t, result } = await one({ id: 11, error: message, scores: { match: 'I' } });
    // --score-on-error scores an errored sample: the error still wins.
    expect(t).toMatchObject({ status: 'error', cause: 'crash', category: 'framework-bug', error: message });
    expect(t.reason).toBe('the sample stopped with an error: an exception in solver, scorer or tool code');
    expect(result.rootCauses[0]?.signature).toBe('ValueError: Unable to parse submission: expected JSON object');
  });

  it('the last traceback line joins the message when it says more (a chained cause)', async () => {
    const { t } = await one({
      id: 12,
      error: { message: "RuntimeError('scorer failed')", traceback: traceback("KeyError: 'expected_flag'") },
    });
    expect(t.error).toBe("RuntimeError('scorer failed')\nKeyError: 'expected_flag'");
  });

  it('a cancelled sample (a sibling failed, the task was torn down): interrupted', async () => {
    const { t } = await one({ id: 13, error: "CancelledError('Cancelled via cancel scope 7f8a2c3e5d90')" });
    expect(t).toMatchObject({ status: 'error', cause: 'interrupted', category: 'infrastructure' });
  });

  it('error_retries: a pass after a sandbox crash shows both attempts and is no masked pass', async () => {
    const { t } = await one({ id: 14, score: 'C', retries: [SANDBOX] });
    expect(t).toMatchObject({ status: 'pass', cause: 'passed', maskedPass: false });
    expect(t.attempts).toMatchObject([
      { source: 'error-retry', status: 'error', passed: false, error: SANDBOX },
      { source: 'sample', status: 'pass', passed: true },
    ]);
  });

  it('no error, no limit and no score: no-verdict, never a model failure', async () => {
    const { t } = await one({ id: 15 });
    expect(t).toMatchObject({ status: 'unknown', cause: 'no-verdict', category: 'unknown' });
  });

  it('evidence points at the file (and the member of an .eval), line 0', async () => {
    const { t } = await one({ id: 16, error: "ValueError('boom')" });
    const file = `2026-08-20T14-03-07-00-00_ctf_lite_ZemHoVhkVXirrSeb6Uqtjo.${format}`;
    expect(t.evidence).toEqual([
      format === 'json'
        ? { file, line: 0, text: "samples[0].error: ValueError('boom')" }
        : { file, member: 'samples/16_epoch_1.json', line: 0, text: "error: ValueError('boom')" },
    ]);
    expect(t.attempts[0]).toMatchObject(format === 'json' ? { file } : { file, member: 'samples/16_epoch_1.json' });
    expect(t.resultDir).toBe(file);
  });
});

describe.each(FORMATS)('epochs, costs and the batch, %s logs', (format) => {
  it('a log of several epochs gives `<task>/<id>#<epoch>` ids', async () => {
    const { result } = await analyseLog(format, {
      epochs: 2,
      samples: [
        { id: 1, epoch: 1, score: 'C' },
        { id: 1, epoch: 2, score: 'I' },
        { id: 'b', epoch: 1, score: 1 },
        { id: 'b', epoch: 2, score: 0 },
      ],
    });
    expect(result.tests.map((t) => [t.testId, t.status])).toEqual([
      ['ctf_lite/1#1', 'pass'],
      ['ctf_lite/1#2', 'fail'],
      ['ctf_lite/b#1', 'pass'],
      ['ctf_lite/b#2', 'fail'],
    ]);
  });

  it('cost is the sum of total_cost when the log has prices; tokens are kept beside it', async () => {
    const { test, result } = await analyseLog(format, {
      samples: [{ id: 1, score: 'C', usage: { tokens: 1200, cost: 0.25 } }],
    });
    expect(test('ctf_lite/1')).toMatchObject({ cost: 0.25, tokens: 1200 });
    expect(result.summary.totalCost).toBe(0.25);
    expect(result.warnings).toEqual([]);
  });

  it('without prices the cost is unknown (never estimated), tokens only, with one warning', async () => {
    const { test, result } = await analyseLog(format, {
      samples: [
        { id: 1, score: 'C', usage: { tokens: 1200 } },
        { id: 2, score: 'I', usage: { tokens: 800 } },
      ],
    });
    expect(test('ctf_lite/1')).toMatchObject({ cost: null, tokens: 1200 });
    expect(result.summary.totalCost).toBe(0);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.message).toMatch(/^no prices in the log: tokens only/);
  });

  it('the batch: harness inspect, its format, model, times; no tiers, threads or sessions', async () => {
    const { result } = await analyseLog(format, {
      created: '2026-08-20T14:03:07+00:00',
      modelRoles: { grader: { model: 'openai/gpt-4o' } },
      samples: [{ id: 1, score: 'C' }],
    });
    expect(result.batch).toMatchObject({
      harness: 'inspect',
      format: format === 'json' ? 'inspect-json' : 'inspect-eval',
      model: 'anthropic/claude-sonnet-4-5',
      judgeModel: 'openai/gpt-4o',
      tiers: [],
      threads: null,
      startedAt: '2026-08-20T14:03:07+00:00',
      completedAt: '2026-08-20T14:06:43+00:00',
    });
    expect(result.summary.sessions).toBe(0);
  });
});

describe.each(FORMATS)('logs that ended early, %s', (format) => {
  const samples: SampleSpec[] = [
    { id: 1, score: 'C' },
    { id: 2, score: 'I' },
  ];
  const sampleIds = [1, 2, 3, 4];

  it('a cancelled log: its samples are read, the missing ones were interrupted', async () => {
    const { result, test } = await analyseLog(format, { status: 'cancelled', sampleIds, samples });
    expect(result.tests.map((t) => [t.testId, t.cause])).toEqual([
      ['ctf_lite/1', 'passed'],
      ['ctf_lite/2', 'scored-low'],
      ['ctf_lite/3', 'interrupted'],
      ['ctf_lite/4', 'interrupted'],
    ]);
    expect(test('ctf_lite/3')).toMatchObject({ status: 'unknown', category: 'infrastructure' });
    expect(test('ctf_lite/3').reason).toBe(
      'never ran: the run ended before this sample finished (status cancelled: it was cancelled)',
    );
    expect(test('ctf_lite/3').attempts).toMatchObject([{ source: 'log', status: 'unknown', passed: false }]);
  });

  it("an error log: the missing samples take the log error's cause (here a sandbox prerequisite)", async () => {
    const error = {
      message:
        "PrerequisiteError('ERROR: Docker sandbox environments require a working Docker engine.\\n\\nPlease install it.')",
    };
    const { result, test } = await analyseLog(format, { status: 'error', error, sampleIds, samples });
    expect(test('ctf_lite/3')).toMatchObject({
      status: 'unknown',
      cause: 'sandbox',
      category: 'infrastructure',
      error: error.message,
    });
    expect(test('ctf_lite/3').evidence[0]!.text).toBe(`status: error; error: ${error.message}`);
    // Both missing samples share the one root cause.
    expect(result.rootCauses).toMatchObject([{ category: 'infrastructure', tests: ['ctf_lite/3', 'ctf_lite/4'] }]);
  });

  it('an error log without an error message: no-verdict for the missing samples', async () => {
    const { test } = await analyseLog(format, { status: 'error', sampleIds, samples });
    expect(test('ctf_lite/4')).toMatchObject({ status: 'unknown', cause: 'no-verdict', category: 'unknown' });
  });

  it('a log without sample_ids cannot list what never ran: a warning says so', async () => {
    const { result } = await analyseLog(format, { status: 'error', sampleIds: null, samples });
    expect(result.tests).toHaveLength(2);
    expect(result.warnings.map((w) => w.message)).toContain(
      'status error and no eval.dataset.sample_ids: samples that never ran cannot be listed',
    );
  });
});

describe('a crashed .eval (status started: no header.json, no summaries.json)', () => {
  it('reads _journal/start.json and the journal summaries; unflushed samples gave no verdict', async () => {
    const { result, test, parsed } = await analyseLog(
      'eval',
      {
        status: 'started',
        sampleIds: [1, 2, 3, 4, 5],
        samples: [
          { id: 1, score: 'C' },
          { id: 2, score: 'I' },
          { id: 3, error: "ValueError('boom')" },
        ],
      },
      { crashed: true, journalBatch: 2 },
    );
    expect(result.tests.map((t) => [t.testId, t.cause])).toEqual([
      ['ctf_lite/1', 'passed'],
      ['ctf_lite/2', 'scored-low'],
      ['ctf_lite/3', 'crash'],
      ['ctf_lite/4', 'no-verdict'],
      ['ctf_lite/5', 'no-verdict'],
    ]);
    expect(test('ctf_lite/4').reason).toBe(
      'never ran: the run ended before this sample finished (status started: the process died, or is still running)',
    );
    expect(test('ctf_lite/4').evidence[0]).toMatchObject({ member: '_journal/start.json', text: 'status: started' });
    expect(test('ctf_lite/1').evidence[0]).toMatchObject({ member: '_journal/summaries/1.json' });
    expect(parsed.batch.completedAt).toBeNull();
  });

  it('a sample flushed without its summary (the crash fell between the two writes) is still read', async () => {
    const { result } = await analyseLog(
      'eval',
      {
        status: 'started',
        samples: [
          { id: 1, score: 'C' },
          { id: 2, score: 'I' },
          { id: 3, score: 'C' },
        ],
      },
      { crashed: true, journalBatch: 2, omit: ['_journal/summaries/2.json'] },
    );
    expect(result.tests.map((t) => [t.testId, t.cause, t.evidence[0]!.member])).toEqual([
      ['ctf_lite/1', 'passed', '_journal/summaries/1.json'],
      ['ctf_lite/2', 'scored-low', '_journal/summaries/1.json'],
      ['ctf_lite/3', 'passed', 'samples/3_epoch_1.json'],
    ]);
  });
});
