// The page writer a large CLI run lends to its output folder: a thread that creates and writes the short pages
// while the analysis thread renders the next ones. On 10,000 tests the analysis thread otherwise spent some
// 0.4-1.7 s of its rendering on creating 15,000 files (their open, write and close, and the kernel's work
// under them), with the second core idle since the thread logs were parsed (bench/notes.md).
//
// Pages go over a message port in order, and two shared counters say how many were sent and how many are
// done, so the analysis thread waits only when IN_FLIGHT pages are ahead of the writer. If the thread cannot
// start or dies, the pages it had not finished are written here, and every page after them on libuv's
// threads: nothing is lost but time. It never keeps the process alive.

import { setImmediate as turn } from 'node:timers/promises';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

import { InputError } from '../errors.js';
import { writePage } from './file-create.js';
import { IN_FLIGHT, libuvPages, type PageSink } from './local-files.js';
import { COUNTERS, DONE, SENT, type PageFailure, type PageMessage } from './page-writer-protocol.js';

/** Strings it receives die as soon as they are written: a small young generation does. */
const WRITER_LIMITS = { maxYoungGenerationSizeMb: 2 };
/** How long one wait for the thread lasts before events (its exit) are looked at. */
const LOOK_AGAIN_MS = 100;

/** `worker`: the thread's module, bundled beside this one (tests give the bundle's from the sources). */
export function pageWriterThread(worker: URL | string = new URL('./page-writer-worker.js', import.meta.url)): PageSink {
  const counters = new Int32Array(new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT));
  const { port1: port, port2 } = new MessageChannel();
  port.unref();
  let stopped = false;
  try {
    const thread = new Worker(worker, {
      workerData: { counters, port: port2 },
      transferList: [port2],
      resourceLimits: WRITER_LIMITS,
    });
    thread.unref();
    thread.on('error', () => (stopped = true));
    thread.on('exit', () => (stopped = true));
  } catch {
    stopped = true;
  }

  // The pages sent and not yet done, by their number modulo IN_FLIGHT: written here if the thread stops.
  const sent: PageMessage[] = new Array<PageMessage>(IN_FLIGHT).fill(null);
  let count = 0;
  let fallback: PageSink | null = null;
  let failure: PageFailure | null = null;

  const send = (message: PageMessage) => {
    port.postMessage(message);
    Atomics.add(counters, SENT, 1);
    Atomics.notify(counters, SENT);
  };
  const raise = () => {
    const answer = receiveMessageOnPort(port);
    if (answer) failure ??= answer.message as PageFailure;
    if (!failure) return;
    const error: NodeJS.ErrnoException = failure.input ? new InputError(failure.message) : new Error(failure.message);
    if (failure.code) error.code = failure.code;
    throw error;
  };
  /** The thread is gone: what it had not done is written here, and the rest goes to libuv's threads. */
  const takeOver = () => {
    fallback = libuvPages();
    for (let page = Atomics.load(counters, DONE); page < count; page++) {
      const [target, mode, content] = sent[page % IN_FLIGHT]!;
      writePage(target, mode, content);
    }
  };
  /**
   * Waits until fewer than `ahead` pages are waiting, or the thread has stopped; true if it had to wait. A
   * blocking wait: events (the thread's exit) are only looked at between waits.
   */
  const waitFor = async (ahead: number): Promise<boolean> => {
    let waited = false;
    for (;;) {
      const done = Atomics.load(counters, DONE);
      if (count - done < ahead) return waited;
      if (stopped) {
        takeOver();
        return waited;
      }
      waited = true;
      if (Atomics.wait(counters, DONE, done, LOOK_AGAIN_MS) === 'timed-out') await turn();
    }
  };

  return {
    write(target, mode, content) {
      if (!fallback && stopped) takeOver();
      if (fallback) return fallback.write(target, mode, content);
      const page: PageMessage = [target, mode, content];
      sent[count++ % IN_FLIGHT] = page;
      send(page);
    },
    async room() {
      // A turn of the event loop whenever the writer was behind: V8's own tasks run between pages (bench/notes.md).
      if (!fallback && (await waitFor(IN_FLIGHT))) await turn();
      raise();
      if (fallback) await fallback.room();
    },
    full() {
      if (fallback) return fallback.full();
      return !stopped && count - Atomics.load(counters, DONE) >= IN_FLIGHT;
    },
    async finish() {
      if (!fallback) await waitFor(1);
      if (!fallback) send(null);
      sent.fill(null);
      raise();
      if (fallback) await fallback.finish();
      port.close();
    },
  };
}
