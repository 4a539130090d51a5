// The helper thread itself (log-helper.ts starts it): thread logs claimed one at a time from the queue it
// shares with the analysis thread, parsed, and sent back by file index.

import { workerData, type MessagePort } from 'node:worker_threads';

import { fileChunks } from './ingest/file-chunks.js';
import type { HelperMessage } from './log-helper.js';
import { parseLogFile, type HelperFile } from './parse/scylla/thread-log-scan.js';

const { files, queue, port } = workerData as { files: HelperFile[]; queue: Int32Array; port: MessagePort };
const send = (message: HelperMessage) => port.postMessage(message);

for (let index = Atomics.add(queue, 0, 1); index < files.length; index = Atomics.add(queue, 0, 1)) {
  const { file, path } = files[index]!;
  send({ index, outcome: await parseLogFile(file, fileChunks(path)) });
}
send({ done: true });
