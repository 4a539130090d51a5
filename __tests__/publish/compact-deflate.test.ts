// The artifact upload's zlib streams, while wrapped: the same compressed bytes, each small piece in a buffer
// of about its own size rather than a slice of a 16 KB one; and zlib as it was once the upload is over.

import { createDeflateRaw, DeflateRaw } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { withCompactDeflateOutput } from '../../src/publish/compact-deflate.js';

async function deflate(text: string): Promise<Buffer[]> {
  const stream = createDeflateRaw({ level: 6 });
  const pieces: Buffer[] = [];
  stream.on('data', (d: Buffer) => pieces.push(d));
  const done = new Promise((ok) => stream.on('end', ok));
  stream.end(text);
  await done;
  return pieces;
}

const page = `# A failure\n\n${'The agent ran out of turns. '.repeat(40)}\n`;

describe('withCompactDeflateOutput', () => {
  it('compresses to the same bytes, small pieces no longer pinning a 16 KB buffer', async () => {
    const plain = await deflate(page);
    expect(plain[0]!.buffer.byteLength).toBeGreaterThanOrEqual(16 * 1024);
    const compact = await withCompactDeflateOutput(() => deflate(page));
    expect(Buffer.concat(compact)).toEqual(Buffer.concat(plain));
    // Small copies come from Node's shared 8 KB pool, or have their own exact-size memory.
    for (const piece of compact) expect(piece.buffer.byteLength).toBeLessThanOrEqual(8 * 1024);
  });

  it('leaves zlib as it was afterwards, also when the upload fails', async () => {
    const push = DeflateRaw.prototype.push;
    await expect(withCompactDeflateOutput(() => Promise.reject(new Error('upload failed')))).rejects.toThrow();
    expect(DeflateRaw.prototype.push).toBe(push);
    expect(Object.prototype.hasOwnProperty.call(DeflateRaw.prototype, 'push')).toBe(false);
    expect((await deflate(page))[0]!.buffer.byteLength).toBeGreaterThanOrEqual(16 * 1024);
  });
});
