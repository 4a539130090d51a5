// The CLI itself (cli-main.ts). cli.ts imports it into its own thread for small results; for large ones it
// runs this file as a worker thread with a tuned heap and gets the exit code back as a message.

import { isMainThread, parentPort, workerData } from 'node:worker_threads';

import { main } from './cli-main.js';
import { threadLogHelper } from './log-helper.js';

export { main };

if (!isMainThread && parentPort) {
  const { argv, stderrIsTTY } = workerData as { argv: string[]; stderrIsTTY: boolean };
  // A batch large enough for a thread of its own gets a second one for its thread logs.
  parentPort.postMessage(await main(argv, stderrIsTTY, { threadLogs: threadLogHelper() }));
}
