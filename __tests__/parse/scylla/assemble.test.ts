// takeCases: every test's case once, in test-id order, each test's share of the files let go as its case is
// built, so that the files and the parsed tests are never both held whole.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs script without types
import { makeBatch } from '../../../scripts/make-batch.mjs';
import { DirectorySource } from '../../../src/ingest/directory.js';
import type { Warning } from '../../../src/model.js';
import { takeCases } from '../../../src/parse/scylla/assemble.js';
import { readScyllaFiles } from '../../../src/parse/scylla/read.js';
import { naturalCompare } from '../../../src/util/natural-order.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'e2e-triage-assemble-'));
  makeBatch({ out: work, tests: 30, threads: 3, seed: 5 });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = () => readScyllaFiles(new DirectorySource(work));

describe('takeCases', () => {
  it("gives every test's case once, in test-id order, from all three sources", async () => {
    const files = await read();
    const ids = [...new Set([...files.summary.rows.map((r) => r.testId), ...files.folders.keys()])];
    const rows = files.summary.rows.length;
    const blocks = files.logBlocks.length;
    const folders = [...files.folders.values()].flat().length;
    const cases = [...takeCases(files, [])];
    expect(cases.map((c) => c.testId)).toEqual(ids.sort(naturalCompare));
    expect(cases).toHaveLength(30);
    expect(cases.reduce((n, c) => n + c.rows.length, 0)).toBe(rows);
    expect(cases.reduce((n, c) => n + c.blocks.length, 0)).toBe(blocks);
    expect(cases.reduce((n, c) => n + c.folders.length, 0)).toBe(folders);
    expect(blocks).toBeGreaterThan(30);
    // Each test's blocks oldest first.
    for (const c of cases) {
      const starts = c.blocks.map((b) => Date.parse(b.startedAt!));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
    expect(cases.some((c) => c.findings !== null)).toBe(true);
  });

  it("lets go of each test's rows, blocks, folders and findings once its case is built", async () => {
    const files = await read();
    const findings = files.findings.size;
    expect(findings).toBeGreaterThan(0);
    const cases = takeCases(files, []);
    const first = cases.next().value!;
    // The rows and blocks are held by the cases alone from the start.
    expect(files.summary.rows).toEqual([]);
    expect(files.logBlocks).toEqual([]);
    expect(files.folders.has(first.testId)).toBe(false);
    expect(files.folders.size).toBe(29);
    for (const folder of first.folders) expect(files.findings.has(folder.name)).toBe(false);
    const second = cases.next().value!;
    expect(second.testId).not.toBe(first.testId);
    expect(files.folders.has(second.testId)).toBe(false);
    for (const _ of cases);
    expect(files.folders.size).toBe(0);
    expect(files.findings.size).toBe(0);
  });

  it('warns about a test with folders or blocks but no summary row, once the case is taken', async () => {
    const files = await read();
    const dropped = files.summary.rows[0]!.testId;
    files.summary.rows = files.summary.rows.filter((r) => r.testId !== dropped);
    const warnings: Warning[] = [];
    const cases = [...takeCases(files, warnings)];
    const orphan = cases.find((c) => c.testId === dropped)!;
    expect(orphan.status).toBe('unknown');
    expect(warnings).toEqual([
      expect.objectContaining({
        message: `${dropped} has no row in batch_summary.json (test never recorded); status unknown`,
      }),
    ]);
  });
});
