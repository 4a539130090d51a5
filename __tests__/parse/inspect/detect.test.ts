// Recognising Inspect logs: a folder of `.eval` or Inspect `.json` logs, or one log given on its own; never a
// JSON file of anything else. Cheap: names, a zip magic, the first bytes of a few .json files.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { openResults } from '../../../src/ingest/open-results.js';
import { hasEvalLogKeys } from '../../../src/parse/inspect/find-logs.js';
import { inspectAdapter } from '../../../src/parse/inspect/index.js';
import { parseBatch } from '../../../src/parse/index.js';
import { MemorySource } from '../../helpers/memory-source.js';
import { evalLog, jsonLog } from './builders.js';

const REAL = '__tests__/fixtures/inspect/real';
const SPEC = { samples: [{ id: 1, score: 'C' }] };

const detects = async (files: Record<string, string | Buffer>) => {
  const source = new MemorySource(files);
  return inspectAdapter.detect(source, await source.list(''));
};

describe('hasEvalLogKeys', () => {
  it('an EvalLog head: "version", "status" and "eval" at the top, in any order and spacing', () => {
    expect(hasEvalLogKeys('{\n  "version": 2,\n  "status": "success",\n  "eval": {\n    "task": "x"')).toBe(true);
    expect(hasEvalLogKeys('\ufeff{"eval":{"task":"x","config":{"a":[1,{"b":2}]}},"status":"error","version":2')).toBe(
      true,
    );
  });

  it('not when the keys are nested, missing, or past the head', () => {
    expect(hasEvalLogKeys('{"results": [{"version": 1, "status": "ok", "eval": {}}]}')).toBe(false);
    expect(hasEvalLogKeys('{"version": 2, "status": "success", "evalId": "abc"}')).toBe(false);
    expect(hasEvalLogKeys('{"version": 2, "status": "success", "plan": {')).toBe(false);
    expect(hasEvalLogKeys('[{"version": 2, "status": "success", "eval": {}}]')).toBe(false);
    expect(hasEvalLogKeys('{"note": "\\"version\\": 2, \\"status\\": 1, \\"eval\\": 3"}')).toBe(false);
  });
});

describe('detect', () => {
  it('a folder with an .eval log', async () => {
    expect(await detects({ 'a.eval': evalLog(SPEC) })).toBe(true);
  });

  it('a folder with an Inspect .json log', async () => {
    expect(await detects({ 'a.json': jsonLog(SPEC) })).toBe(true);
  });

  it('a .json log whose keys a tool reordered (a long `eval` first) is still one', async () => {
    const log = JSON.parse(jsonLog(SPEC)) as Record<string, unknown>;
    const { eval: spec, version, status, ...rest } = log;
    const reordered = { eval: { ...(spec as object), padding: 'x'.repeat(10_000) }, ...rest, status, version };
    expect(await detects({ 'a.json': JSON.stringify(reordered) })).toBe(true);
  });

  it('not a folder of other JSON (a promptfoo output, a ProjectScylla summary), nor an .eval that is no zip', async () => {
    expect(await detects({ 'results.json': JSON.stringify({ evalId: 'e', results: { version: 3 } }) })).toBe(false);
    expect(
      await detects({ 'batch_summary.json': JSON.stringify({ results: [] }), 'thread_logs/thread_0.log': '' }),
    ).toBe(false);
    expect(await detects({ 'notes.eval': 'an evaluation note, not a zip' })).toBe(false);
  });

  it("Inspect's own listings are not logs (logs.json, eval-set.json, listing.json)", async () => {
    const lookalike = jsonLog(SPEC);
    expect(await detects({ 'logs.json': lookalike, 'eval-set.json': lookalike, 'listing.json': lookalike })).toBe(
      false,
    );
  });

  it('the folder is found inside an artifact that wraps it', async () => {
    const parsed = await parseBatch(new MemorySource({ 'artifact/logs/a.eval': evalLog(SPEC) }));
    expect(parsed.batch.harness).toBe('inspect');
    expect(parsed.tests.map((t) => t.testId)).toEqual(['ctf_lite/1']);
  });

  it('nothing recognised: the message says what Inspect logs look like', async () => {
    await expect(parseBatch(new MemorySource({ 'data.json': '{"a": 1}' }))).rejects.toThrow(
      'Inspect AI logs (*.eval, or .json logs with an Inspect header)',
    );
  });
});

describe('one log given on its own (the CLI sees a folder holding only that file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-triage-inspect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['log_streaming.eval', '2025-05-12T20-28-13-04-00_popularity.json'])('%s', async (name) => {
    const opened = await openResults(join(REAL, name));
    try {
      const parsed = await parseBatch(opened.source);
      expect(parsed.batch.harness).toBe('inspect');
      expect(parsed.tests.length).toBeGreaterThan(0);
      expect(new Set(parsed.tests.map((t) => t.resultDir))).toEqual(new Set([name]));
    } finally {
      await opened.cleanup();
    }
  });

  it('a single .json that is not an Inspect log is not read as one', async () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, JSON.stringify({ version: 1, results: [] }));
    const opened = await openResults(file);
    await expect(parseBatch(opened.source)).rejects.toThrow(/no results found/);
  });
});
