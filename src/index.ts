// The action's entry point. The runner starts Node with its default heap, which lets a 10,000-test batch grow
// the young generation to tens of megabytes and the old one to several times what is live: some 700 MB at the
// peak. The action runs in a worker thread whose heap is tuned for a small footprint instead (bench/results.md).
// This thread imports nothing of the application and stays idle: V8 flags are process-wide, and a thread that
// was started without them must not collect garbage under them.

import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

// The action's time goes to the network, not to its CPU: optimize-for-size's smaller steps cost little here.
// --expose-gc: the memory-reducing collection main.ts runs before the artifact upload.
setFlagsFromString('--optimize-for-size --no-concurrent-recompilation --expose-gc');
/** Young generation of the worker, in MB. */
const YOUNG_GENERATION_MB = 12;

const worker = new Worker(new URL('./action-worker.js', import.meta.url), {
  resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
});
worker.on('message', (code: number) => {
  process.exitCode = code;
});
worker.on('error', (error: Error) => {
  process.stdout.write(`::error::e2e-triage: unexpected error: ${error.message.replace(/[\r\n%]/g, ' ')}\n`);
  process.exitCode = 1;
});
