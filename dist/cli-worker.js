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

// node-builtin:node:module
var require_node_module = __commonJS({
  "node-builtin:node:module"(exports, module) {
    module.exports = __require("node:module");
  }
});

// node-builtin:node:path
var require_node_path = __commonJS({
  "node-builtin:node:path"(exports, module) {
    module.exports = __require("node:path");
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
var import_node_worker_threads = __toESM(require_node_worker_threads(), 1);

// src/code-cache.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_module = __toESM(require_node_module(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var import_node_vm = __toESM(require_node_vm(), 1);
function codeCacheDir() {
  const dir = import_node_module.default.getCompileCacheDir?.();
  return dir ? (0, import_node_path.join)(dir, "e2e-triage") : void 0;
}
function loadBundle(file, name, cacheDir2 = codeCacheDir()) {
  const fd = (0, import_node_fs.openSync)(file, "r");
  let source;
  let identity;
  try {
    const { ino, size, mtimeNs } = (0, import_node_fs.fstatSync)(fd, { bigint: true });
    identity = [ino, size, mtimeNs].map((n) => n.toString(36)).join("-");
    source = (0, import_node_fs.readFileSync)(fd, "latin1");
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
  const prefix = `${name}-${fnv1a(file).toString(36)}.`;
  const cacheFile = cacheDir2 ? (0, import_node_path.join)(cacheDir2, `${prefix}${identity}.bin`) : void 0;
  let cachedData;
  try {
    if (cacheFile) cachedData = (0, import_node_fs.readFileSync)(cacheFile);
  } catch {
  }
  const script = new import_node_vm.default.Script(`(function (exports, require, module, __filename, __dirname) {${source}
})`, {
    filename: file,
    cachedData,
    // The bundle's dependencies may import() a Node module.
    importModuleDynamically: import_node_vm.default.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
  });
  const module = { exports: {} };
  script.runInThisContext()(
    module.exports,
    (0, import_node_module.createRequire)(file),
    module,
    file,
    (0, import_node_path.dirname)(file)
  );
  const stale = cacheFile !== void 0 && (cachedData === void 0 || script.cachedDataRejected === true);
  return {
    exports: module.exports,
    saveCodeCache() {
      if (stale) writeCache(cacheFile, prefix, script.createCachedData());
    }
  };
}
function writeCache(file, prefix, data) {
  const dir = (0, import_node_path.dirname)(file);
  const partial = `${file}.${process.pid}.tmp`;
  try {
    (0, import_node_fs.mkdirSync)(dir, { recursive: true, mode: 448 });
    (0, import_node_fs.writeFileSync)(partial, data, { mode: 384 });
    (0, import_node_fs.renameSync)(partial, file);
  } catch {
    try {
      (0, import_node_fs.rmSync)(partial, { force: true });
    } catch {
    }
    return;
  }
  try {
    for (const old of (0, import_node_fs.readdirSync)(dir)) {
      if (old.startsWith(prefix) && old.endsWith(".bin") && old !== (0, import_node_path.basename)(file))
        (0, import_node_fs.rmSync)((0, import_node_path.join)(dir, old), { force: true });
    }
  } catch {
  }
}
function fnv1a(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

// src/cli-worker.ts
var { argv, stderrIsTTY, cacheDir } = import_node_worker_threads.workerData;
var app = loadBundle(
  (0, import_node_url.fileURLToPath)(new URL("./cli-app.cjs", import.meta.url)),
  "cli-worker",
  cacheDir
);
var { threadLogHelper, pageWriterThread } = await app.exports.loadHelpers();
var collectGarbage = globalThis.gc;
var code = await app.exports.main(argv, stderrIsTTY, {
  helpers: { threadLogs: threadLogHelper() },
  pageWriter: () => pageWriterThread(),
  collectGarbage
});
if (code === 0) app.saveCodeCache();
import_node_worker_threads.parentPort?.postMessage(code);
