// The page writer's thread itself (publish/page-writer-thread.ts starts it): pages taken from its port in
// order and written, each counted done in the shared counters. It waits on the counters, not on an event
// loop: a page is three system calls.

import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';

import { InputError } from './errors.js';
import { writePage } from './publish/file-create.js';
import { DONE, SENT, type PageFailure, type PageMessage } from './publish/page-writer-protocol.js';

const { counters, port } = workerData as { counters: Int32Array; port: MessagePort };

let received = 0;
let failed = false;
for (;;) {
  const message = receiveMessageOnPort(port);
  if (!message) {
    Atomics.wait(counters, SENT, received);
    continue;
  }
  received++;
  const page = message.message as PageMessage;
  if (page === null) break;
  // After a failure the pages are only counted: the analysis stops at its next look.
  if (!failed) {
    try {
      writePage(page[0], page[1], page[2]);
    } catch (error) {
      failed = true;
      const answer: PageFailure = {
        message: error instanceof Error ? error.message : String(error),
        code: (error as NodeJS.ErrnoException).code,
        input: error instanceof InputError,
      };
      port.postMessage(answer);
    }
  }
  Atomics.add(counters, DONE, 1);
  Atomics.notify(counters, DONE);
}
port.close();
