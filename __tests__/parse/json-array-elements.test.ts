import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseBaseline } from '../../src/parse/baseline.js';
import { parseObjectWithLeanArray } from '../../src/parse/json-array-elements.js';

const same = (text: string) => parseObjectWithLeanArray(text, 'tests', (x) => x);

describe('parseObjectWithLeanArray', () => {
  it('reads what JSON.parse reads, whatever the layout, strings and nesting', () => {
    const texts = [
      '{}',
      ' \n{ "tests" : [ ] }\n',
      '{"tests":[1,"two",null,true,{"a":[1,{"b":"]}"}]},[[]]],"x":-1.5e3}',
      JSON.stringify({ a: 'quote " and \\ backslash \\\\" }', tests: [{ s: '\\"[{' }, { t: 'é \u2028 😀' }] }, null, 2),
      JSON.stringify({ tests: [{ testId: 'a', attempts: [{ x: 1 }] }], rootCauses: [{ tests: ['a'] }] }, null, 2),
      '\ufeff{"tests":[{"n":0}],"tests2":{"tests":[3]}}',
      '{"tests": {"not": "an array"}, "b": false}',
      '{"a": 1, "a": 2, "tests": [1], "tests": [2]}',
    ];
    for (const text of texts) expect(same(text), text).toEqual(JSON.parse(text.replace(/^\ufeff/, '')));
  });

  it('passes each element of the array through keep, and only those', () => {
    const kept: unknown[] = [];
    const out = parseObjectWithLeanArray('{"tests":[{"a":1,"b":2},[3]],"other":[{"a":1}]}', 'tests', (x) => {
      kept.push(x);
      return 'kept';
    });
    expect(kept).toEqual([{ a: 1, b: 2 }, [3]]);
    expect(out).toEqual({ tests: ['kept', 'kept'], other: [{ a: 1 }] });
  });

  it('throws on anything but one plain JSON object, so that the caller parses it whole', () => {
    for (const text of [
      '[1]',
      '{"a":1} x',
      '{"tests":[NaN]}',
      '{"tests":[1,]}',
      '{"a":1 "b":2}',
      '{"tests":[{"a":1}',
      '{"a":"unterminated',
      '',
    ])
      expect(() => same(text), text).toThrow();
  });
});

describe('parseBaseline, test by test', () => {
  it('keeps what the whole-file parse kept of a real triage.json', () => {
    for (const name of ['sample', 'compared', 'mixed', 'hostile']) {
      const file = `__tests__/render/fixtures/${name}/triage.json`;
      const text = readFileSync(file, 'utf8');
      const { baseline, warnings } = parseBaseline(text, file);
      expect(warnings).toEqual([]);
      const whole = JSON.parse(text) as { tests: Record<string, unknown>[]; rootCauses: unknown[] };
      expect(baseline!.tests).toEqual(
        whole.tests.map((t) => ({
          testId: t.testId,
          name: t.name ?? null,
          status: t.status,
          category: t.category,
          maskedPass: t.maskedPass ?? false,
          rootCause: t.rootCause ?? null,
        })),
      );
      expect(baseline!.rootCauses.map((r) => r)).toEqual(
        (whole.rootCauses as Record<string, unknown>[]).map((r) =>
          expect.objectContaining({ id: r.id, tests: r.tests }),
        ),
      );
    }
  });

  it('still reads a triage.json written by Python, with NaN in it, the whole-file way', () => {
    const text = '{"schemaVersion": 1, "tests": [{"testId": "a", "status": "pass", "category": "pass", "cost": NaN}]}';
    const { baseline, warnings } = parseBaseline(text, 'old/triage.json');
    expect(warnings).toEqual([]);
    expect(baseline!.tests).toEqual([
      { testId: 'a', name: null, status: 'pass', category: 'pass', maskedPass: false, rootCause: null },
    ]);
  });

  it('names the file and the position of broken JSON, as before', () => {
    const { baseline, warnings } = parseBaseline('{"tests": [1,}', 'prev/triage.json');
    expect(baseline).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.file).toBe('prev/triage.json');
    expect(warnings[0]!.message).toMatch(
      /^previous analysis unreadable, not compared: invalid JSON at line 1, column \d+/,
    );
  });
});
