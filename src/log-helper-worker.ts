// The helper thread itself (log-helper.ts starts it): thread logs claimed one at a time from the queue it
// shares with the analysis thread, parsed, and sent back by file index. Then it waits for the failing result
// folders, if the analysis has some to share (parse/scylla/folder-scan-share.ts), and scans those it claims.

import { once } from 'node:events';
import { workerData, type MessagePort } from 'node:worker_threads';

import { fileChunks } from './ingest/file-chunks.js';
import { LOG_CLAIMS, type HelperMessage, type HelperTask } from './log-helper-protocol.js';
import { parseLogFile, type HelperFile } from './parse/scylla/thread-log-scan.js';

const { files, queue, port } = workerData as { files: HelperFile[]; queue: Int32Array; port: MessagePort };
const send = (message: HelperMessage) => port.postMessage(message);

for (let index = Atomics.add(queue, LOG_CLAIMS, 1); index < files.length; index = Atomics.add(queue, LOG_CLAIMS, 1)) {
  const { file, path } = files[index]!;
  send({ index, outcome: await parseLogFile(file, fileChunks(path)) });
}
const [task] = (await once(port, 'message')) as [HelperTask];
if (task.folders) {
  // A module of its own, loaded only now: the folder scan's validation (zod) would slow the start on the logs.
  const { scanSharedFolders } = (await import(
    new URL('./log-helper-folders.js', import.meta.url).href
  )) as typeof import('./log-helper-folders.js');
  await scanSharedFolders(task, queue, send);
}
send({ done: true });
port.close();
