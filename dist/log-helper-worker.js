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

// node-builtin:node:events
var require_node_events = __commonJS({
  "node-builtin:node:events"(exports, module) {
    module.exports = __require("node:events");
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

// src/log-helper-worker.ts
var import_node_events = __toESM(require_node_events(), 1);
var import_node_worker_threads = __toESM(require_node_worker_threads(), 1);

// src/ingest/file-chunks.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var CHUNK_BYTES = 1024 * 1024;
var spare = null;
async function* fileChunks(path) {
  const fd = (0, import_node_fs.openSync)(path, "r");
  const buffer = spare ?? Buffer.allocUnsafe(CHUNK_BYTES);
  spare = null;
  try {
    for (; ; ) {
      const bytesRead = (0, import_node_fs.readSync)(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    (0, import_node_fs.closeSync)(fd);
    spare = buffer;
  }
}

// src/log-helper-protocol.ts
var LOG_CLAIMS = 0;

// src/util/exact-array.ts
var EMPTY = Object.freeze([]);
function exactArray(items) {
  return items.length === 0 ? EMPTY : items.slice();
}
function emptyArray() {
  return EMPTY;
}

// src/util/intern.ts
var MAX_VALUES = 4096;
var MAX_LENGTH = 64;
var values = /* @__PURE__ */ new Map();
function firstCopy(seen, value) {
  const known = seen.get(value);
  if (known !== void 0) return known;
  seen.set(value, value);
  return value;
}
function intern(value) {
  if (value === null || value.length > MAX_LENGTH) return value;
  const known = values.get(value);
  if (known !== void 0) return known;
  if (values.size < MAX_VALUES) values.set(value, value);
  return value;
}

// src/parse/line-scanner.ts
var NL = 10;
var CR = 13;
async function* scanLines(chunks, options) {
  const first = new Uint8Array(256);
  for (const c of options.firstBytes) first[c.charCodeAt(0)] = 1;
  const anchors = options.anchors.map((a) => Buffer.from(a));
  const state = { lineNo: 0 };
  let carry = null;
  let pending = [];
  for await (const piece of chunks) {
    const firstNl = piece.indexOf(NL);
    if (firstNl === -1) {
      pending.push(Buffer.from(piece));
      continue;
    }
    let head = null;
    if (carry || pending.length > 0) {
      head = Buffer.concat([...carry ? [carry] : [], ...pending, piece.subarray(0, firstNl + 1)]);
      pending = [];
      carry = null;
    }
    yield chunkLines(head, piece, head ? firstNl + 1 : 0, state, first, anchors, options);
    const lastNl = piece.lastIndexOf(NL);
    if (lastNl + 1 < piece.length) carry = Buffer.from(piece.subarray(lastNl + 1));
  }
  if (pending.length > 0) carry = carry ? Buffer.concat([carry, ...pending]) : Buffer.concat(pending);
  if (carry && carry.length > 0) {
    const end = carry[carry.length - 1] === CR ? carry.length - 1 : carry.length;
    yield [[++state.lineNo, carry.toString("utf8", 0, end)]];
  }
}
function* chunkLines(head, piece, start, state, first, anchors, options) {
  if (head) state.lineNo = yield* scanBuffer(head, 0, state.lineNo, first, anchors, options);
  state.lineNo = yield* scanBuffer(piece, start, state.lineNo, first, anchors, options);
}
function* scanBuffer(buf, from, lineNo, first, anchors, options) {
  const hits = anchors.flatMap((a) => positions(buf, a, from)).sort((x, y) => x - y);
  let h = 0;
  let start = from;
  for (; ; ) {
    const nl = buf.indexOf(NL, start);
    if (nl === -1) return lineNo;
    lineNo++;
    const end = nl > start && buf[nl - 1] === CR ? nl - 1 : nl;
    while (h < hits.length && hits[h] < start) h++;
    if (h < hits.length && hits[h] < end || options.all || interesting(buf, start, end, first)) {
      yield [lineNo, buf.toString("utf8", start, end)];
    }
    start = nl + 1;
  }
}
function interesting(buf, start, end, first) {
  if (start === end) return false;
  const b = buf[start];
  if (first[b] === 1) return true;
  if (b >= 48 && b <= 57 && end - start > 24) {
    const at = buf[start + 20] === 91 ? start + 21 : buf[start + 24] === 91 ? start + 25 : -1;
    if (at > 0) {
      const level = buf[at];
      return level === 69 || level === 67 || level === 87;
    }
  }
  return false;
}
var PROBE = 6;
function positions(buf, needle, from) {
  const out = [];
  const probe = needle.length > PROBE ? needle.subarray(0, PROBE) : needle;
  let at = buf.indexOf(probe, from);
  while (at !== -1) {
    const whole = probe === needle || at + needle.length <= buf.length && buf.compare(needle, PROBE, needle.length, at + PROBE, at + needle.length) === 0;
    if (whole) out.push(at);
    at = buf.indexOf(probe, whole ? at + needle.length : at + 1);
  }
  return out;
}

// src/parse/scylla/thread-log-experiment.ts
var MAX_LINES = 80;
var TIER_LINE = /^\s+(\S+): (PASS|FAIL) \(score: (-?[0-9.]+|nan|inf), cost: \$(-?[0-9.]+)\)$/;
var SEP60 = "=".repeat(60);
var ExperimentReader = class {
  current = null;
  last = null;
  remaining = 0;
  sawTiers = false;
  feed(line, lineNo) {
    if (this.current) {
      this.remaining--;
      if (this.remaining <= 0 || this.sawTiers && line === SEP60) this.close();
      else this.read(line);
      return;
    }
    if (line === "EXPERIMENT COMPLETE") {
      this.current = {
        line: lineNo,
        durationSeconds: null,
        totalCost: null,
        bestTier: null,
        bestSubtest: null,
        frontierCop: null,
        noPassingResults: false,
        tiers: []
      };
      this.remaining = MAX_LINES;
      this.sawTiers = false;
    }
  }
  get active() {
    return this.current !== null;
  }
  result() {
    if (this.current) this.close();
    return this.last;
  }
  close() {
    if (this.current) this.current.tiers = exactArray(this.current.tiers);
    this.last = this.current;
    this.current = null;
  }
  read(line) {
    const e = this.current;
    if (line.startsWith("Duration: ")) e.durationSeconds = number(line.slice(10).replace(/s$/, ""));
    else if (line.startsWith("Total Cost: $")) e.totalCost = number(line.slice(13));
    else if (line.startsWith("Best Tier: ")) e.bestTier = intern(line.slice(11).trim() || null);
    else if (line.startsWith("Best Sub-test: ")) e.bestSubtest = intern(line.slice(15).trim() || null);
    else if (line.startsWith("Frontier CoP: $")) e.frontierCop = number(line.slice(15));
    else if (line.startsWith("No passing results found")) e.noPassingResults = true;
    else if (line === "Tier Results:") this.sawTiers = true;
    else if (this.sawTiers) {
      const m = TIER_LINE.exec(line);
      if (m) e.tiers.push({ tier: intern(m[1]), passed: m[2] === "PASS", score: number(m[3]), cost: number(m[4]) });
    }
  }
};
function number(text) {
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
}

// src/util/cut-at-token.ts
var BOUNDARY = /[\s,;'"`()[\]{}<>|]/;
function cutAtToken(text, max) {
  if (text.length <= max) return text;
  for (let i = max; i > 0; i--) if (BOUNDARY.test(text[i])) return text.slice(0, i);
  return text.slice(0, max);
}

// src/parse/scylla/thread-log-errors.ts
var KEEP_FIRST = 20;
var KEEP_LAST = 20;
var MAX_TEXT = 2e3;
var MAX_CONTINUATION = 4;
var LOG_LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:[,.]\d+)? \[([A-Z]+)\]/;
var FIELD_LINE = /^[A-Za-z_][\w.]*$/;
var RATE_LIMIT_LINE = /you've hit your limit|rate[ -]?limit|\b(?:HTTP|status|code|error)[: ]*429\b|429 Too Many|\boverloaded\b|weekly usage limit|upgrade to continue/i;
var ErrorCollector = class {
  first = [];
  tail = [];
  omitted = 0;
  inTraceback = false;
  /** The exception entry still collecting continuation lines (pydantic details, git's `fatal:`). */
  open = null;
  continuation = 0;
  /** In a traceback or an exception message: every line matters until it ends. */
  get busy() {
    return this.inTraceback || this.open !== null;
  }
  feed(line, lineNo) {
    const c = line.charCodeAt(0);
    if (this.open) {
      if (this.continues(line, c)) {
        if (this.continuation++ < MAX_CONTINUATION) this.open.text = cap(`${this.open.text}
${line.trimEnd()}`);
        return;
      }
      this.open = null;
    }
    if (this.inTraceback) {
      if (c === 32 || c === 9) return;
      this.inTraceback = false;
      if (!line.startsWith("Traceback (") && !line.startsWith("During handling") && !line.startsWith("The above exception")) {
        this.open = this.add(lineNo, line, isRateLimit(line) ? "rate-limit" : "exception");
        this.continuation = 0;
        return;
      }
    }
    if (c === 84 && line.startsWith("Traceback (most recent call last)")) {
      this.inTraceback = true;
      return;
    }
    if (c >= 48 && c <= 57) {
      const m = LOG_LINE.exec(line);
      if (!m) return;
      const level = m[1];
      if (level === "ERROR" || level === "CRITICAL") {
        const kind = isRateLimit(line) ? "rate-limit" : line.includes("Worker exception") ? "worker" : "error-line";
        this.add(lineNo, line, kind);
      } else if (isRateLimit(line)) this.add(lineNo, line, "rate-limit");
      else if (level === "WARNING" && / failed/.test(line)) this.add(lineNo, line, "error-line");
      return;
    }
    if (c === 69 && line.startsWith("ERROR: ")) {
      this.add(lineNo, line, "launch");
      return;
    }
    if (c === 101 && line.startsWith("error: ")) {
      this.add(lineNo, line, "error-line");
      return;
    }
    if (c === 102 && line.startsWith("fatal: ")) {
      this.add(lineNo, line, "error-line");
      return;
    }
    if (isRateLimit(line)) this.add(lineNo, line, "rate-limit");
  }
  /** Called for a line that follows the block's footer. */
  add(line, text, kind) {
    const entry = { line, text: cap(text), kind };
    if (this.first.length < KEEP_FIRST) this.first.push(entry);
    else {
      this.tail.push(entry);
      if (this.tail.length > KEEP_LAST) {
        this.tail.shift();
        this.omitted++;
      }
    }
    return entry;
  }
  result() {
    if (this.omitted === 0)
      return this.first.length + this.tail.length === 0 ? emptyArray() : this.first.concat(this.tail);
    const note = {
      line: this.tail[0]?.line ?? 0,
      text: `\u2026 ${this.omitted} more error lines omitted`,
      kind: "error-line"
    };
    return [...this.first, note, ...this.tail];
  }
  continues(line, c) {
    if (line.length === 0 || line.startsWith("Traceback (")) return false;
    if (c >= 48 && c <= 57 && LOG_LINE.test(line)) return false;
    if (line.startsWith("ERROR: ") || line.startsWith("=====")) return false;
    return line.startsWith("fatal: ") || c === 32 || c === 9 || FIELD_LINE.test(line);
  }
};
function isRateLimit(line) {
  return (line.includes("imit") || line.includes("429") || line.includes("verloaded") || line.includes("upgrade to continue")) && RATE_LIMIT_LINE.test(line);
}
function cap(text) {
  return text.length > MAX_TEXT ? `${cutAtToken(text, MAX_TEXT)}\u2026 [truncated]` : text;
}

// src/parse/scylla/file-names.ts
function threadFromFileName(name) {
  const m = /(?:^|\/)thread_(\d+)\.log$/.exec(name);
  return m ? Number(m[1]) : null;
}

// src/parse/scylla/thread-log.ts
var SEP = "=".repeat(70);
var STARTING = /^\[([^\]]+)\] Starting (\S+)$/;
var COMPLETED = /^\[([^\]]+)\] Completed (\S+) in (-?[0-9.]+)s \(exit code: (-?\d+)\)$/;
var ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
function clean(raw) {
  let line = raw;
  if (line.includes("\0")) line = line.replaceAll("\0", "");
  if (line.includes("\x1B")) line = line.replace(ANSI, "");
  return line;
}
var FIRST_BYTES = "=[CEUTfe\x1B\0";
var ANCHORS = ["imit", "verloaded"];
async function parseThreadLog(file, chunks) {
  const blocks = [];
  const thread = threadFromFileName(file);
  let state = "outside";
  let current = null;
  let errors = null;
  let experiment = null;
  let lastClosed = null;
  const seenFlags = /* @__PURE__ */ new Map();
  let lineNo = 0;
  const finish = (complete) => {
    if (!current || !errors) return;
    current.complete = complete;
    current.experiment = experiment?.result() ?? null;
    current.errors = errors.result();
    blocks.push(current);
    lastClosed = complete ? { block: current, errors } : null;
    current = null;
    errors = null;
    experiment = null;
  };
  const open = (m) => {
    current = {
      file,
      thread,
      testId: m[2],
      line: lineNo,
      startedAt: m[1],
      completedAt: null,
      durationSeconds: null,
      exitCode: null,
      flags: null,
      complete: false,
      experiment: null,
      errors: emptyArray(),
      session: 0
    };
    errors = new ErrorCollector();
    experiment = new ExperimentReader();
    lastClosed = null;
  };
  const needsEveryLine = () => state !== "body" || (experiment?.active ?? false) || (errors?.busy ?? false);
  const scan = { firstBytes: FIRST_BYTES, anchors: ANCHORS, all: true };
  for await (const lines of scanLines(chunks, scan))
    for (const [number2, raw] of lines) {
      lineNo = number2;
      const line = raw.length > 0 && (raw.includes("\0") || raw.includes("\x1B")) ? clean(raw) : raw;
      const isSep = line.length === 70 && line === SEP;
      try {
        switch (state) {
          case "outside": {
            if (isSep) state = "header";
            else if (lastClosed && line.startsWith("UNEXPECTED ERROR:")) {
              const closed = lastClosed;
              closed.errors.add(lineNo, line, "unexpected");
              closed.block.errors = closed.errors.result();
            }
            continue;
          }
          case "header": {
            const m = line.charCodeAt(0) === 91 ? STARTING.exec(line) : null;
            if (m) {
              open(m);
              state = "command";
            } else state = isSep ? "header" : "outside";
            continue;
          }
          case "command": {
            if (line.startsWith("Command: ") && line.length > 9) {
              current.flags = firstCopy(seenFlags, commandFlags(line.slice(9)));
            } else if (isSep) state = "body";
            continue;
          }
          case "closing": {
            state = "outside";
            continue;
          }
          case "footer": {
            if (line.charCodeAt(0) === 91) {
              const done = COMPLETED.exec(line);
              if (done && done[2] === current.testId) {
                current.completedAt = done[1];
                current.durationSeconds = Number(done[3]);
                current.exitCode = Number(done[4]);
                finish(true);
                state = "closing";
                continue;
              }
              const start = STARTING.exec(line);
              if (start) {
                finish(false);
                open(start);
                state = "command";
                continue;
              }
            }
            state = isSep ? "footer" : "body";
            if (!isSep) bodyLine(line);
            continue;
          }
          case "body": {
            if (isSep) state = "footer";
            else bodyLine(line);
            continue;
          }
        }
      } finally {
        scan.all = needsEveryLine();
      }
    }
  if (current) finish(false);
  return blocks;
  function bodyLine(line) {
    if (line.length === 0) return;
    experiment.feed(line, lineNo);
    errors.feed(line, lineNo);
  }
}
function commandFlags(command) {
  return command.replace(/--tiers-dir\s+\S+/, "").replace(/\s+/g, " ").trim();
}

// src/parse/scylla/thread-log-scan.ts
async function parseLogFile(file, chunks) {
  try {
    return { blocks: await parseThreadLog(file, chunks) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

// src/log-helper-worker.ts
var { files, queue, port } = import_node_worker_threads.workerData;
var send = (message) => port.postMessage(message);
for (let index = Atomics.add(queue, LOG_CLAIMS, 1); index < files.length; index = Atomics.add(queue, LOG_CLAIMS, 1)) {
  const { file, path } = files[index];
  send({ index, outcome: await parseLogFile(file, fileChunks(path)) });
}
var [task] = await (0, import_node_events.once)(port, "message");
if (task.folders) {
  const { scanSharedFolders } = await import(new URL("./log-helper-folders.js", import.meta.url).href);
  await scanSharedFolders(task, queue, send);
}
send({ done: true });
port.close();
