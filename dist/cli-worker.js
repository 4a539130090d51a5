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

// node-builtin:node:url
var require_node_url = __commonJS({
  "node-builtin:node:url"(exports, module) {
    module.exports = __require("node:url");
  }
});

// node-builtin:node:worker_threads
var require_node_worker_threads = __commonJS({
  "node-builtin:node:worker_threads"(exports, module) {
    module.exports = __require("node:worker_threads");
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

// node-builtin:node:module
var require_node_module = __commonJS({
  "node-builtin:node:module"(exports, module) {
    module.exports = __require("node:module");
  }
});

// node-builtin:node:vm
var require_node_vm = __commonJS({
  "node-builtin:node:vm"(exports, module) {
    module.exports = __require("node:vm");
  }
});

// src/cli-worker.ts
var import_node_url = __toESM(require_node_url(), 1);
var import_node_worker_threads2 = __toESM(require_node_worker_threads(), 1);

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
var THREAD_LOGS = "thread_logs";
function threadFromFileName(name) {
  const m = /(?:^|\/)thread_(\d+)\.log$/.exec(name);
  return m ? Number(m[1]) : null;
}

// src/cli-plan.ts
var LARGE_BYTES = 64 * 1024 * 1024;
var FOLDER_BYTES = 16 * 1024;
var FILE_BYTES = 4 * 1024;
function analysisArgs(argv2) {
  try {
    const { values, positionals } = (0, import_node_util.parseArgs)({ args: [...argv2], allowPositionals: true, options: CLI_OPTIONS });
    if (values.help || values.version || positionals.length !== 1) return void 0;
    return { input: positionals[0], format: values.format };
  } catch {
    return void 0;
  }
}
function earlyLogFiles(argv2) {
  const args = analysisArgs(argv2);
  if (!args || args.format !== void 0 && args.format !== "scylla") return void 0;
  const root = (0, import_node_path.resolve)(args.input);
  try {
    if (!(0, import_node_fs.statSync)((0, import_node_path.join)(root, SUMMARY_FILE), { throwIfNoEntry: false })?.isFile()) return void 0;
    if (!(0, import_node_fs.lstatSync)((0, import_node_path.join)(root, THREAD_LOGS), { throwIfNoEntry: false })?.isDirectory()) return void 0;
    const names = (0, import_node_fs.readdirSync)((0, import_node_path.join)(root, THREAD_LOGS), { withFileTypes: true }).filter((e) => e.isFile() && threadFromFileName(e.name) !== null).map((e) => e.name).sort((a, b) => a < b ? -1 : a > b ? 1 : 0).sort((a, b) => threadFromFileName(a) - threadFromFileName(b));
    if (names.length === 0) return void 0;
    return names.map((name) => ({ file: `${THREAD_LOGS}/${name}`, path: (0, import_node_path.join)(root, THREAD_LOGS, name) }));
  } catch {
    return void 0;
  }
}
var HUGE_SUMMARY_BYTES = 16 * 1024 * 1024;

// src/code-cache.ts
var import_node_fs2 = __toESM(require_node_fs(), 1);
var import_node_module = __toESM(require_node_module(), 1);
var import_node_path2 = __toESM(require_node_path(), 1);
var import_node_vm = __toESM(require_node_vm(), 1);
function codeCacheDir() {
  const dir = import_node_module.default.getCompileCacheDir?.();
  return dir ? (0, import_node_path2.join)(dir, "e2e-triage") : void 0;
}
function loadBundle(file, name, cacheDir2 = codeCacheDir()) {
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
  const cacheFile = cacheDir2 ? (0, import_node_path2.join)(cacheDir2, `${prefix}${identity}.bin`) : void 0;
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

// src/full-collections.ts
var COLLECT_ABOVE_BYTES = 128 * 1024 * 1024;
function collectionsAbove(gc, limit = COLLECT_ABOVE_BYTES, heapUsed = () => process.memoryUsage().heapUsed) {
  if (!gc) return void 0;
  return () => {
    if (heapUsed() > limit) gc();
  };
}

// src/log-helper.ts
var import_node_worker_threads = __toESM(require_node_worker_threads(), 1);

// src/log-helper-protocol.ts
var LOG_CLAIMS = 0;
var FOLDER_CLAIMS = 1;
var QUEUE_COUNTERS = 2;

// src/log-helper.ts
var HELPER_LIMITS = { maxYoungGenerationSizeMb: 2 };
function earlyLogHelper(files, worker = new URL("./log-helper-worker.js", import.meta.url)) {
  return { files, ...startHelper(files, worker) };
}
function startHelper(files, worker) {
  const queue = new Int32Array(new SharedArrayBuffer(QUEUE_COUNTERS * Int32Array.BYTES_PER_ELEMENT));
  const { port1: answers, port2 } = new import_node_worker_threads.MessageChannel();
  const thread = new import_node_worker_threads.Worker(worker, {
    workerData: { files, queue, port: port2 },
    transferList: [port2],
    resourceLimits: HELPER_LIMITS
  });
  thread.unref();
  answers.unref();
  const outcomes = /* @__PURE__ */ new Map();
  const folderOutcomes = /* @__PURE__ */ new Map();
  let folderCount = 0;
  let tasked = false;
  let done = false;
  const take = (message) => {
    if ("done" in message) done = true;
    else if ("folder" in message) folderOutcomes.set(message.folder, message.outcome);
    else outcomes.set(message.index, message.outcome);
  };
  const poll = () => {
    for (let m = (0, import_node_worker_threads.receiveMessageOnPort)(answers); m; m = (0, import_node_worker_threads.receiveMessageOnPort)(answers)) take(m.message);
  };
  const task = (message) => {
    if (tasked) return;
    tasked = true;
    answers.postMessage(message);
  };
  let ended = null;
  const stopped = () => ended ??= new Promise((resolve2) => {
    const settle = () => {
      poll();
      answers.close();
      resolve2();
    };
    poll();
    if (done) return settle();
    answers.on("message", (message) => {
      take(message);
      if (done) settle();
    });
    answers.ref();
    thread.on("error", settle);
    thread.on("exit", settle);
  });
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
      stopped
    }
  };
}

// src/cli-worker.ts
var { argv, stderrIsTTY, cacheDir } = import_node_worker_threads2.workerData;
var logFiles = earlyLogFiles(argv);
var early = logFiles && earlyLogHelper(logFiles);
var app = loadBundle(
  (0, import_node_url.fileURLToPath)(new URL("./cli-app.cjs", import.meta.url)),
  "cli-worker",
  cacheDir
);
var { threadLogHelper, pageWriterThread } = await app.exports.loadHelpers();
var collectGarbage = collectionsAbove(globalThis.gc);
var code = await app.exports.main(argv, stderrIsTTY, {
  helpers: { threadLogs: threadLogHelper(void 0, early) },
  pageWriter: () => pageWriterThread(),
  collectGarbage
});
early?.cancel();
if (code === 0) app.saveCodeCache();
import_node_worker_threads2.parentPort?.postMessage(code);
