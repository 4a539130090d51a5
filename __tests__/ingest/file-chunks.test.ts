// fileChunks reads a file in chunks of one reused buffer, handed on to the next file read (file-chunks.ts).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fileChunks } from '../../src/ingest/file-chunks.js';

const MB = 1024 * 1024;

/** A file of `bytes` bytes of `fill`, with its last byte `last` so a stale chunk would show. */
function file(dir: string, name: string, bytes: number, fill: string, last: string): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([Buffer.alloc(bytes - 1, fill), Buffer.from(last)]));
  return path;
}

async function read(chunks: AsyncIterable<Buffer>): Promise<{ text: string; buffers: Set<ArrayBuffer> }> {
  const parts: Buffer[] = [];
  const buffers = new Set<ArrayBuffer>();
  for await (const chunk of chunks) {
    parts.push(Buffer.from(chunk));
    buffers.add(chunk.buffer as ArrayBuffer);
  }
  return { text: Buffer.concat(parts).toString('latin1'), buffers };
}

describe('fileChunks', () => {
  let dir: string;
  let a: string;
  let b: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'e2e-triage-chunks-'));
    a = file(dir, 'a.log', 2 * MB + 5, 'a', 'A');
    b = file(dir, 'b.log', 3, 'b', 'B');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads files one after the other in the same buffer, each whole and nothing of the one before', async () => {
    const first = await read(fileChunks(a));
    const second = await read(fileChunks(b));
    expect(first.text).toBe(`${'a'.repeat(2 * MB + 4)}A`);
    expect(second.text).toBe('bbB');
    expect(first.buffers.size).toBe(1);
    expect([...second.buffers]).toEqual([...first.buffers]);
  });

  it('gives files read at the same time buffers of their own', async () => {
    const one = fileChunks(a)[Symbol.asyncIterator]();
    const two = fileChunks(b)[Symbol.asyncIterator]();
    const fromOne = (await one.next()).value as Buffer;
    const fromTwo = (await two.next()).value as Buffer;
    expect(fromOne.buffer).not.toBe(fromTwo.buffer);
    expect(fromTwo.toString('latin1')).toBe('bbB');
    expect(fromOne.subarray(0, 3).toString('latin1')).toBe('aaa');
    await one.return(undefined);
    await two.return(undefined);
  });

  it('hands the buffer on when a reader stops early', async () => {
    let early: ArrayBuffer | undefined;
    for await (const chunk of fileChunks(a)) {
      early = chunk.buffer as ArrayBuffer;
      break;
    }
    const next = await read(fileChunks(b));
    expect([...next.buffers]).toEqual([early]);
    expect(next.text).toBe('bbB');
  });
});
