// The two text helpers: where rows start in an `-o out.json`, and what of a thrown error names it.

import { describe, expect, it } from 'vitest';

import { normalizeSignature } from '../../../src/triage/signature.js';
import { errorMessage, trimmedError } from '../../../src/parse/promptfoo/error-text.js';
import { rowLines } from '../../../src/parse/promptfoo/row-lines.js';
import { fixture } from './support/outputs.js';

describe('rowLines', () => {
  it('finds the line of every row of results.results, and nothing else', () => {
    const text = fixture('repeat.json');
    const lines = rowLines(text);
    const rows = (JSON.parse(text) as { results: { results: unknown[] } }).results.results;
    expect(lines).toHaveLength(rows.length);
    const all = text.split('\n');
    for (const line of lines) expect(all[line - 1]!.trim()).toBe('{');
  });

  it('is not fooled by braces, quotes and keys inside strings', () => {
    const text = [
      '{"config": {"results": {"results": [{}]}},',
      ' "evalId": "\\"results\\": [{",',
      ' "results": {"note": "{[", "results": [',
      '  {"a": "}]\\\\"},',
      '  {"b": [{"c": 1}]}',
      ']}}',
    ].join('\n');
    expect(rowLines(text)).toEqual([4, 5]);
  });

  it('reads one-line files', () => {
    expect(rowLines('{"results":{"results":[{},{}]}}')).toEqual([1, 1]);
  });
});

describe('thrown errors', () => {
  const thrown = stackOf('out.json');

  function stackOf(name: string): string {
    const rows = (JSON.parse(fixture(name)) as { results: { results: { error?: string }[] } }).results.results;
    return rows.find((r) => r.error?.includes('\n    at '))!.error!;
  }

  it('keeps the message once and the frame that threw', () => {
    expect(errorMessage(thrown)).toBe('Error: ECONNRESET: socket hang up');
    expect(trimmedError(thrown)).toBe(
      'Error: ECONNRESET: socket hang up\n    at FakeProvider.callApi (/tmp/r3/provider.js:21:33)',
    );
  });

  it('skips promptfoo frames for the first frame of other code', () => {
    const text =
      'Error: boom\n\nError: boom\n    at runEval (/x/node_modules/promptfoo/dist/src/evaluator.js:1:1)\n    at myTransform (/home/u/evals/transform.js:7:3)';
    expect(trimmedError(text)).toBe('Error: boom\n    at myTransform (/home/u/evals/transform.js:7:3)');
  });

  it('leaves text without a stack as it is', () => {
    expect(trimmedError('API error: 429 Too Many Requests')).toBe('API error: 429 Too Many Requests');
  });

  it('gives signatures free of machine paths', () => {
    const here = trimmedError(thrown);
    const elsewhere = here.replace('/tmp/r3/', '/home/runner/work/evals/');
    expect(normalizeSignature(here)).toBe(normalizeSignature(elsewhere));
  });
});
