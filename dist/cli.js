#!/usr/bin/env node
import { createRequire as __e2eCreateRequire } from 'node:module'; const require = __e2eCreateRequire(import.meta.url);

// src/cli.ts
import nodeModule from "node:module";
import { setFlagsFromString } from "node:v8";

// src/cli-plan.ts
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

// src/cli-options.ts
var CLI_OPTIONS = {
  out: { type: "string" },
  format: { type: "string" },
  "issue-mode": { type: "string" },
  "issue-label": { type: "string" },
  json: { type: "boolean" },
  baseline: { type: "string" },
  history: { type: "string" },
  "history-window": { type: "string" },
  config: { type: "string" },
  "no-config": { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" }
};

// src/cli-plan.ts
var LARGE_BYTES = 64 * 1024 * 1024;
var FOLDER_BYTES = 16 * 1024;
var FILE_BYTES = 4 * 1024;
var MAX_LISTINGS = 64;
var MAX_STATS = 4096;
var MAX_DEPTH = 3;
var ZIP_RATIO = 4;
function needsOwnThread(argv2) {
  let input;
  try {
    const { values, positionals } = parseArgs({ args: [...argv2], allowPositionals: true, options: CLI_OPTIONS });
    if (values.help || values.version || positionals.length !== 1) return false;
    input = positionals[0];
  } catch {
    return false;
  }
  try {
    return weigh(input) >= LARGE_BYTES;
  } catch {
    return false;
  }
}
function weigh(input) {
  const info = statSync(input);
  if (!info.isDirectory()) return /\.zip$/i.test(input) ? info.size * ZIP_RATIO : info.size;
  let total = 0;
  const queue = [{ dir: input, depth: 0 }];
  for (let at = 0; at < queue.length && total < LARGE_BYTES && at < MAX_LISTINGS; at++) {
    const { dir, depth } = queue[at];
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const folders = entries.filter((e) => e.isDirectory());
    const many = folders.length > MAX_LISTINGS;
    for (const folder of folders) {
      if (depth + 1 < MAX_DEPTH && (!many || !/\d/.test(folder.name)))
        queue.push({ dir: join(dir, folder.name), depth: depth + 1 });
      else total += FOLDER_BYTES;
    }
    let stats = 0;
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      total += stats++ < MAX_STATS ? statSync(join(dir, entry.name), { throwIfNoEntry: false })?.size ?? 0 : FILE_BYTES;
      if (total >= LARGE_BYTES) break;
    }
  }
  return total;
}

// src/cli.ts
var WORKER_V8_FLAGS = "--no-concurrent-recompilation --heap-growing-percent=30";
var YOUNG_GENERATION_MB = 24;
nodeModule.enableCompileCache?.();
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});
var argv = process.argv.slice(2);
var app = new URL("./cli-worker.js", import.meta.url);
if (!needsOwnThread(argv)) {
  const { main } = await import(app.href);
  process.exitCode = await main(argv);
} else {
  setFlagsFromString(WORKER_V8_FLAGS);
  const { Worker } = await import("node:worker_threads");
  const worker = new Worker(app, {
    workerData: { argv, stderrIsTTY: Boolean(process.stderr.isTTY) },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
  });
  worker.on("message", (code) => {
    process.exitCode = code;
  });
  worker.on("error", (error) => {
    process.stderr.write(`e2e-triage: unexpected error: ${error.message}
`);
    process.exitCode = 1;
  });
}
