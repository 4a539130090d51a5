#!/usr/bin/env node
import { createRequire as __e2eCreateRequire } from 'node:module'; const require = __e2eCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node-builtin:node:module
var require_node_module = __commonJS({
  "node-builtin:node:module"(exports, module) {
    module.exports = __require("node:module");
  }
});

// node-builtin:node:url
var require_node_url = __commonJS({
  "node-builtin:node:url"(exports, module) {
    module.exports = __require("node:url");
  }
});

// node-builtin:node:fs
var require_node_fs = __commonJS({
  "node-builtin:node:fs"(exports, module) {
    module.exports = __require("node:fs");
  }
});

// node-builtin:node:path
var require_node_path = __commonJS({
  "node-builtin:node:path"(exports, module) {
    module.exports = __require("node:path");
  }
});

// node-builtin:node:util
var require_node_util = __commonJS({
  "node-builtin:node:util"(exports, module) {
    module.exports = __require("node:util");
  }
});

// node-builtin:node:vm
var require_node_vm = __commonJS({
  "node-builtin:node:vm"(exports, module) {
    module.exports = __require("node:vm");
  }
});

// node-builtin:node:v8
var require_node_v8 = __commonJS({
  "node-builtin:node:v8"(exports, module) {
    module.exports = __require("node:v8");
  }
});

// node-builtin:node:worker_threads
var require_node_worker_threads = __commonJS({
  "node-builtin:node:worker_threads"(exports, module) {
    module.exports = __require("node:worker_threads");
  }
});

// src/cli.ts
var import_node_module2 = __toESM(require_node_module(), 1);
var import_node_url = __toESM(require_node_url(), 1);

// src/cli-plan.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var import_node_util = __toESM(require_node_util(), 1);

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

// src/parse/scylla/file-names.ts
var SUMMARY_FILE = "batch_summary.json";

// src/cli-plan.ts
var LARGE_BYTES = 64 * 1024 * 1024;
var FOLDER_BYTES = 16 * 1024;
var FILE_BYTES = 4 * 1024;
var MAX_LISTINGS = 64;
var MANY_FOLDERS = 8;
var MAX_STATS = 4096;
var MAX_DEPTH = 3;
var ZIP_RATIO = 4;
function analysisInput(argv2) {
  return analysisArgs(argv2)?.input;
}
function analysisArgs(argv2) {
  try {
    const { values, positionals } = (0, import_node_util.parseArgs)({ args: [...argv2], allowPositionals: true, options: CLI_OPTIONS });
    if (values.help || values.version || positionals.length !== 1) return void 0;
    return { input: positionals[0], format: values.format };
  } catch {
    return void 0;
  }
}
var HUGE_SUMMARY_BYTES = 16 * 1024 * 1024;
function hugeBatch(argv2) {
  const input = analysisInput(argv2);
  if (input === void 0) return false;
  try {
    return ((0, import_node_fs.statSync)((0, import_node_path.join)((0, import_node_path.resolve)(input), SUMMARY_FILE), { throwIfNoEntry: false })?.size ?? 0) >= HUGE_SUMMARY_BYTES;
  } catch {
    return false;
  }
}
function needsOwnThread(argv2) {
  const input = analysisInput(argv2);
  if (input === void 0) return false;
  try {
    return weigh(input) >= LARGE_BYTES;
  } catch {
    return false;
  }
}
function weigh(input) {
  const info = (0, import_node_fs.statSync)(input);
  if (!info.isDirectory()) return /\.zip$/i.test(input) ? info.size * ZIP_RATIO : info.size;
  const weight = { total: 0 };
  const queue = [{ dir: input, depth: 0 }];
  for (let at = 0; at < queue.length && weight.total < LARGE_BYTES && at < MAX_LISTINGS; at++) {
    const { dir, depth } = queue[at];
    let folder;
    try {
      folder = (0, import_node_fs.opendirSync)(dir);
    } catch {
      continue;
    }
    try {
      weighFolder(folder, depth, queue, weight);
    } finally {
      folder.closeSync();
    }
  }
  return weight.total;
}
function weighFolder(folder, depth, queue, weight) {
  const waiting = [];
  let many = false;
  const take = (name) => {
    if (depth + 1 < MAX_DEPTH && (!many || !/\d/.test(name)))
      queue.push({ dir: (0, import_node_path.join)(folder.path, name), depth: depth + 1 });
    else weight.total += FOLDER_BYTES;
  };
  let stats = 0;
  for (let entry = folder.readSync(); entry !== null && weight.total < LARGE_BYTES; entry = folder.readSync()) {
    if (entry.isDirectory()) {
      if (many) take(entry.name);
      else if (waiting.push(entry.name) > MANY_FOLDERS) {
        many = true;
        for (const name of waiting.splice(0)) take(name);
      }
    } else if (entry.isFile()) {
      weight.total += stats++ < MAX_STATS ? (0, import_node_fs.statSync)((0, import_node_path.join)(folder.path, entry.name), { throwIfNoEntry: false })?.size ?? 0 : FILE_BYTES;
    }
  }
  for (const name of waiting) take(name);
}

