// The CLI itself (cli-main.ts). cli.ts imports it into its own thread for small results; for large ones it
// runs this file as a worker thread with a tuned heap and gets the exit code back as a message.

import { isMainThread, parentPort, workerData } from 'node:worker_threads';

import { main } from './cli-main.js';

export { main };

if (!isMainThread && parentPort) {
  const { argv, stderrIsTTY } = workerData as { argv: string[]; stderrIsTTY: boolean };
  parentPort.postMessage(await main(argv, stderrIsTTY));
}
