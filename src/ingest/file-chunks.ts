// A file on disk as raw chunks in one reused buffer: a gigabyte of logs would otherwise leave a trail of
// garbage. Synchronous reads: the thread that scans them has nothing else to do meanwhile, and a thread-pool
// round trip per megabyte only adds latency.

import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 1024 * 1024;

/**
 * The buffer of the last file read, for the next: logs are read one after the other, and a fresh megabyte is
 * 256 page faults, some 3 ms per log file on the bench's machine (bench/notes.md).
 */
let spare: Buffer | null = null;

/** A chunk is valid until the next one is asked for or the iteration ends: the buffer is refilled. */
export async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const fd = openSync(path, 'r');
  // Two files read at once each get a buffer of their own.
  const buffer = spare ?? Buffer.allocUnsafe(CHUNK_BYTES);
  spare = null;
  try {
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
    spare = buffer;
  }
}
