// AnalyzeOptions.collectGarbage: run where much has just died (the parsed batch and a previous analysis, before
// the rendering; the summary pages, before the per-test ones), and nothing else changes.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs script without types
import { makeBatch } from '../../scripts/make-batch.mjs';
import { DirectorySource } from '../../src/ingest/directory.js';
import { analyze } from '../../src/pipeline.js';
import type { OutputFile } from '../../src/render/index.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'e2e-triage-collect-'));
  makeBatch({ out: work, tests: 40, seed: 9 });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const text = (file: OutputFile) => ('content' in file ? file.content : [...file.parts()].join(''));

describe('collectGarbage', () => {
  it('is called before the summary pages and again before the per-test ones, and changes no file', async () => {
    const calls: string[] = [];
    let rendered: string[] = [];
    const options = { issueMode: 'per-test' as const, today: '2026-02-20' };
    const analysis = await analyze(new DirectorySource(work), {
      ...options,
      collectGarbage: () => calls.push(rendered.at(-1) ?? '(before any file)'),
    });
    expect(calls).toEqual([]);
    const files = [];
    for (const file of analysis.files) {
      rendered.push(file.path);
      files.push([file.path, text(file)]);
    }
    expect(calls).toEqual(['(before any file)', 'issues/epic-analysis.md']);
    const summaryPages = rendered.indexOf('issues/epic-analysis.md') + 1;
    expect(rendered.slice(0, summaryPages)).toContain('README.md');
    // triage.json is handed over before the per-test pages, to be written in their gaps (local-files.ts).
    expect(rendered[summaryPages]).toBe('triage.json');
    expect(rendered[summaryPages + 1]).toMatch(/^(failures|issues)\/test-/);

    const plain = await analyze(new DirectorySource(work), options);
    rendered = [];
    expect([...plain.files].map((file) => [file.path, text(file)])).toEqual(files);
  });
});
