// @actions/artifact zips with one zlib stream per file, and each piece it compresses is a slice of that stream's
// 16 KB output buffer. The blob upload holds every piece until it has 8 MB of them: for the 10,000 small issue
// pages of a 10,000-test batch (7.7 MB zipped) that pinned 10,000 buffers, some 160 MB. While the upload runs,
// small pieces are copied out instead, so each holds only its own bytes. The zip's bytes do not change.

import type { Readable } from 'node:stream';
import { DeflateRaw } from 'node:zlib';

type Push = Readable['push'];

export async function withCompactDeflateOutput<T>(run: () => Promise<T>): Promise<T> {
  const prototype = DeflateRaw.prototype as unknown as { push: Push };
  const own = Object.prototype.hasOwnProperty.call(prototype, 'push');
  const push = prototype.push;
  prototype.push = function (this: Readable, chunk: unknown, encoding?: BufferEncoding) {
    const small = Buffer.isBuffer(chunk) && chunk.buffer.byteLength > 2 * chunk.length;
    return push.call(this, small ? Buffer.from(chunk) : chunk, encoding);
  };
  try {
    return await run();
  } finally {
    if (own) prototype.push = push;
    else delete (prototype as { push?: Push }).push;
  }
}
