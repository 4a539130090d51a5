// The action itself (main.ts), run in the worker thread index.ts starts; the exit code goes back as a message.

import { parentPort } from 'node:worker_threads';

import { run } from './main.js';

await run();
parentPort?.postMessage(typeof process.exitCode === 'number' ? process.exitCode : 0);
