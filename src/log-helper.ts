// The helper thread a large CLI run lends to the parsing of its thread logs (parse/scylla/thread-log-scan.ts):
// it takes files from a queue shared with the analysis thread, one at a time, and sends back each file's
// blocks, then ends. A gigabyte of logs is a second of scanning that the second core does while the analysis
// thread reads the result folders. If the helper cannot start or dies, the files it did not finish are parsed
// by the analysis thread: nothing is lost but time. It never keeps the process alive unless waited for.
//
// It helps with the logs only: kept for the per-test pages too (branch perf-page-helper), it took a 10,000-test
// run from 6.9 to 5.4 s but its isolate (some 30 MB) lived through the run's peak, at 215 MB against 182; the
// launcher thread as the helper instead grew by 60 MB with V8's default heap (bench/notes.md).

import { Worker } from 'node:worker_threads';

import type { HelperOutcome, LogScanHelper } from './parse/scylla/thread-log-scan.js';

/** What log-helper-worker.ts sends: one file's outcome, then `done`. */
export type HelperMessage = { index: number; outcome: HelperOutcome } | { done: true };

/** The scan keeps one 1 MB chunk and the lines it decodes, which die young: a small young generation does. */
const HELPER_LIMITS = { maxYoungGenerationSizeMb: 2 };

export function threadLogHelper(): LogScanHelper {
  return {
    start(files) {
      const queue = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
      const worker = new Worker(new URL('./log-helper-worker.js', import.meta.url), {
        workerData: { files, queue },
        resourceLimits: HELPER_LIMITS,
      });
      worker.unref();
      const outcomes = new Map<number, HelperOutcome>();
      const finished = new Promise<Map<number, HelperOutcome>>((resolve) => {
        worker.on('message', (message: HelperMessage) => {
          if ('done' in message) resolve(outcomes);
          else outcomes.set(message.index, message.outcome);
        });
        // The files it claimed without an outcome are parsed by the caller.
        worker.on('error', () => resolve(outcomes));
        worker.on('exit', () => resolve(outcomes));
      });
      return {
        claim: () => {
          const index = Atomics.add(queue, 0, 1);
          return index < files.length ? index : -1;
        },
        finished: () => {
          worker.ref();
          return finished;
        },
      };
    },
  };
}
