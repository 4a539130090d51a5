// The CLI analyses small results in its own thread and large ones in a worker with a tuned heap (cli-plan.ts),
// with a helper thread for the thread logs (log-helper.ts). Both paths run the same code on the same input:
// their output folders must be byte for byte the same.

import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { once } from 'node:events';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs script without types
import { makeBatch } from '../../scripts/make-batch.mjs';
import { LARGE_BYTES, earlyLogFiles, hugeBatch, needsOwnThread, weigh } from '../../src/cli-plan.js';
import { DirectorySource } from '../../src/ingest/directory.js';
import { earlyLogHelper, threadLogHelper, type HelperMessage, type HelperTask } from '../../src/log-helper.js';
import type { Warning } from '../../src/model.js';
import { scanFolderFindings } from '../../src/parse/scylla/folder-findings.js';
import { readScyllaFiles } from '../../src/parse/scylla/read.js';
import { parseThreadLog } from '../../src/parse/scylla/thread-log.js';
import {
  startLogScan,
  type HelperFile,
  type HelperOutcome,
  type LogScanHelper,
} from '../../src/parse/scylla/thread-log-scan.js';
import { CLI, runProcess } from '../helpers/run-cli.js';

const APP_BUNDLE = resolve('dist/cli-app.cjs');

/**
 * A script for `node --input-type=module -e` that runs the CLI's bundle in its own thread on `argv`, as the
 * launcher does for small results (src/code-cache.ts, without a cache): the bundle is a function expression.
 */
function directRun(argv: string[]): string {
  return [
    `import { readFileSync } from 'node:fs'; import { createRequire } from 'node:module'; import { dirname } from 'node:path'; import vm from 'node:vm';`,
    `const file = ${JSON.stringify(APP_BUNDLE)}; const module = { exports: {} };`,
    `new vm.Script(readFileSync(file, 'latin1'), { filename: file }).runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));`,
    `process.exitCode = await module.exports.main(${JSON.stringify(argv)});`,
  ].join('\n');
}
const HELPER_MODULE = resolve('dist/log-helper-worker.js');

/**
 * The bundled helper on `files`, then `task` (no folders: it ends after the logs), its answers as it sent
 * them (read from its port once it has ended).
 */
