import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

import { parseJsonTolerant } from '../../src/parse/json-tolerant.js';

describe('parseJsonTolerant', () => {
  it('accepts the bare Infinity, -Infinity and NaN tokens Python writes', () => {
    const { value } = parseJsonTolerant('{"a": Infinity, "b": -Infinity, "c": NaN, "d": [NaN, 1.5]}', 'x.json');
    expect(value).toEqual({ a: Infinity, b: -Infinity, c: NaN, d: [NaN, 1.5] });
  });

  it('leaves the words alone inside strings', () => {
    const { value } = parseJsonTolerant('{"error": "got NaN and Infinity", "k": "-Infinity"}', 'x.json');
    expect(value).toEqual({ error: 'got NaN and Infinity', k: '-Infinity' });
  });

  it('records the line where each results row starts', () => {
    const text =
      '{\n  "config": {"results": [{"x": 1}]},\n  "results": [\n    {\n      "test_id": "a"\n    },\n    {"test_id": "b", "nested": {"k": [1]}}\n  ]\n}';
    expect(parseJsonTolerant(text, 'x.json').resultLines).toEqual([4, 7]);
  });

  it('names the file and the line and column of a syntax error', () => {
    expect(() => parseJsonTolerant('{\n  "a": 1,\n  "b": oops\n}', 'batch_summary.json')).toThrow(
      /^batch_summary\.json: invalid JSON at line 3, column/,
    );
  });

  it('says a truncated file is truncated', () => {
    expect(() => parseJsonTolerant('{"results": [{"test_id": "a"', 'batch_summary.json')).toThrow(
      /batch_summary\.json/,
    );
  });

  it('never hangs or throws anything but a clean error on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseJsonTolerant(text, 'f.json');
        } catch (error) {
          expect((error as Error).message.startsWith('f.json: invalid JSON')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(parseJsonTolerant(JSON.stringify(value, null, 2), 'f.json').value).toEqual(
          JSON.parse(JSON.stringify(value)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
