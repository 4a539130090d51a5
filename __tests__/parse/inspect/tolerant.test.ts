// A bad value costs only that value: validateTolerant drops it (deepest first) and says where; whole .json
// logs keep every sample their broken fields do not sink. Python's bare NaN/Infinity are read.

import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';

import { InputError } from '../../../src/errors.js';
import { parseBatch } from '../../../src/parse/index.js';
import { validateTolerant } from '../../../src/parse/inspect/tolerant.js';
import { MemorySource } from '../../helpers/memory-source.js';
import { analyse } from './analyse.js';
import { jsonLog } from './builders.js';

const schema = z.looseObject({
  id: z.int(),
  limit: z.nullish(z.looseObject({ type: z.string(), limit: z.nullish(z.number()) })),
  retries: z.nullish(z.array(z.looseObject({ message: z.string() }))),
  usage: z.nullish(z.record(z.string(), z.looseObject({ tokens: z.nullish(z.number()) }))),
});

function validate(raw: unknown) {
  const warnings: string[] = [];
  const data = validateTolerant(schema, raw, 'samples[3]', (path, message) => warnings.push(`${path}: ${message}`), [
    'id',
  ]);
  return { data, warnings };
}

describe('validateTolerant', () => {
  it('drops only the bad leaf of a nested value, and says where it was', () => {
    const { data, warnings } = validate({ id: 1, usage: { a: { tokens: 'many' }, b: { tokens: 5 } }, other: 'kept' });
    expect(data).toEqual({ id: 1, usage: { a: {}, b: { tokens: 5 } }, other: 'kept' });
    expect(warnings).toEqual([
      'samples[3].usage.a.tokens: Invalid input: expected number, received string; value ignored',
    ]);
  });

  it('a missing required key of a nested object drops that object', () => {
    const { data, warnings } = validate({ id: 1, limit: { limit: 5 } });
    expect(data).toEqual({ id: 1 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^samples\[3\]\.limit\.type: /);
  });

  it('bad list elements go, highest index first, so no other path shifts', () => {
    const { data } = validate({ id: 1, retries: [{ message: 'a' }, 7, { message: 'c' }, 'x', { message: 'e' }] });
    expect(data?.retries).toEqual([{ message: 'a' }, { message: 'c' }, { message: 'e' }]);
  });

  it('a bad required key, or no object at all, costs the record', () => {
    expect(validate({ id: 'one' })).toEqual({
      data: null,
      warnings: ['samples[3].id: Invalid input: expected number, received string; skipped'],
    });
    expect(validate([1, 2]).data).toBeNull();
  });
});

describe('a .json log with broken fields', () => {
  it('keeps every sample; each bad field is one warning naming the file and the path', async () => {
    const text = jsonLog({
      samples: [
        { id: 1, score: 'C', extra: { total_time: 'slow' } },
        { id: 2, score: 'C', extra: { scores: { match: { value: { deep: { er: 1 } } } } } },
        { id: 3, score: 'I', extra: { id: null } },
      ],
    });
    const { result, test } = await analyse({ 'run.json': text });
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        { file: 'run.json', path: 'samples[0].total_time', message: 'expected number; value ignored' },
        {
          file: 'run.json',
          path: 'samples[1].scores.match.value',
          message: 'expected a string, number or boolean, or a list or dict of them; value ignored',
        },
        { file: 'run.json', path: 'samples[2].id', message: 'expected a number or a string; skipped' },
      ]),
    );
    expect(test('ctf_lite/1')).toMatchObject({ cause: 'passed', durationSeconds: null });
    expect(test('ctf_lite/2')).toMatchObject({ cause: 'no-verdict' });
    // Sample 3 could not be read, but eval.dataset.sample_ids lists it: it is reported, not lost.
    expect(test('ctf_lite/3')).toMatchObject({ cause: 'no-verdict', status: 'unknown' });
  });

  it("reads Python's bare NaN and Infinity", async () => {
    const text = jsonLog({ samples: [{ id: 1, score: 1, totalTime: 3 }] })
      .replace('"total_time": 3', '"total_time": NaN')
      .replace('"value": 1', '"value": Infinity');
    const { test } = await analyse({ 'run.json': text });
    expect(test('ctf_lite/1')).toMatchObject({ status: 'pass', score: null, durationSeconds: null });
  });

  it('an unknown status is read as started, with a warning', async () => {
    const text = jsonLog({ sampleIds: [1, 2], samples: [{ id: 1, score: 'C' }] }).replace(
      '"status": "success"',
      '"status": "paused"',
    );
    const { result, test } = await analyse({ 'run.json': text });
    expect(result.warnings).toContainEqual({
      file: 'run.json',
      path: 'status',
      message: 'unknown status "paused"; read as started',
    });
    expect(test('ctf_lite/2').cause).toBe('no-verdict');
  });

  it('invalid JSON: the log is skipped with its position; the others are read', async () => {
    const { result } = await analyse({
      'a.json': jsonLog({ samples: [{ id: 1, score: 'C' }] }).slice(0, 200),
      'b.json': jsonLog({ task: 'other', samples: [{ id: 1, score: 'C' }] }),
    });
    expect(result.warnings[0]).toEqual({
      file: 'a.json',
      path: '',
      message: 'invalid JSON at the end of the file (truncated?); skipped',
    });
    expect(result.tests.map((t) => t.testId)).toEqual(['other/1']);
  });
});

describe('the size limit of a .json log', () => {
  /** Refuses reads over the limit the caller gives, as DirectorySource does; a character counts 100 kB. */
  class LimitedSource extends MemorySource {
    limits: (number | undefined)[] = [];
    override async readText(file: string, maxBytes?: number): Promise<string | null> {
      this.limits.push(maxBytes);
      const text = await super.readText(file);
      if (text !== null && maxBytes !== undefined && text.length * 1e5 > maxBytes)
        throw new InputError(`${file}: ${text.length * 1e5} bytes is over the ${maxBytes}-byte limit`);
      return text;
    }
  }

  it('is 512 MB (a whole log is one string); a larger log is skipped with a warning, the others are read', async () => {
    const small = jsonLog({ samples: [{ id: 1, score: 'C' }] });
    const large = jsonLog({ task: 'big', samples: Array.from({ length: 400 }, (_, i) => ({ id: i, score: 'C' })) });
    const source = new LimitedSource({ 'small.json': small, 'large.json': large });
    const parsed = await parseBatch(source);
    expect(source.limits).toEqual([512 * 1024 * 1024, 512 * 1024 * 1024]);
    expect(parsed.warnings).toContainEqual({
      file: 'large.json',
      path: '',
      message: `${large.length * 1e5} bytes is over the 536870912-byte limit; skipped`,
    });
    expect(parsed.tests.map((t) => t.testId)).toEqual(['ctf_lite/1']);
  });
});
