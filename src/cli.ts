#!/usr/bin/env node
// The CLI's entry. Small results are analysed right in this thread (cli-app.cjs loaded): a worker costs
// more to start than a small batch takes. Large ones (cli-plan.ts) get the analysis in a worker thread whose
// heap is tuned for a small footprint. Left alone, V8 grows the young generation to 128 MB on a machine with
// plenty of memory as soon as a batch builds tens of megabytes of results, and lets the old generation reach
// about four times what is live before it collects (bench/results.md). This thread then stays idle: V8 flags
// are process-wide, and a thread that was started without them must not collect garbage under them.

import nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

import { analysisInput, hugeBatch, needsOwnThread } from './cli-plan.js';
import { codeCacheDir, loadBundle } from './code-cache.js';

// A slower heap growth (1.3x what is live instead of up to 4x) and no background compiling: the memory of a
// tuned heap without the cost of optimize-for-size, whose constant collections had come to take 3.6 s of a
// 10,000-test run. Measured on 10,000 tests, six runs each (bench/results.md): growth 50% peaked at
// 185-213 MB, 30% at 179-200 MB, 20% with a 16 MB young generation at 186-197 MB for more CPU, and
// optimize-for-size at 162-184 MB for 2 s more CPU. --single-threaded-gc saved 10 MB more, but V8 aborts when
// this thread, started without it, finishes a collection begun before the flag was set. --expose-gc gives the
// worker the full collection it runs where much has just died (AnalyzeOptions.collectGarbage), in a heap large
// enough for it to lower the run's peak (full-collections.ts).
const WORKER_V8_FLAGS = '--no-concurrent-recompilation --heap-growing-percent=30 --expose-gc';
// A batch of some 40,000 tests and more (cli-plan.ts hugeBatch), whose live heap reaches hundreds of megabytes:
// its heap grows by 10%. 100,000 tests peaked at 454-477 MB against 489-495 MB with 30% (3 alternated runs
// each, bench/notes.md, the twenty-third round); 10,000 tests keep the pace of 30%.
const HUGE_BATCH_V8_FLAGS = '--heap-growing-percent=10';
/** Young generation of the worker, in MB: 12 collected twice as often for no lower peak. */
const YOUNG_GENERATION_MB = 24;

// Node's compile cache (in the temp folder) for this launcher and the worker's entry; the CLI itself has a code
// cache of its own in the same folder (code-cache.ts).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// A reader that stops early (`--json | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const argv = process.argv.slice(2);

if (!needsOwnThread(argv)) {
  const app = loadBundle<typeof import('./cli-app.js')>(
    fileURLToPath(new URL('./cli-app.cjs', import.meta.url)),
    'cli',
  );
  process.exitCode = await app.exports.main(argv);
  // The cache is made after an analysis that went through: --help or a usage error would leave one holding
  // almost none of the code the next analysis runs.
  if (process.exitCode === 0 && analysisInput(argv) !== undefined) app.saveCodeCache();
} else {
  // Read when the worker's isolate is created (bench/results.md has the measurements). node:v8 loads a few
  // modules more than a small batch needs: imported here only.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString(WORKER_V8_FLAGS);
  if (hugeBatch(argv)) setFlagsFromString(HUGE_BATCH_V8_FLAGS);
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL('./cli-worker.js', import.meta.url), {
    workerData: { argv, stderrIsTTY: Boolean(process.stderr.isTTY), cacheDir: codeCacheDir() },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  worker.on('message', (code: number) => {
    process.exitCode = code;
  });
  worker.on('error', (error: Error) => {
    process.stderr.write(`e2e-triage: unexpected error: ${error.message}\n`);
    process.exitCode = 1;
  });
}
