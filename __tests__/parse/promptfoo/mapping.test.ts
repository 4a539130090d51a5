// Every row of the promptfoo mapping (docs/triage-rules-promptfoo.md), on outputs made here: one test per
// row kind, through parseBatch and triage.

import { describe, expect, it } from 'vitest';

import type { TestResult } from '../../../src/model.js';
import { analyse, assertFailed, component, errored, outputJson, passed, row, stack, wrong } from './support/outputs.js';

/** The one test of an output holding one row. */
async function single(r: Record<string, unknown>): Promise<TestResult> {
  const result = await analyse({ 'out.json': outputJson([r]) });
  expect(result.tests).toHaveLength(1);
  return result.tests[0]!;
}

const rubric = { type: 'llm-rubric', value: 'The answer is 42', provider: { id: 'openai:gpt-4.1' } };
const contains = { type: 'contains', value: '42' };

describe('success: true', () => {
  it('is a pass', async () => {
    expect(await single(passed({ description: 'ok' }))).toMatchObject({ status: 'pass', cause: 'passed', error: null });
  });
});

describe('failureReason 1: an assertion failed', () => {
  it('a wrong answer is scored-low, its reason the assertion that failed', async () => {
    const t = await single(wrong({ description: 'wrong' }));
    expect(t).toMatchObject({ status: 'fail', cause: 'scored-low', category: 'model-failure' });
    expect(t.reason).toBe('failed its contains assertion: Expected output to contain "42"');
    expect(t.error).toBe('Expected output to contain "42"');
  });

  it('a judge that answers but rejects is a wrong answer too', async () => {
    const t = await single(
      assertFailed({ description: 'rejected', assert: [rubric] }, [
        component(false, 'The answer is not 42.', { type: 'llm-rubric', value: 'The answer is 42' }),
      ]),
    );
    expect(t.cause).toBe('scored-low');
  });

  describe('judge failures are infrastructure (judge-failed)', () => {
    const judgeCases: [string, ReturnType<typeof component>, Record<string, unknown>[]][] = [
      ['judge provider error, no assertion key', component(false, 'API error: 503 Service Unavailable'), [rubric]],
      ['non-JSON judge answer', component(false, 'Could not extract JSON from llm-rubric response'), [rubric]],
      [
        'malformed judge answer',
        component(false, 'llm-rubric produced malformed response: SyntaxError: Unexpected token\n\nnot json'),
        [rubric],
      ],
      ['empty judge answer (No output), no assertion key', component(false, 'No output'), [rubric]],
      [
        'factuality judge with no output keeps its assertion key',
        component(false, 'No output', { type: 'factuality', value: 'x' }),
        [{ type: 'factuality', value: 'x' }],
      ],
      [
        'factuality checker answering off-format',
        component(false, 'Factuality checker output did not match expected format: maybe', { type: 'factuality' }),
        [{ type: 'factuality', value: 'x' }],
      ],
      [
        'judge rate-limited, with its assertion key',
        component(false, 'Error: 429 Too Many Requests', { type: 'model-graded-closedqa' }),
        [{ type: 'model-graded-closedqa', value: 'x' }],
      ],
    ];
    it.each(judgeCases)('%s', async (_name, failed, asserts) => {
      const t = await single(assertFailed({ description: 'judged', assert: asserts }, [failed]));
      expect(t).toMatchObject({ status: 'fail', cause: 'judge-failed', category: 'infrastructure' });
      expect(t.reason).toContain('the score says nothing about the model');
      expect(t.rootCause).not.toBeNull();
    });

    it('a judge failure next to a passing check is still a judge failure', async () => {
      const t = await single(
        assertFailed({ description: 'half', assert: [contains, rubric] }, [
          component(true, 'Assertion passed', contains),
          component(false, 'API error: 503 Service Unavailable'),
        ]),
      );
      expect(t.cause).toBe('judge-failed');
      expect(t.error).toBe('llm-rubric judge: API error: 503 Service Unavailable');
    });

    it('a judge failure next to a failing check is a wrong answer: the check alone fails it', async () => {
      const t = await single(
        assertFailed({ description: 'both', assert: [contains, rubric] }, [
          component(false, 'Expected output to contain "42"', contains),
          component(false, 'API error: 503 Service Unavailable'),
        ]),
      );
      expect(t.cause).toBe('scored-low');
    });

    it('a judge mentioning 500 in a real verdict stays a verdict', async () => {
      const t = await single(
        assertFailed({ description: 'verdict', assert: [rubric] }, [
          component(false, 'The answer says 500, not 42; it timed out on the logic.', { type: 'llm-rubric' }),
        ]),
      );
      expect(t.cause).toBe('scored-low');
    });

    it('a javascript assertion returning its own result (no assertion key) is a wrong answer, not a judge', async () => {
      const t = await single(
        assertFailed({ description: 'js', assert: [{ type: 'javascript', value: 'output.length > 100' }] }, [
          component(false, 'too short'),
        ]),
      );
      expect(t.cause).toBe('scored-low');
    });

    it('without component results, a grader text in the reason still names the judge', async () => {
      const r = assertFailed({ description: 'bare', assert: [rubric] }, []);
      (r.gradingResult as Record<string, unknown>).componentResults = undefined;
      (r.gradingResult as Record<string, unknown>).reason = 'Could not extract JSON from llm-rubric response';
      const t = await single(r);
      expect(t).toMatchObject({
        cause: 'judge-failed',
        error: 'llm-rubric judge: Could not extract JSON from llm-rubric response',
      });
    });
  });

  describe('budget assertions (latency, cost) are a model-side limit, not a wrong answer', () => {
    it.each([
      ['latency', 'Latency 401ms is greater than threshold 100ms'],
      ['cost', 'Cost 0.0450 is greater than threshold 0.01'],
    ])('%s', async (type, reason) => {
      const t = await single(
        assertFailed({ description: type, assert: [contains, { type, threshold: 1 }] }, [
          component(true, 'Assertion passed', contains),
          component(false, reason, { type, threshold: 1 }),
        ]),
      );
      expect(t).toMatchObject({ status: 'fail', cause: 'limit', category: 'model-failure', error: reason });
      expect(t.reason).toContain(`over its ${type} budget`);
    });

    it('a wrong answer that was also slow is a wrong answer', async () => {
      const t = await single(
        assertFailed({ description: 'both', assert: [contains, { type: 'latency', threshold: 1 }] }, [
          component(false, 'Expected output to contain "42"', contains),
          component(false, 'Latency 401ms is greater than threshold 1ms', { type: 'latency', threshold: 1 }),
        ]),
      );
      expect(t.cause).toBe('scored-low');
    });
  });
});

