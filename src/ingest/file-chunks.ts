// A file on disk as raw chunks in one reused buffer: a gigabyte of logs would otherwise leave a trail of
// garbage. Synchronous reads: the thread that scans them has nothing else to do meanwhile, and a thread-pool
// round trip per megabyte only adds latency.

import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 1024 * 1024;

/** A chunk is valid until the next one is asked for: the buffer is refilled. */
export async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}
