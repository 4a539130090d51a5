// The CLI itself, run in the worker thread cli.ts starts; the exit code goes back as a message.

import { parentPort, workerData } from 'node:worker_threads';

import { main } from './cli-main.js';

const { argv, stderrIsTTY } = workerData as { argv: string[]; stderrIsTTY: boolean };
parentPort!.postMessage(await main(argv, stderrIsTTY));