// src/code-cache.ts
var import_node_fs2 = __toESM(require_node_fs(), 1);
var import_node_module = __toESM(require_node_module(), 1);
var import_node_path2 = __toESM(require_node_path(), 1);
var import_node_vm = __toESM(require_node_vm(), 1);
function codeCacheDir() {
  const dir = import_node_module.default.getCompileCacheDir?.();
  return dir ? (0, import_node_path2.join)(dir, "e2e-triage") : void 0;
}
function loadBundle(file, name, cacheDir = codeCacheDir()) {
  const fd = (0, import_node_fs2.openSync)(file, "r");
  let source;
  let identity;
  try {
    const { ino, size, mtimeNs } = (0, import_node_fs2.fstatSync)(fd, { bigint: true });
    identity = [ino, size, mtimeNs].map((n) => n.toString(36)).join("-");
    source = (0, import_node_fs2.readFileSync)(fd, "latin1");
  } finally {
    (0, import_node_fs2.closeSync)(fd);
  }
  const prefix = `${name}-${fnv1a(file).toString(36)}.`;
  const cacheFile = cacheDir ? (0, import_node_path2.join)(cacheDir, `${prefix}${identity}.bin`) : void 0;
  let cachedData;
  try {
    if (cacheFile) cachedData = (0, import_node_fs2.readFileSync)(cacheFile);
  } catch {
  }
  const script = new import_node_vm.default.Script(source, {
    filename: file,
    cachedData,
    // The bundle's dependencies may import() a Node module.
    importModuleDynamically: import_node_vm.default.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
  });
  const run = script.runInThisContext();
  if (typeof run !== "function") throw new Error(`${file}: not a bundle made by scripts/bundle.mjs`);
  const module = { exports: {} };
  run(module.exports, (0, import_node_module.createRequire)(file), module, file, (0, import_node_path2.dirname)(file));
  const stale = cacheFile !== void 0 && (cachedData === void 0 || script.cachedDataRejected === true);
  return {
    exports: module.exports,
    saveCodeCache() {
      if (stale) writeCache(cacheFile, prefix, script.createCachedData());
    }
  };
}
function writeCache(file, prefix, data) {
  const dir = (0, import_node_path2.dirname)(file);
  const partial = `${file}.${process.pid}.tmp`;
  try {
    (0, import_node_fs2.mkdirSync)(dir, { recursive: true, mode: 448 });
    (0, import_node_fs2.writeFileSync)(partial, data, { mode: 384 });
    (0, import_node_fs2.renameSync)(partial, file);
  } catch {
    try {
      (0, import_node_fs2.rmSync)(partial, { force: true });
    } catch {
    }
    return;
  }
  try {
    for (const old of (0, import_node_fs2.readdirSync)(dir)) {
      if (old.startsWith(prefix) && old.endsWith(".bin") && old !== (0, import_node_path2.basename)(file))
        (0, import_node_fs2.rmSync)((0, import_node_path2.join)(dir, old), { force: true });
    }
  } catch {
  }
}
function fnv1a(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

// src/cli.ts
var WORKER_V8_FLAGS = "--no-concurrent-recompilation --heap-growing-percent=30 --expose-gc";
var HUGE_BATCH_V8_FLAGS = "--heap-growing-percent=10";
var YOUNG_GENERATION_MB = 24;
import_node_module2.default.enableCompileCache?.();
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});
var argv = process.argv.slice(2);
if (!needsOwnThread(argv)) {
  const app = loadBundle(
    (0, import_node_url.fileURLToPath)(new URL("./cli-app.cjs", import.meta.url)),
    "cli"
  );
  process.exitCode = await app.exports.main(argv);
  if (process.exitCode === 0 && analysisInput(argv) !== void 0) app.saveCodeCache();
} else {
  const { setFlagsFromString } = await Promise.resolve().then(() => __toESM(require_node_v8(), 1));
  setFlagsFromString(WORKER_V8_FLAGS);
  if (hugeBatch(argv)) setFlagsFromString(HUGE_BATCH_V8_FLAGS);
  const { Worker } = await Promise.resolve().then(() => __toESM(require_node_worker_threads(), 1));
  const worker = new Worker(new URL("./cli-worker.js", import.meta.url), {
    workerData: { argv, stderrIsTTY: Boolean(process.stderr.isTTY), cacheDir: codeCacheDir() },
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
