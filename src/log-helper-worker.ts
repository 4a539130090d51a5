// The helper thread itself (log-helper.ts starts it): thread logs claimed one at a time from the queue it
// shares with the analysis thread, parsed, and sent back by file index.

import { workerData, type MessagePort } from 'node:worker_threads';

import { fileChunks } from './ingest/file-chunks.js';
import type { HelperMessage } from './log-helper.js';
import { parseThreadLog } from './parse/scylla/thread-log.js';
import type { HelperFile, HelperOutcome } from './parse/scylla/thread-log-scan.js';

const { files, queue, port } = workerData as { files: HelperFile[]; queue: Int32Array; port: MessagePort };
const send = (message: HelperMessage) => port.postMessage(message);

for (let index = Atomics.add(queue, 0, 1); index < files.length; index = Atomics.add(queue, 0, 1)) {
  const { file, path } = files[index]!;
  let outcome: HelperOutcome;
  try {
    outcome = { blocks: await parseThreadLog(file, fileChunks(path)) };
  } catch (error) {
    outcome = { error: error instanceof Error ? error.message : String(error) };
  }
  send({ index, outcome });
}
send({ done: true });
