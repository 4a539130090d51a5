#!/usr/bin/env node
// The CLI's entry: starts the analysis (cli-worker.js) in a worker thread whose young generation is
// bounded. Left alone, V8 grows it to 128 MB on a machine with plenty of memory as soon as a batch builds
// tens of megabytes of results, more than everything else a 10,000-test analysis holds (bench/results.md).
// This file imports nothing of the application, so the main thread stays a bare Node process.

import { Worker } from 'node:worker_threads';

/** Young generation of the worker, in MB: three semi-spaces of 8 MB. */
const YOUNG_GENERATION_MB = 24;

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
