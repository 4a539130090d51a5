// The hand-written checks may only ever accept what zod accepts, and what they accept must read the same as
// zod's copy of it: every field of a real file replaced, one at a time, by each kind of JSON value.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isPlainCheckpoint, isPlainReport, isPlainRow } from '../../../src/parse/scylla/plain-files.js';
import { checkpointSchema, reportSchema, rowSchema } from '../../../src/parse/scylla/schemas.js';

const SAMPLE = join(import.meta.dirname, '../../../examples/sample-batch');

/** JSON text of each kind of value a field can hold, parsed fresh for every use (no sharing between variants). */
const VALUES = [
  'null',
  '""',
  '"x"',
  '0',
  '-0',
  '1.5',
  '-3',
  '9007199254740993',
  '1e400',
  'true',
  'false',
  '[]',
  '[1]',
  '["a"]',
  '{}',
  '{"a":1}',
  '{"a":{"b":{"c":"failed"}}}',
  '{"__proto__":{"b":{"c":1}}}',
  '{"a":{"__proto__":{"c":1}}}',
  '{"a":{"b":[]}}',
];

/** Every path to a field inside `value`, objects and arrays alike. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [
    [...prefix, k],
    ...paths((value as Record<string | number, unknown>)[k], [...prefix, k]),
  ]);
}

/** `base` with the field at `path` replaced by `replacement` (or removed), as a new parse of the JSON text. */
function variant(base: unknown, path: (string | number)[], replacement: string | undefined): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) delete at[last];
  else at[last] = JSON.parse(replacement, (_k, v: unknown) => v);
  // Through JSON text again, so that `__proto__` is an own key as JSON.parse makes it; 1e400 stays Infinity.
  return JSON.parse(
    JSON.stringify(copy, (_k, v: unknown) => (v === Infinity ? '\u0000inf' : v)),
    (_k, v: unknown) => (v === '\u0000inf' ? Infinity : v),
  );
}

/**
 * `value` without the own `__proto__` keys of the objects zod reads by their fields (`objects`, `*` for every
 * element): zod drops those, and no code reads one. Where code walks every key (a checkpoint's runs), the
 * checks refuse the key instead.
 */
function withoutProto(value: unknown, objects: readonly (string | number)[][]): unknown {
  const copy = structuredClone(value);
  const strip = (at: unknown, path: readonly (string | number)[]): void => {
    if (at === null || typeof at !== 'object') return;
    if (path.length === 0) {
      if (!Array.isArray(at)) delete (at as Record<string, unknown>)['__proto__'];
      return;
    }
    const [key, ...rest] = path;
    const items = key === '*' && Array.isArray(at) ? at : [(at as Record<string | number, unknown>)[key!]];
    for (const item of items) strip(item, rest);
  };
  for (const path of objects) strip(copy, path);
  return copy;
}

interface SchemaLike {
  shape?: Record<string, SchemaLike>;
  _zod: { def: { type: string; innerType?: SchemaLike; element?: SchemaLike } };
}

/**
 * Every field a schema names, objects inside arrays at index 0: a field added to a schema and not to its check
 * is then tried with every kind of value, and the check accepting one zod refuses fails the test.
 */
function schemaPaths(schema: SchemaLike, prefix: (string | number)[] = []): (string | number)[][] {
  return Object.entries(schema.shape ?? {}).flatMap(([key, field]) => {
    let inner = field;
    let inArray = false;
    for (;;) {
      const def = inner._zod.def;
      if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) inner = def.innerType;
      else if (def.type === 'array' && def.element) {
        inArray = true;
        inner = def.element;
      } else break;
    }
    const path = [...prefix, key];
    return [path, ...schemaPaths(inner, inArray ? [...path, 0] : path)];
  });
}

function check(
  name: string,
  base: unknown,
  plain: (raw: unknown) => boolean,
  schema: { safeParse: (raw: unknown) => { success: boolean; data?: unknown } },
  extraPaths: (string | number)[][],
  objects: (string | number)[][] = [[]],
): void {
  const counts = { accepted: 0, refused: 0 };
  const all = [[], ...paths(base), ...schemaPaths(schema as unknown as SchemaLike), ...extraPaths];
  for (const path of all) {
    for (const replacement of path.length === 0 ? VALUES : [undefined, ...VALUES]) {
      const raw = path.length === 0 ? JSON.parse(replacement!) : variant(base, path, replacement);
      if (!plain(raw)) {
        counts.refused++;
        continue;
      }
      counts.accepted++;
      const parsed = schema.safeParse(raw);
      expect(parsed.success, `${name} ${JSON.stringify(path)} = ${replacement}`).toBe(true);
      expect(parsed.data, `${name} ${JSON.stringify(path)} = ${replacement}`).toEqual(withoutProto(raw, objects));
    }
  }
  // Both ways taken, many times each: the check is neither a rubber stamp nor a wall.
  expect(counts.accepted).toBeGreaterThan(20);
  expect(counts.refused).toBeGreaterThan(20);
}

const folders = readdirSync(SAMPLE).filter((name) => /^\d{4}-/.test(name));
const read = (file: string) => {
  try {
    return JSON.parse(readFileSync(join(SAMPLE, file), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
};
const reports = folders.map((f) => read(`${f}/report.json`)).filter((r) => r !== undefined);
const checkpoints = folders.map((f) => read(`${f}/checkpoint.json`)).filter((r) => r !== undefined);
const rows = (read('batch_summary.json') as { results: unknown[] }).results;

describe('plain files', () => {
  it('takes every file of the sample batch as written, and zod reads each the same', () => {
    expect(reports.length).toBeGreaterThan(20);
    expect(checkpoints.length).toBeGreaterThan(20);
    for (const r of reports) {
      expect(isPlainReport(r)).toBe(true);
      expect(reportSchema.parse(r)).toEqual(r);
    }
    for (const c of checkpoints) {
      expect(isPlainCheckpoint(c)).toBe(true);
      expect(checkpointSchema.parse(c)).toEqual(c);
    }
    for (const row of rows) {
      expect(isPlainRow(row)).toBe(true);
      expect(rowSchema.parse(row)).toEqual(row);
    }
  });

  it('accepts a report only where zod does, and reads it as zod does', () => {
    const first = reports[0] as { children: object[] };
    const base = {
      ...first,
      children: [...first.children, { tier: 'T1', best_subtest: null, best_score: 0.7, cost: 1 }],
    };
    check(
      'report',
      base,
      isPlainReport,
      reportSchema,
      [
        ['children', 5],
        ['summary', 'extra'],
      ],
      [[], ['summary'], ['children', '*']],
    );
  });

  it('accepts a checkpoint only where zod does, and reads it as zod does', () => {
    const base = {
      ...(checkpoints[0] as object),
      version: '3.1',
      pause_count: 2,
      rate_limit_until: null,
      completed_runs: { T0: { '00': { '1': 'passed' } } },
      run_states: { T0: { '00': { '1': 'failed', '2': 'rate_limited' } }, T1: {} },
    };
    check('checkpoint', base, isPlainCheckpoint, checkpointSchema, [['run_states', 'T2'], ['version']]);
  });

  it('accepts a summary row only where zod does, and reads it as zod does', () => {
    const base = { ...(rows[0] as object), best_score: 0.75, frontier_cop: 1.2, started_at: '2026-02-14T00:00:00' };
    check('row', base, isPlainRow, rowSchema, [['thread_id'], ['test_id']]);
  });
});
