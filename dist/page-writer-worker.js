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

// src/page-writer-worker.ts
var import_node_worker_threads = __toESM(require_node_worker_threads(), 1);

// src/errors.ts
var InputError = class extends Error {
  name = "InputError";
};

// src/publish/file-create.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var WRITE_PIECE = 64 * 1024;
var lstatOrNull = (path) => (0, import_node_fs.lstatSync)(path, { throwIfNoEntry: false }) ?? null;
function writePage(target, mode, content) {
  const fd = create(target, mode);
  try {
    writeAll(fd, content);
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
}
function create(target, mode) {
  try {
    return (0, import_node_fs.openSync)(target, "wx", mode);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  }
  if (lstatOrNull(target)?.isDirectory()) throw new InputError(`${target}: a folder is in the way`);
  (0, import_node_fs.unlinkSync)(target);
  return (0, import_node_fs.openSync)(target, "wx", mode);
}
function writeAll(fd, text) {
  if (text.length <= 2 * WRITE_PIECE) return writeWhole(fd, text);
  for (let from = 0; from < text.length; ) {
    let to = Math.min(from + WRITE_PIECE, text.length);
    if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to--;
    writeWhole(fd, text.slice(from, to));
    from = to;
  }
}
function isHighSurrogate(code) {
  return code >= 55296 && code <= 56319;
}
function writeWhole(fd, text) {
  if (text === "") return;
  const written = (0, import_node_fs.writeSync)(fd, text);
  const total = Buffer.byteLength(text, "utf8");
  if (written === total) return;
  const bytes = Buffer.from(text, "utf8");
  for (let done = written; done < total; ) done += (0, import_node_fs.writeSync)(fd, bytes, done, total - done);
}

// src/publish/page-writer-protocol.ts
var SENT = 0;
var DONE = 1;

// src/page-writer-worker.ts
var { counters, port } = import_node_worker_threads.workerData;
var received = 0;
var failed = false;
for (; ; ) {
  const message = (0, import_node_worker_threads.receiveMessageOnPort)(port);
  if (!message) {
    Atomics.wait(counters, SENT, received);
    continue;
  }
  received++;
  const page = message.message;
  if (page === null) break;
  if (!failed) {
    try {
      writePage(page[0], page[1], page[2]);
    } catch (error) {
      failed = true;
      const answer = {
        message: error instanceof Error ? error.message : String(error),
        code: error.code,
        input: error instanceof InputError
      };
      port.postMessage(answer);
    }
  }
  Atomics.add(counters, DONE, 1);
  Atomics.notify(counters, DONE);
}
port.close();
