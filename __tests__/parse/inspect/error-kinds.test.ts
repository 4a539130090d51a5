// Who an Inspect error blames, the error text a test shows, and the key that clusters it.

import { describe, expect, it } from 'vitest';

import { errorKind, errorSignature, errorText, exceptionLines } from '../../../src/parse/inspect/error-kinds.js';
import { traceback } from './builders.js';

describe('errorKind', () => {
  it.each([
    ['RetryError(<Future at 0x7f8a2c3e5d90 state=finished raised RateLimitError>)', 'rate-limit'],
    ["RateLimitError(\"Error code: 429 - {'type': 'rate_limit_error'}\")", 'rate-limit'],
    ["ClientError('429 RESOURCE_EXHAUSTED')", 'rate-limit'],
    ["RuntimeError('toomanyrequests: You have reached your pull rate limit')", 'rate-limit'],
    ['RetryError(<Future at 0x7f8a2c3e5d90 state=finished raised APIConnectionError>)', 'api-error'],
    ["APIConnectionError('Connection error.')", 'api-error'],
    ["ReadTimeout('')", 'api-error'],
    ["InternalServerError(\"Error code: 503 - {'error': 'unavailable'}\")", 'api-error'],
    ["RuntimeError('No services started.\\nCompose up stderr: ...')", 'sandbox'],
    ["PrerequisiteError('[bold]ERROR[/bold]: Docker sandbox environments require Docker Compose')", 'sandbox'],
    ["RuntimeError('Failed to build docker containers')", 'sandbox'],
    ["RuntimeError('Cannot connect to the Docker daemon at unix:///var/run/docker.sock')", 'sandbox'],
    ["CancelledError('Cancelled via cancel scope 7f8a2c3e5d90')", 'interrupted'],
    ['Cancelled()', 'interrupted'],
    ["ValueError('Unable to parse submission: expected JSON object')", 'crash'],
    ["KeyError('flag')", 'crash'],
    ['TypeError("\'NoneType\' object is not subscriptable")', 'crash'],
  ])('%s -> %s', (message, cause) => {
    expect(errorKind(message, null).cause).toBe(cause);
  });

  it('reads the exception lines of the traceback when the message does not tell (a chained cause)', () => {
    const tb = traceback('anthropic.RateLimitError: Error code: 429 - rate limited');
    expect(errorKind("RuntimeError('model call failed')", tb).cause).toBe('rate-limit');
  });

  it('never the frames or code of a traceback: a path through a provider module is no API error', () => {
    const tb = [
      'Traceback (most recent call last):',
      '  File "/site-packages/openai/_base_client.py", line 10, in request',
      '    raise APIConnectionError()  # what the code says is not what happened',
      'ValueError: bad flag format',
    ].join('\n');
    expect(errorKind("ValueError('bad flag format')", tb).cause).toBe('crash');
    expect(exceptionLines(tb)).toBe('ValueError: bad flag format');
  });
});

describe('errorText', () => {
  it('is the message when the last exception line says the same', () => {
    expect(errorText("ValueError('boom')", traceback('ValueError: boom'))).toBe("ValueError('boom')");
  });

  it('adds the last exception line when it says more', () => {
    expect(errorText("RuntimeError('scorer failed')", traceback("KeyError: 'flag'"))).toBe(
      "RuntimeError('scorer failed')\nKeyError: 'flag'",
    );
  });

  it('is cut at 20,000 characters', () => {
    const text = errorText(`RuntimeError('${'x'.repeat(30_000)}')`, null);
    expect(text.length).toBeLessThan(20_100);
    expect(text.endsWith('… [truncated]')).toBe(true);
  });
});

describe('errorSignature', () => {
  it('reads a repr message unquoted, so different exceptions do not collapse into one', () => {
    expect(errorSignature("ValueError('Unable to parse submission: expected JSON object')")).toBe(
      'ValueError: Unable to parse submission: expected JSON object',
    );
    expect(errorSignature("ValueError('flag file missing in the sandbox image')")).not.toBe(
      errorSignature("ValueError('Unable to parse submission: expected JSON object')"),
    );
  });

  it('drops object addresses and generated names, so one failure is one root cause', () => {
    const compose = (project: string) =>
      `RuntimeError('No services started.\\nCompose up stderr:  Network inspect-ctf-lite-${project}_default  Creating\\n')`;
    expect(errorSignature(compose('i7k2qm'))).toBe(errorSignature(compose('x9f3ab')));
    expect(errorSignature('RetryError(<Future at 0x7f8a2c3e5d90 state=finished raised RateLimitError>)')).toBe(
      errorSignature('RetryError(<Future at 0x7f11bb22cc00 state=finished raised RateLimitError>)'),
    );
  });
});