describe('failureReason 2: an error', () => {
  const errorCases: [string, string, boolean, string][] = [
    ['429 from the provider', 'API error: 429 Too Many Requests: Rate limit reached for requests', false, 'rate-limit'],
    ['quota', 'You exceeded your current quota, please check your plan and billing details.', false, 'rate-limit'],
    ['provider 503', 'API error: 503 Service Unavailable', false, 'api-error'],
    ['overloaded', 'Overloaded: the model is overloaded, try again later', false, 'api-error'],
    ['bad credentials', 'API error: 401 Unauthorized: Incorrect API key provided', false, 'api-error'],
    [
      'connection reset (thrown)',
      stack('ECONNRESET: socket hang up', 'FakeProvider.callApi (/tmp/x/provider.js:21:33)'),
      true,
      'api-error',
    ],
    [
      'ETIMEDOUT',
      'request to https://api.example.com/v1 failed, reason: connect ETIMEDOUT 10.0.0.1:443',
      false,
      'api-error',
    ],
    ['step timeout', 'Evaluation timed out after 1000ms: Error: Evaluation timed out after 1000ms', true, 'api-error'],
    [
      'a bug in a transform (thrown)',
      stack("Cannot read properties of undefined (reading 'text')", 'transform (/tmp/x/transform.js:3:20)'),
      true,
      'crash',
    ],
    ['a malformed request (400)', 'API error: 400 Bad Request: Unknown parameter: temperatur', false, 'crash'],
    [
      'a judge that throws (stack through matchesLlmRubric)',
      `${stack('ECONNREFUSED: judge endpoint unreachable', 'FakeGrader.callApi (/tmp/x/grader.js:20:27)')}\n    at matchesLlmRubric (/tmp/x/node_modules/promptfoo/dist/src/matchers.js:392:38)`,
      true,
      'judge-failed',
    ],
  ];
  it.each(errorCases)('%s', async (_name, error, thrown, cause) => {
    const t = await single(errored({ description: 'e', assert: [rubric] }, error, thrown));
    expect(t).toMatchObject({ status: 'error', cause });
    expect(t.error).not.toContain('evaluator.js');
  });

  it('a rate limit thrown by a judge is the judge failing', async () => {
    const error = `${stack('429 Too Many Requests', 'OpenAiChatCompletionProvider.callApi (/x/node_modules/promptfoo/dist/src/providers/openai/chat.js:1:1)')}\n    at async matchesFactuality (/x/node_modules/promptfoo/dist/src/matchers.js:490:1)`;
    expect((await single(errored({ description: 'j' }, error, true))).cause).toBe('judge-failed');
  });

  it('clusters one bug thrown from one place, whatever the machine paths', async () => {
    const bug = (dir: string) =>
      stack("Cannot read properties of undefined (reading 'text')", `transform (${dir}/transform.js:3:20)`);
    const result = await analyse({
      'out.json': outputJson([
        errored({ description: 'a', testIdx: 0 }, bug('/tmp/run-1'), true),
        errored({ description: 'b', testIdx: 1 }, bug('/home/ci/work/run-2'), true),
      ]),
    });
    expect(result.rootCauses).toHaveLength(1);
    expect(result.rootCauses[0]).toMatchObject({ category: 'framework-bug', tests: ['a', 'b'] });
  });
});

