#!/usr/bin/env node
// The CLI's entry: starts the analysis (cli-worker.js) in a worker thread whose heap is tuned for a
// small footprint. Left alone, V8 grows the young generation to 128 MB on a machine with plenty of memory
// as soon as a batch builds tens of megabytes of results, and lets the old generation reach about twice
// what is live before it collects: together more than everything a 10,000-test analysis holds
// (bench/results.md). This file imports nothing of the application, so the main thread stays a bare Node.

import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

// Read when the worker's isolate is created. With optimize-for-size V8 grows the heap in small steps with
// memory-reducing collections: the largest cut of the peak (about 40 MB on 10,000 tests) for about 1 s more
// CPU. Compiling and collecting on the worker's own thread keeps the scratch memory of the optimising
// compiler and of parallel GC out of other threads' malloc arenas: another 10 to 20 MB, and no slower on
// two cores. Measured as interleaved runs of each combination (bench/results.md has the outcome).
setFlagsFromString('--optimize-for-size --no-concurrent-recompilation --single-threaded-gc');

/** Young generation of the worker, in MB (three semi-spaces of 4 MB): 8 and 24 both peaked higher. */
const YOUNG_GENERATION_MB = 12;

const worker = new Worker(new URL('./cli-worker.js', import.meta.url), {
  workerData: { argv: process.argv.slice(2), stderrIsTTY: Boolean(process.stderr.isTTY) },
  resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
});
// A reader that stops early (`--json | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
worker.on('message', (code: number) => {
  process.exitCode = code;
});
worker.on('error', (error: Error) => {
  process.stderr.write(`e2e-triage: unexpected error: ${error.message}\n`);
  process.exitCode = 1;
});
