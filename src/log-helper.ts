// The helper thread a large CLI run lends to the parsing of its thread logs (parse/scylla/thread-log-scan.ts):
// it takes files from a queue shared with the analysis thread, one at a time, and sends back each file's
// blocks. A gigabyte of logs is a second of scanning that the second core does while the analysis thread reads
// the result folders. Then it takes its share of the failing folders' scan, if the analysis thread gives it
// one (parse/scylla/folder-scan-share.ts), and ends. If the helper cannot start or dies, the files and folders
// it did not finish are done by the analysis thread: nothing is lost but time. It never keeps the process
// alive unless waited for.
//
// It helps with the parsing only: kept for the per-test pages too (branch perf-page-helper), it took a 10,000-test
// run from 5.8 to 4.5 s, but its isolate lived through the run's peak, at 213 MB against 189; the launcher
// thread as the helper instead peaked at 251 MB, its heap being V8's default one (bench/notes.md).

import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

import {
  FOLDER_CLAIMS,
  LOG_CLAIMS,
  QUEUE_COUNTERS,
  type HelperMessage,
  type HelperTask,
} from './log-helper-protocol.js';
import type { FolderOutcome } from './parse/scylla/folder-scan-share.js';
import type { HelperFile, HelperOutcome, HelperScan, LogScanHelper } from './parse/scylla/thread-log-scan.js';

export type { HelperMessage, HelperTask };

/** The scan keeps one 1 MB chunk and the lines it decodes, which die young: a small young generation does. */
const HELPER_LIMITS = { maxYoungGenerationSizeMb: 2 };

/** `worker`: the helper's module, bundled beside this one (tests give the bundle's from the sources). */
export function threadLogHelper(
  worker = new URL('./log-helper-worker.js', import.meta.url),
  early?: EarlyLogHelper,
): LogScanHelper {
  return {
    start(files) {
      // The helper started early is taken when it parses these very files; otherwise it stops after its file.
      if (early) {
        const started = early;
        early = undefined;
        if (sameFiles(started.files, files)) return started;
        started.cancel();
      }
      return startHelper(files, worker);
    },
  };
}

/** A helper started before the analysis asked for one (cli-worker.ts), on the files it was given. */
export interface EarlyLogHelper extends HelperScan {
  files: readonly HelperFile[];
  /** Leaves the files nobody has claimed yet unclaimed by it: it stops after the one it is on. */
  cancel(): void;
}

/**
 * The helper on `files` before the analysis asks for it: the analysis thread of a large batch takes some
 * 150-250 ms to load the CLI and read the batch summary, and the second core can parse logs meanwhile.
 */
export function earlyLogHelper(
  files: readonly HelperFile[],
  worker = new URL('./log-helper-worker.js', import.meta.url),
): EarlyLogHelper {
  return { files, ...startHelper(files, worker) };
}

function sameFiles(a: readonly HelperFile[], b: readonly HelperFile[]): boolean {
  return a.length === b.length && a.every((f, i) => f.file === b[i]!.file && f.path === b[i]!.path);
}

function startHelper(files: readonly HelperFile[], worker: URL | string): HelperScan & { cancel(): void } {
  const queue = new Int32Array(new SharedArrayBuffer(QUEUE_COUNTERS * Int32Array.BYTES_PER_ELEMENT));
  // Answers come on a port of their own, which `poll` reads without waiting for the event loop; the folders
  // to scan go the other way on it.
  const { port1: answers, port2 } = new MessageChannel();
  const thread = new Worker(worker, {
    workerData: { files, queue, port: port2 },
    transferList: [port2],
    resourceLimits: HELPER_LIMITS,
  });
  thread.unref();
  answers.unref();
  const outcomes = new Map<number, HelperOutcome>();
  const folderOutcomes = new Map<number, FolderOutcome>();
  let folderCount = 0;
  let tasked = false;
  let done = false;
  const take = (message: HelperMessage) => {
    if ('done' in message) done = true;
    else if ('folder' in message) folderOutcomes.set(message.folder, message.outcome);
    else outcomes.set(message.index, message.outcome);
  };
  const poll = () => {
    for (let m = receiveMessageOnPort(answers); m; m = receiveMessageOnPort(answers)) take(m.message as HelperMessage);
  };
  const task = (message: HelperTask) => {
    if (tasked) return;
    tasked = true;
    answers.postMessage(message);
  };
  let ended: Promise<void> | null = null;
  /** Settles once the helper has sent `done`, or has stopped without it; the port is closed then. */
  const stopped = () =>
    (ended ??= new Promise<void>((resolve) => {
      const settle = () => {
        // What it sent before it stopped is still on the port.
        poll();
        answers.close();
        resolve();
      };
      poll();
      if (done) return settle();
      answers.on('message', (message: HelperMessage) => {
        take(message);
        if (done) settle();
      });
      answers.ref();
      // The files and folders it claimed without an outcome are done by the caller.
      thread.on('error', settle);
      thread.on('exit', settle);
    }));
  return {
    claim: () => {
      const index = Atomics.add(queue, LOG_CLAIMS, 1);
      return index < files.length ? index : -1;
    },
    poll,
    cancel: () => {
      Atomics.store(queue, LOG_CLAIMS, files.length);
      task({ folders: null });
    },
    finished: async () => {
      // The folders come before the logs are waited for (read.ts): none were shared, none will be.
      task({ folders: null });
      await stopped();
      return outcomes;
    },
    folders: {
      share: (folders, { root, scope }) => {
        folderCount = folders.length;
        task({ folders, root, scope });
      },
      claim: () => {
        const index = Atomics.add(queue, FOLDER_CLAIMS, 1);
        return index < folderCount ? index : -1;
      },
      received: () => folderOutcomes,
      stopped,
    },
  };
}