describe('failureReason 0 without success: nothing graded', () => {
  it('"No output" at $0 is no verdict, never a model failure', async () => {
    const t = await single(row({ description: 'null' }, { error: 'No output', response: { output: null } }));
    expect(t).toMatchObject({ status: 'fail', cause: 'no-verdict', category: 'unknown', error: 'No output' });
  });

  it('no response at all is no verdict, with a made-up error to cluster on', async () => {
    const t = await single(row({ description: 'none' }, {}));
    expect(t.cause).toBe('no-verdict');
    expect(t.error).toBeNull();
    expect(t.rootCause).not.toBeNull();
  });

  it('no output after spending the whole output budget is a limit', async () => {
    const t = await single(
      row(
        { description: 'long' },
        {
          error: 'No output',
          cost: 0.02,
          response: { output: null, finishReason: 'length', tokenUsage: { total: 4096 } },
        },
      ),
    );
    expect(t).toMatchObject({ cause: 'limit', category: 'model-failure', tokens: 4096 });
  });

  it('failureReason 0 with a failed grade is read as an assertion failure', async () => {
    const r = wrong({ description: 'graded' });
    r.failureReason = 0;
    expect((await single(r)).cause).toBe('scored-low');
  });
});

describe('rows that say less', () => {
  it('no failureReason (older promptfoo): read from success, grading and error', async () => {
    const strip = (r: Record<string, unknown>) => ({ ...r, failureReason: undefined });
    const result = await analyse({
      'out.json': outputJson([
        strip(passed({ description: 'p', testIdx: 0 })),
        strip(wrong({ description: 'w', testIdx: 1 })),
        strip(errored({ description: 'e', testIdx: 2 }, 'API error: 429 Too Many Requests')),
        strip(row({ description: 'n', testIdx: 3 }, { error: 'No output', response: { output: null } })),
      ]),
    });
    expect(result.tests.map((t) => t.cause)).toEqual(['passed', 'scored-low', 'rate-limit', 'no-verdict']);
  });

  it('an unknown failureReason is reported and read from the other fields', async () => {
    const result = await analyse({ 'out.json': outputJson([{ ...wrong({ description: 'w' }), failureReason: 7 }]) });
    expect(result.tests[0]!.cause).toBe('scored-low');
    expect(result.warnings).toContainEqual({
      file: 'out.json',
      path: 'results.results[0].failureReason',
      message: 'unknown value 7 (0, 1 or 2 expected); read from the other fields',
    });
  });

  it('neither success nor failureReason: unknown status, no verdict', async () => {
    const t = await single(row({ description: 'blank' }, { success: undefined, failureReason: undefined }));
    expect(t).toMatchObject({ status: 'unknown', cause: 'no-verdict' });
  });

  it('an assertion failure without any answer or spend is no verdict', async () => {
    const r = wrong({ description: 'ghost' });
    r.response = undefined;
    r.cost = 0;
    expect((await single(r)).cause).toBe('no-verdict');
  });
});