async function runHelper(
  files: HelperFile[],
  queue: Int32Array,
  task: HelperTask = { folders: null },
): Promise<HelperMessage[]> {
  const { port1, port2 } = new MessageChannel();
  const helper = new Worker(HELPER_MODULE, { workerData: { files, queue, port: port2 }, transferList: [port2] });
  port1.postMessage(task);
  await once(helper, 'exit');
  const messages: HelperMessage[] = [];
  for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1))
    messages.push(m.message as HelperMessage);
  port1.close();
  return messages;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('where the CLI runs an analysis', () => {
  let work: string;
  let large: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'e2e-triage-threads-'));
    large = join(work, 'large');
    // 80 MB of thread logs: past the 64 MB from which the analysis gets a worker.
    makeBatch({ out: large, tests: 120, threads: 2, seed: 5, logMb: 80 });
  }, 60_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('weighs the results: small ones stay in the launcher thread, large ones get a worker', () => {
    expect(needsOwnThread(['examples/sample-batch'])).toBe(false);
    expect(needsOwnThread([large, '--out', join(work, 'x')])).toBe(true);
    expect(weigh(large)).toBeGreaterThanOrEqual(LARGE_BYTES);
  });

  it('takes a summary of 16 MB and more for a batch whose heap grows slower, and nothing else', () => {
    expect(hugeBatch([large, '--out', join(work, 'x')])).toBe(false);
    const huge = join(work, 'huge');
    mkdirSync(huge);
    writeFileSync(join(huge, 'batch_summary.json'), '');
    truncateSync(join(huge, 'batch_summary.json'), 16 * 1024 * 1024 - 1);
    expect(hugeBatch([huge])).toBe(false);
    truncateSync(join(huge, 'batch_summary.json'), 16 * 1024 * 1024);
    expect(hugeBatch([huge, '--out', join(work, 'y')])).toBe(true);
    expect(hugeBatch(['--help'])).toBe(false);
    const zip = join(work, 'huge.zip');
    writeFileSync(zip, 'PK');
    expect(hugeBatch([zip])).toBe(false);
    expect(hugeBatch([join(work, 'missing')])).toBe(false);
  });

  it('counts a zip at four times its size and folders it does not open at a typical size', () => {
    const zip = join(work, 'results.zip');
    writeFileSync(zip, '');
    truncateSync(zip, LARGE_BYTES / 4);
    expect(needsOwnThread([zip])).toBe(true);
    truncateSync(zip, LARGE_BYTES / 8);
    expect(needsOwnThread([zip])).toBe(false);

    // Past 8 folders, per-test folders are counted at 16 kB each, not opened: all of them while under 64 MB,
    // and only until the total is past it (the reading stops there).
    const some = join(work, 'some');
    for (let i = 0; i < 3000; i++) mkdirSync(join(some, `2026-01-01T00-00-00-test-${i}`), { recursive: true });
    mkdirSync(join(some, 'thread_logs'));
    writeFileSync(join(some, 'thread_logs', 'thread_0.log'), 'x'.repeat(1000));
    expect(weigh(some)).toBe(3000 * 16 * 1024 + 1000);
    // Up to 8 folders are looked into; a ninth shows them to be per-test folders, counted instead.
    const few = join(work, 'few');
    for (let i = 0; i < 9; i++) {
      mkdirSync(join(few, `run-${i}`), { recursive: true });
      writeFileSync(join(few, `run-${i}`, 'report.json'), 'x'.repeat(1000));
      if (i === 7) expect(weigh(few)).toBe(8 * 1000);
    }
    expect(weigh(few)).toBe(9 * 16 * 1024);
    expect(needsOwnThread([some])).toBe(false);
    const many = join(work, 'many');
    for (let i = 0; i < 5000; i++) mkdirSync(join(many, `2026-01-01T00-00-00-test-${i}`), { recursive: true });
    expect(weigh(many)).toBe(LARGE_BYTES);
    expect(needsOwnThread([many])).toBe(true);
  });

  it('leaves help, version, usage errors and missing paths to the CLI in its own thread', () => {
    expect(needsOwnThread([large, '--help'])).toBe(false);
    expect(needsOwnThread(['--version'])).toBe(false);
    expect(needsOwnThread([large, '--no-such-flag'])).toBe(false);
    expect(needsOwnThread([large, large])).toBe(false);
    expect(needsOwnThread([join(work, 'missing')])).toBe(false);
  });

  it('writes the same files, byte for byte, in the worker as in the launcher thread', async () => {
    const inWorker = join(work, 'a', 'run');
    const inThread = join(work, 'b', 'run');
    const cacheRoot = join(work, 'compile-cache');
    const { NODE_DISABLE_COMPILE_CACHE: _off, ...inherited } = process.env; // set at all, even empty: off
    const env = { ...inherited, NODE_COMPILE_CACHE: cacheRoot };
    const viaLauncher = await runProcess(process.execPath, [CLI, large, '--out', inWorker, '--no-config'], { env });
    expect(viaLauncher.stderr).toBe('');
    expect(viaLauncher.code).toBe(0);
    // The worker made a code cache of its own (its V8 flags are not the launcher's); the next run takes it.
    const workerCaches = readdirSync(cacheRoot, { recursive: true }).filter((f) =>
      /cli-worker-.*\.bin$/.test(String(f)),
    );
    expect(workerCaches).toHaveLength(1);
    const again = join(work, 'c', 'run');
    const cached = await runProcess(process.execPath, [CLI, large, '--out', again, '--no-config'], { env });
    expect(cached.code).toBe(0);
    // The bundle the launcher runs for small results, called directly on the large ones.
    const direct = await runProcess(process.execPath, [
      '--input-type=module',
      '-e',
      directRun([large, '--out', inThread, '--no-config']),
    ]);
    expect(direct.stderr).toBe('');
    expect(direct.code).toBe(0);
    expect(direct.stdout.replace(inThread, 'OUT')).toBe(viaLauncher.stdout.replace(inWorker, 'OUT'));

    const names = files(inWorker);
    expect(names.length).toBeGreaterThan(100);
    expect(files(inThread)).toEqual(names);
    expect(files(again)).toEqual(names);
    for (const name of names) {
      const expected = readFileSync(join(inWorker, name), 'utf8');
      expect(readFileSync(join(inThread, name), 'utf8'), name).toBe(expected);
      expect(readFileSync(join(again, name), 'utf8'), name).toBe(expected);
    }
  }, 120_000);

  it('analyses a batch without result folders (the bench measures one) in the worker as in the launcher thread', async () => {
    const logsOnly = join(work, 'logs-only');
    makeBatch({ out: logsOnly, tests: 120, threads: 2, seed: 5, logMb: 80, resultFolders: false });
    // The same summary and logs as the batch with its folders, and nothing else.
    expect(files(logsOnly)).toEqual(['batch_summary.json', 'thread_logs/thread_0.log', 'thread_logs/thread_1.log']);
    for (const name of files(logsOnly))
      expect(readFileSync(join(logsOnly, name)).equals(readFileSync(join(large, name))), name).toBe(true);

    const inWorker = join(work, 'logs-only-worker');
    const inThread = join(work, 'logs-only-thread');
    const viaLauncher = await runProcess(process.execPath, [CLI, logsOnly, '--out', inWorker, '--no-config']);
    expect(viaLauncher.code).toBe(0);
    const direct = directRun([logsOnly, '--out', inThread, '--no-config']);
    expect((await runProcess(process.execPath, ['--input-type=module', '-e', direct])).code).toBe(0);
    const names = files(inWorker);
    expect(files(inThread)).toEqual(names);
    for (const name of names)
      expect(readFileSync(join(inThread, name), 'utf8'), name).toBe(readFileSync(join(inWorker, name), 'utf8'));
    // Every test gets a verdict from its summary rows and log blocks alone.
    const triage = JSON.parse(readFileSync(join(inWorker, 'triage.json'), 'utf8')) as {
      tests: { resultDir: string | null; attempts: { source: string }[] }[];
    };
    expect(triage.tests).toHaveLength(120);
    expect(triage.tests.flatMap((t) => t.attempts.map((a) => a.source)).includes('result-dir')).toBe(false);
  }, 120_000);

  it("runs the bundle's log helper: it parses the files it claims from the shared queue, as the analysis thread would", async () => {
    const logs = ['thread_logs/thread_0.log', 'thread_logs/thread_1.log', 'thread_logs/thread_9.log'];
    const files = logs.map((file) => ({ file, path: join(large, file) }));
    // The analysis thread took the second file before the helper started: it does the third (missing).
    const taken = new Int32Array(new SharedArrayBuffer(8));
    Atomics.store(taken, 0, 1);
    expect(await runHelper(files.slice(1), taken)).toEqual([
      { index: 1, outcome: { error: expect.stringContaining('ENOENT') } },
      { done: true },
    ]);

    const queue = new Int32Array(new SharedArrayBuffer(8));
    const source = new DirectorySource(large);
    expect(await runHelper(files.slice(0, 2), queue)).toEqual([
      { index: 0, outcome: { blocks: await parseThreadLog(logs[0]!, source.chunks(logs[0]!)) } },
      { index: 1, outcome: { blocks: await parseThreadLog(logs[1]!, source.chunks(logs[1]!)) } },
      { done: true },
    ]);
    expect(Atomics.load(queue, 0)).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("runs the bundle's folder scan after the logs: the folders it claims, scanned as the analysis thread would", async () => {
    const source = new DirectorySource(large);
    // Folders with a tier folder (judge failures, crashed workers), and as many without.
    const all = readdirSync(large)
      .filter((name) => /^\d{4}-/.test(name))
      .sort();
    const tiered = all.filter((name) => existsSync(join(large, name, 'T0')) || existsSync(join(large, name, 'T1')));
    const failing = [...tiered, ...all.filter((name) => !tiered.includes(name)).slice(0, tiered.length)].sort();
    const half = Math.floor(failing.length / 2);
    const scanHere = async (name: string) => {
      const warnings: Warning[] = [];
      const findings = await scanFolderFindings(source, name, (file, path, message) =>
        warnings.push({ file, path, message }),
      );
      return { findings, warnings };
    };
    // The analysis thread took the first half: the helper scans the rest, after its one log.
    expect(tiered.length).toBeGreaterThan(4);
    const queue = new Int32Array(new SharedArrayBuffer(8));
    Atomics.store(queue, 1, half);
    const log = 'thread_logs/thread_1.log';
    const messages = await runHelper([{ file: log, path: join(large, log) }], queue, {
      folders: failing,
      root: large,
      scope: '',
    });
    const wanted: HelperMessage[] = [{ index: 0, outcome: { blocks: await parseThreadLog(log, source.chunks(log)) } }];
    for (let index = half; index < failing.length; index++)
      wanted.push({ folder: index, outcome: await scanHere(failing[index]!) });
    expect(messages).toEqual([...wanted, { done: true }]);
    const found = messages.flatMap((m) => ('folder' in m ? Object.values(m.outcome.findings).flat() : []));
    expect(found.length).toBeGreaterThan(0);
  }, 60_000);

  it('reads a batch with the real helper scanning the failing folders: the files read are the same as without it', async () => {
    const source = new DirectorySource(large);
    const alone = await readScyllaFiles(source);
    const real = threadLogHelper(pathToFileURL(HELPER_MODULE));
    let given = 0;
    let fromHelper = 0;
    const busy: LogScanHelper = {
      start(files) {
        const scan = real.start(files);
        const folders = scan.folders!;
        return {
          ...scan,
          // This thread is busy elsewhere: the helper claims every folder, and the scan waits for its answers.
          folders: {
            ...folders,
            share: (names, onDisk) => {
              given = names.length;
              folders.share(names, onDisk);
            },
            claim: () => -1,
            stopped: async () => {
              await folders.stopped();
              fromHelper = folders.received().size;
            },
          },
        };
      },
    };
    const shared = await readScyllaFiles(source, busy);
    expect(given).toBeGreaterThan(10);
    expect(fromHelper).toBe(given);
    expect(shared).toEqual(alone);
  }, 60_000);

  it('shares the logs with that helper through log-helper.ts, and takes in what it sent while the folders were read', async () => {
    const source = new DirectorySource(large);
    const logs = ['thread_logs/thread_0.log', 'thread_logs/thread_1.log'];
    const real = threadLogHelper(pathToFileURL(HELPER_MODULE));
    let fromHelper = new Map<number, HelperOutcome>();
    let taken: number[] = [];
    const watched: LogScanHelper = {
      start(files) {
        const scan = real.start(files);
        return {
          ...scan,
          finished: async () => {
            fromHelper = await scan.finished();
            taken = [...fromHelper.keys()];
            return fromHelper;
          },
        };
      },
    };
    const scan = startLogScan(source, logs, watched);
    // The analysis thread is busy elsewhere (the result folders) while the helper takes both files.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    scan.poll();
    const result = await scan.finish();
    expect(taken.sort()).toEqual([0, 1]);
    // Its answers are let go once taken in: the helper's side must not keep the blocks alive.
    expect(fromHelper.size).toBe(0);
    const expected = [];
    for (const file of logs) expected.push(...(await parseThreadLog(file, source.chunks(file))));
    expect(result).toEqual({ blocks: expected, failures: [] });
  }, 60_000);

  it('lists the thread logs for a helper started early exactly as the analysis lists them', async () => {
    /** The files the analysis gives its helper; it parses them all itself. */
    const listed = async (dir: string) => {
      let given: readonly HelperFile[] = [];
      const recorder: LogScanHelper = {
        start(files) {
          given = files;
          return { claim: () => -1, poll: () => {}, finished: async () => new Map() };
        },
      };
      await readScyllaFiles(new DirectorySource(dir), recorder);
      return given;
    };
    expect(earlyLogFiles([large, '--out', join(work, 'x')])).toEqual(await listed(large));

    // Ordered by thread number; other files, and a folder named like a log, left out.
    const mixed = join(work, 'mixed');
    makeBatch({ out: mixed, tests: 6, threads: 2, seed: 3 });
    writeFileSync(join(mixed, 'thread_logs', 'thread_10.log'), '');
    writeFileSync(join(mixed, 'thread_logs', 'notes.txt'), '');
    mkdirSync(join(mixed, 'thread_logs', 'thread_3.log'));
    const early = earlyLogFiles([mixed]);
    expect(early?.map((f) => f.file)).toEqual([
      'thread_logs/thread_0.log',
      'thread_logs/thread_1.log',
      'thread_logs/thread_10.log',
    ]);
    expect(early).toEqual(await listed(mixed));

    // None when the logs are not certainly ProjectScylla's, or there is nothing to analyse.
    expect(earlyLogFiles([mixed, '--format', 'inspect'])).toBeUndefined();
    expect(earlyLogFiles([mixed, '--format', 'scylla'])).toEqual(early);
    expect(earlyLogFiles([join(mixed, 'thread_logs')])).toBeUndefined();
    expect(earlyLogFiles([mixed, '--help'])).toBeUndefined();
    expect(earlyLogFiles([join(work, 'missing')])).toBeUndefined();
    const noLogs = join(work, 'no-logs');
    mkdirSync(noLogs);
    writeFileSync(join(noLogs, 'batch_summary.json'), '{}');
    expect(earlyLogFiles([noLogs])).toBeUndefined();
  }, 60_000);

  it('takes the helper started early when it parses the same files, and stops it when not', async () => {
    const worker = pathToFileURL(HELPER_MODULE);
    const logs = ['thread_logs/thread_0.log', 'thread_logs/thread_1.log'];
    const files = logs.map((file) => ({ file, path: join(large, file) }));

    const early = earlyLogHelper(files, worker);
    expect(threadLogHelper(worker, early).start(files.map((f) => ({ ...f })))).toBe(early);
    const answers = await early.finished();
    expect([...answers.keys()].sort()).toEqual([0, 1]);

    // Other files: the early one claims nothing more, and a helper of their own parses them.
    const stopped = earlyLogHelper(files, worker);
    const scan = threadLogHelper(worker, stopped).start(files.slice(1));
    expect(scan).not.toBe(stopped);
    expect(stopped.claim()).toBe(-1);
    expect((await stopped.finished()).size).toBeLessThanOrEqual(1);
    const source = new DirectorySource(large);
    expect(await scan.finished()).toEqual(
      new Map([[0, { blocks: await parseThreadLog(logs[1]!, source.chunks(logs[1]!)) }]]),
    );
  }, 60_000);

  it('gives the exit code of a failed analysis back from the worker', async () => {
    const broken = join(work, 'broken');
    mkdirSync(join(broken, 'thread_logs'), { recursive: true });
    writeFileSync(join(broken, 'batch_summary.json'), '{ not json');
    const log = join(broken, 'thread_logs', 'thread_0.log');
    writeFileSync(log, '');
    truncateSync(log, LARGE_BYTES);
    expect(needsOwnThread([broken])).toBe(true);
    const run = await runProcess(process.execPath, [CLI, broken, '--out', join(work, 'broken-out'), '--no-config']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('e2e-triage: batch_summary.json: invalid JSON at line 1, column 3\n');
    expect(run.stderr).not.toContain('    at ');
  }, 60_000);
});
