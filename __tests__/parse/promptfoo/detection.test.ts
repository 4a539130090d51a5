// Recognising promptfoo outputs from names and first bytes: a file, a folder holding one, a folder wrapping
// that; never a ProjectScylla batch_summary.json or an Inspect log.

import { describe, expect, it } from 'vitest';

import type { ResultsSource, SourceEntry } from '../../../src/ingest/source.js';
import { parseBatch } from '../../../src/parse/index.js';
import { promptfooAdapter } from '../../../src/parse/promptfoo/index.js';
import { MAX_PROBES, looksLikeJsonlRow, looksLikeOutputJson } from '../../../src/parse/promptfoo/recognise.js';
import { MemorySource } from '../../helpers/memory-source.js';
import { fixture, outputJson, outputJsonl, passed } from './support/outputs.js';

const detect = async (files: Record<string, string>) => {
  const source = new MemorySource(files);
  return promptfooAdapter.detect(source, await source.list(''));
};

const SCYLLA_SUMMARY = JSON.stringify({
  started_at: '2026-02-14T00:00:00',
  results: [{ test_id: 'test-001', status: 'pass' }],
});
const INSPECT_LOG = JSON.stringify(
  { version: 2, status: 'success', eval: { eval_id: 'x', run_id: 'y', task: 'popularity' }, results: { scores: [] } },
  null,
  2,
);

describe('detect', () => {
  it('recognises every real output', async () => {
    for (const name of [
      'out.json',
      'after_retry.json',
      'repeat.json',
      'multi.json',
      'judge_fail.json',
      'timeout.json',
      'nodesc.json',
      'out.jsonl',
    ]) {
      expect(await detect({ [name]: fixture(name) }), name).toBe(true);
    }
  });

  it('does not claim a ProjectScylla batch_summary.json or an Inspect log, whatever their names', async () => {
    expect(await detect({ 'batch_summary.json': SCYLLA_SUMMARY })).toBe(false);
    expect(await detect({ 'summary.json': SCYLLA_SUMMARY })).toBe(false);
    expect(await detect({ '2024-08-29T15-11-17+00-00_popularity_5EAm.json': INSPECT_LOG })).toBe(false);
    expect(await detect({ 'log.json': INSPECT_LOG })).toBe(false);
    expect(await detect({ 'package.json': '{"name": "x", "results": {"version": 1}}' })).toBe(false);
    expect(await detect({ 'notes.jsonl': '{"testIdx": "a"}\n' })).toBe(false);
  });

  it('reads no more than a few files of a large folder', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`2024-08-29T15-11-${String(i).padStart(2, '0')}_task.json`] = INSPECT_LOG;
    files['out.json'] = fixture('out.json');
    const source = new MemorySource(files);
    const opened: string[] = [];
    const counting: ResultsSource = {
      ...source,
      label: source.label,
      list: (dir) => source.list(dir),
      readText: (f) => source.readText(f),
      archive: (f) => source.archive(f),
      chunks: (f) => {
        opened.push(f);
        return source.chunks(f);
      },
    };
    const entries: SourceEntry[] = await source.list('');
    // The likeliest name first: the promptfoo output is found before the timestamped logs are opened.
    expect(await promptfooAdapter.detect(counting, entries)).toBe(true);
    expect(opened).toEqual(['out.json']);
    opened.length = 0;
    delete files['out.json'];
    expect(await promptfooAdapter.detect(counting, await source.list(''))).toBe(false);
    expect(opened.length).toBeLessThanOrEqual(MAX_PROBES);
  });

  it('recognises a JSONL row longer than what it reads', () => {
    const head = `{"provider":{"id":"x"},"response":{"output":"${'a'.repeat(100)}`;
    expect(looksLikeJsonlRow({ text: head, complete: false })).toBe(false);
    expect(looksLikeJsonlRow({ text: `{"testIdx": 0, "promptIdx": 1, "response": "aaa`, complete: false })).toBe(true);
  });

  it('knows an output by its top, in promptfoo key order or with results first', () => {
    expect(looksLikeOutputJson('{\n  "evalId": "e",\n  "results": {\n    "version": 3,')).toBe(true);
    expect(looksLikeOutputJson('{"results": {"version": 2, "timestamp": "2024-01-01"')).toBe(true);
    expect(looksLikeOutputJson('\uFEFF{"evalId": null, "results": {')).toBe(true);
    expect(looksLikeOutputJson('{"evalId": "e", "results": [')).toBe(false);
    expect(looksLikeOutputJson('[{"evalId": "e", "results": {')).toBe(false);
  });
});

describe('parseBatch finds and reads promptfoo outputs', () => {
  it('a single output file given on its own', async () => {
    const r = await parseBatch(new MemorySource({ 'out.json': fixture('out.json') }, 'out.json'));
    expect(r).toMatchObject({ label: 'out.json', batch: { harness: 'promptfoo' } });
    expect(r.tests).toHaveLength(5);
  });

  it('a folder holding one, wrapped in an artifact folder', async () => {
    const r = await parseBatch(
      new MemorySource(
        { 'e2e-results/promptfoo/out.jsonl': fixture('out.jsonl'), 'e2e-results/README.md': '# x' },
        'artifact',
      ),
    );
    expect(r.label).toBe('artifact/out.jsonl');
    expect(r.tests[0]!.evidence[0]!.file).toBe('out.jsonl');
  });

  it('ignores JSON files that are not outputs beside one', async () => {
    const r = await parseBatch(
      new MemorySource({ 'out.json': outputJson([passed({ description: 'a' })]), 'package.json': '{"name": "x"}' }),
    );
    expect(r.tests.map((t) => t.testId)).toEqual(['a']);
    expect(r.warnings).toEqual([]);
  });

  it('--format promptfoo reads it as promptfoo', async () => {
    const r = await parseBatch(new MemorySource({ 'x.jsonl': outputJsonl([passed({ description: 'a' })]) }), {
      harness: 'promptfoo',
    });
    expect(r.batch.format).toBe('promptfoo-jsonl');
  });

  it('a folder with none says what it looked for', async () => {
    await expect(parseBatch(new MemorySource({ 'notes.json': '{}' }, 'empty'))).rejects.toThrow(
      /promptfoo output file \(promptfoo eval -o out\.json or out\.jsonl\)/,
    );
  });

  it('an output that stops being JSON is refused with its position', async () => {
    const text = fixture('out.json').slice(0, 3000);
    await expect(parseBatch(new MemorySource({ 'out.json': text }))).rejects.toThrow(
      /^out\.json: invalid JSON at the end/,
    );
    const broken = fixture('out.json').replace('"score": 1,', '"score": 1,,');
    await expect(parseBatch(new MemorySource({ 'out.json': broken }))).rejects.toThrow(
      /out\.json: invalid JSON at line \d+, column \d+/,
    );
  });

  it('an output without a rows list is refused', async () => {
    const text = '{"evalId": "e", "results": {"version": 3, "timestamp": "t", "results": "none"}}';
    await expect(parseBatch(new MemorySource({ 'out.json': text }))).rejects.toThrow(
      'out.json: not a promptfoo output (no results.results list of rows)',
    );
  });
});
