// The thread logs of a batch parsed here, or shared with a helper thread: the same blocks in the same order
// whoever parsed which file, and whatever became of the helper.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs script without types
import { makeBatch } from '../../../scripts/make-batch.mjs';
import { DirectorySource } from '../../../src/ingest/directory.js';
import { fileChunks } from '../../../src/ingest/file-chunks.js';
import type { ResultsSource } from '../../../src/ingest/source.js';
import { threadLogHelper } from '../../../src/log-helper.js';
import { parseThreadLog } from '../../../src/parse/scylla/thread-log.js';
import {
  startLogScan,
  type HelperFile,
  type HelperOutcome,
  type LogScanHelper,
} from '../../../src/parse/scylla/thread-log-scan.js';

const LOGS = [
  'thread_logs/thread_0.log',
  'thread_logs/thread_1.log',
  'thread_logs/thread_2.log',
  'thread_logs/thread_3.log',
];

let work: string;
let source: DirectorySource;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'e2e-triage-log-scan-'));
  makeBatch({ out: work, tests: 60, threads: 4, seed: 3 });
  source = new DirectorySource(work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each file parsed on its own, in file order: what any split must come back to. */
async function expected(files: readonly string[]) {
  const blocks = [];
  for (const file of files) blocks.push(...(await parseThreadLog(file, source.chunks(file))));
  return blocks;
}

/**
 * A helper that claims `take` from the shared queue as soon as it starts (the real one is that quick while the
 * analysis thread reads folders) and reports `report(index)` for each: an outcome, or nothing (it died).
 */
function fakeHelper(take: number, report: (index: number, file: HelperFile) => Promise<HelperOutcome | null>) {
  const seen: { files: readonly HelperFile[] }[] = [];
  const helper: LogScanHelper = {
    start(files) {
      seen.push({ files });
      const claimed = [...Array(Math.min(take, files.length)).keys()];
      let next = claimed.length;
      return {
        claim: () => (next < files.length ? next++ : -1),
        poll: () => {},
        finished: async () => {
          const outcomes = new Map<number, HelperOutcome>();
          for (const index of claimed) {
            const outcome = await report(index, files[index]!);
            if (outcome) outcomes.set(index, outcome);
          }
          return outcomes;
        },
      };
    },
  };
  return { helper, seen };
}

const parsedThere = async (_index: number, { file, path }: HelperFile): Promise<HelperOutcome> => ({
  blocks: await parseThreadLog(file, fileChunks(path)),
});

describe('startLogScan', () => {
  it('parses every file on this thread when there is no helper, in file order', async () => {
    const result = await startLogScan(source, LOGS).finish();
    expect(result.failures).toEqual([]);
    expect(result.blocks.length).toBeGreaterThan(50);
    expect(result.blocks).toEqual(await expected(LOGS));
  });

  it('gives the helper the files on disk and takes what it leaves from the same queue, in file order', async () => {
    const { helper, seen } = fakeHelper(2, parsedThere);
    const result = await startLogScan(source, LOGS, helper).finish();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.files.map((f) => f.file)).toEqual(LOGS);
    for (const { file, path } of seen[0]!.files) expect(path).toBe(resolve(work, ...file.split('/')));
    expect(result).toEqual({ blocks: await expected(LOGS), failures: [] });
  });

  it('parses here a file the helper claimed but never finished (it died)', async () => {
    const { helper } = fakeHelper(3, async (index, file) => (index === 1 ? null : parsedThere(index, file)));
    expect(await startLogScan(source, LOGS, helper).finish()).toEqual({ blocks: await expected(LOGS), failures: [] });
  });

  it('reports a file the helper could not read, and keeps the blocks of the others', async () => {
    const { helper } = fakeHelper(2, async (index, file) =>
      index === 0 ? { error: 'EIO: i/o error, read' } : parsedThere(index, file),
    );
    const result = await startLogScan(source, LOGS, helper).finish();
    expect(result.failures).toEqual([{ file: LOGS[0], message: 'EIO: i/o error, read' }]);
    expect(result.blocks).toEqual(await expected(LOGS.slice(1)));
  });

  it('gives the helper a single file too, and starts none without logs or for results not on disk', async () => {
    const one = fakeHelper(1, parsedThere);
    expect(await startLogScan(source, LOGS.slice(0, 1), one.helper).finish()).toEqual({
      blocks: await expected(LOGS.slice(0, 1)),
      failures: [],
    });
    expect(one.seen).toHaveLength(1);
    const { helper, seen } = fakeHelper(1, parsedThere);
    expect(await startLogScan(source, [], helper).finish()).toEqual({ blocks: [], failures: [] });
    const notOnDisk: ResultsSource = {
      label: 'in memory',
      list: (dir) => source.list(dir),
      readText: (file) => source.readText(file),
      chunks: (file) => source.chunks(file),
      archive: (file) => source.archive(file),
    };
    expect((await startLogScan(notOnDisk, LOGS, helper).finish()).blocks).toEqual(await expected(LOGS));
    expect(seen).toEqual([]);
  });

  it('makes the blocks a message brought again, the same as parsed here, and lets the answers go', async () => {
    // A message brings copies (structuredClone is the same algorithm): the scan rebuilds each block.
    let answers: Map<number, HelperOutcome> | null = null;
    const helper: LogScanHelper = {
      start(files) {
        let next = 2;
        return {
          claim: () => (next < files.length ? next++ : -1),
          poll: () => {},
          finished: async () => {
            answers = new Map();
            for (const index of [0, 1]) answers.set(index, structuredClone(await parsedThere(index, files[index]!)));
            return answers;
          },
        };
      },
    };
    const result = await startLogScan(source, LOGS, helper).finish();
    expect(result).toEqual({ blocks: await expected(LOGS), failures: [] });
    expect(answers!.size).toBe(0);
    const copied = result.blocks.filter((b) => b.file === LOGS[0] || b.file === LOGS[1]);
    expect(copied.length).toBeGreaterThan(10);
    expect(copied.some((b) => b.errors.length > 0)).toBe(true);
    expect(copied.some((b) => b.experiment !== null)).toBe(true);
    // Empty lists are the one frozen empty list, as in a file parsed here.
    for (const block of result.blocks) if (block.errors.length === 0) expect(Object.isFrozen(block.errors)).toBe(true);
  });

  it('does the work itself when the helper thread cannot start', async () => {
    // From the sources, the helper's bundled module (log-helper-worker.js) is not beside log-helper.ts.
    expect(existsSync(resolve('src/log-helper-worker.js'))).toBe(false);
    const result = await startLogScan(source, LOGS, threadLogHelper()).finish();
    expect(result).toEqual({ blocks: await expected(LOGS), failures: [] });
  });
});
