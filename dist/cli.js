#!/usr/bin/env node
import { createRequire as __e2eCreateRequire } from 'node:module'; const require = __e2eCreateRequire(import.meta.url);

// src/cli.ts
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
setFlagsFromString("--optimize-for-size --no-concurrent-recompilation --single-threaded-gc");
var YOUNG_GENERATION_MB = 12;
var worker = new Worker(new URL("./cli-worker.js", import.meta.url), {
  workerData: { argv: process.argv.slice(2), stderrIsTTY: Boolean(process.stderr.isTTY) },
  resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
});
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});
worker.on("message", (code) => {
  process.exitCode = code;
});
worker.on("error", (error) => {
  process.stderr.write(`e2e-triage: unexpected error: ${error.message}
`);
  process.exitCode = 1;
});
