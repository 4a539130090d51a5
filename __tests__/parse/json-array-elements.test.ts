import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseBaseline } from '../../src/parse/baseline.js';
import { parseObjectWithLeanArray } from '../../src/parse/json-array-elements.js';
import type { JsonText } from '../../src/parse/json-text.js';

const same = (text: JsonText) => parseObjectWithLeanArray(text, { key: 'tests', keep: (x) => x });

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
    const out = parseObjectWithLeanArray('{"tests":[{"a":1,"b":2},[3]],"other":[{"a":1}]}', {
      key: 'tests',
      keep: (x) => {
        kept.push(x);
        return 'kept';
      },
    });
    expect(kept).toEqual([{ a: 1, b: 2 }, [3]]);
    expect(out).toEqual({ tests: ['kept', 'kept'], other: [{ a: 1 }] });
  });

  it('reads the same from pieces cut anywhere, a character at a time included', () => {
    const text = JSON.stringify(
      { a: 'x " \\ y', tests: [{ s: '\\"[{', n: -1.5e3 }, 12, true, null, 'é😀'], z: 100, w: [[{}]] },
      null,
      1,
    );
    const expected = JSON.parse(text) as unknown;
    for (let cut = 0; cut <= text.length; cut++) {
      const pieces = () => [text.slice(0, cut), text.slice(cut)];
      expect(same(pieces), `cut at ${cut}`).toEqual(expected);
    }
    expect(same(() => [...text])).toEqual(expected);
    // A number cut by a piece's end is read whole, not as its first digits.
    expect(same(() => ['{"tests":[12', '34],"b":5', '6}'])).toEqual({
      tests: [1234],
      b: 56,
    });
  });

  it('reads pieces only as far as the element being read', () => {
    const tests = Array.from({ length: 400 }, (_, i) => ({ testId: `t${i}`, pad: 'x'.repeat(1000) }));
    const text = JSON.stringify({ schemaVersion: 1, tests });
    let read = 0;
    const readAtKeep: number[] = [];
    const pieces = function* () {
      for (let at = 0; at < text.length; at += 4096) {
        read += 4096;
        yield text.slice(at, at + 4096);
      }
    };
    const out = parseObjectWithLeanArray(pieces, {
      key: 'tests',
      keep: (x) => {
        readAtKeep.push(read);
        return (x as { testId: string }).testId;
      },
    });
    expect(out.tests).toEqual(tests.map((t) => t.testId));
    // The first test is kept long before the 400 kB of text are read; each one within a piece or two of itself.
    expect(readAtKeep[0]).toBeLessThanOrEqual(2 * 4096);
    readAtKeep.forEach((r, k) => {
      const endOfTest = text.indexOf('}', text.indexOf(`"t${k}"`)) + 1;
      expect(r - endOfTest, `test ${k}`).toBeLessThanOrEqual(2 * 4096);
    });
  });

  it('skips the top-level keys not wanted, unparsed, whatever their layout', () => {
    const text = JSON.stringify({ a: 1, comparison: { big: [1, { x: '}' }] }, tests: [{ t: 1 }], b: [2] }, null, 2);
    for (const json of [text, () => [...text]]) {
      expect(parseObjectWithLeanArray(json, { key: 'tests', keep: (x) => x, wanted: new Set(['a', 'tests']) })).toEqual(
        {
          a: 1,
          tests: [{ t: 1 }],
        },
      );
    }
  });

  it('stops reading once the keys wanted are read, and lets the source go however it stops', () => {
    let closed = 0;
    const source = (text: string) =>
      function* () {
        try {
          for (const c of text) yield c;
        } finally {
          closed++;
        }
      };
    const wanted = new Set(['a', 'tests']);
    // What follows them is not read: here, a comparison cut off by a full disk.
    const cut = '{"a": 1, "tests": [{"t": 1}], "comparison": {"tests": [{"x"';
    expect(parseObjectWithLeanArray(source(cut), { key: 'tests', keep: (x) => x, wanted })).toEqual({
      a: 1,
      tests: [{ t: 1 }],
    });
    expect(() => parseObjectWithLeanArray(source('{"a": 1, "b": [1,'), { key: 'tests', keep: (x) => x })).toThrow();
    expect(closed).toBe(2);
  });

  it('reads a file laid out otherwise than JSON.stringify does, brackets at odd indents included', () => {
    const texts = [
      '{\n  "tests": [\n    {\n      "a": {\n    }\n    },\n    {\n  "b": 2\n    }\n  ],\n  "c": [\n  1\n  ]\n}',
      '{\r\n  "tests": [\r\n    {\r\n      "a": 1\r\n    }\r\n  ]\r\n}',
      '{\n\t"tests": [\n\t\t{\n\t\t\t"a": 1\n\t\t}\n\t]\n}',
    ];
    for (const text of texts) {
      expect(same(text), text).toEqual(JSON.parse(text));
      expect(
        same(() => [...text]),
        text,
      ).toEqual(JSON.parse(text));
    }
  });

  it('reads the fields asked for from their own lines exactly as a whole parse would', () => {
    const fields = new Set(['id', 'name', 'n', 'flag', 'gone']);
    const pickOf = (x: unknown) => {
      if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
      return Object.fromEntries(Object.entries(x).filter(([k]) => fields.has(k)));
    };
    const tests = [
      { id: 'a', name: 'quote " comma, }\n\u2028 é 😀', n: -1.5e-7, flag: true, nested: { id: 'deep', name: 'x' } },
      { nested: [{ id: 'deep' }], id: 'b', name: null, flag: false, n: 0, extra: {} },
      { id: 'c,', name: 'ends with a comma,', n: 12 },
      { id: 'd', name: { not: 'a scalar' } },
      { id: 'e', gone: [], n: 3 },
      { id: 'f' },
      {},
      [1, 2],
      'text',
    ];
    const text = JSON.stringify({ schemaVersion: 1, tests, after: { id: 'z' } }, null, 2);
    const whole = JSON.parse(text) as { tests: unknown[] };
    const expected = { ...whole, tests: whole.tests.map(pickOf) };
    for (const json of [text, () => [...text], () => [text.slice(0, 200), text.slice(200)]]) {
      expect(parseObjectWithLeanArray(json, { key: 'tests', keep: pickOf, fields })).toEqual(expected);
    }
    // A field given twice (JSON.stringify never writes one) counts the first time.
    const dup = '{\n  "tests": [\n    {\n      "id": "first",\n      "id": "last"\n    }\n  ]\n}';
    expect(parseObjectWithLeanArray(dup, { key: 'tests', keep: pickOf, fields })).toEqual({ tests: [{ id: 'first' }] });
    // Two elements run together (one closed at the end of a line): each is still read on its own.
    const odd = '{\n  "tests": [\n    {\n      "id": "a" },\n    {\n      "id": "b"\n    }\n  ]\n}';
    expect(parseObjectWithLeanArray(odd, { key: 'tests', keep: pickOf, fields })).toEqual(JSON.parse(odd));
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
    ]) {
      expect(() => same(text), text).toThrow();
      expect(() => same(() => [...text]), text).toThrow();
    }
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
