// create-blob with the request body streamed: `{"content":"<base64>","encoding":"base64"}` made piece by piece
// from the file's text. As one JSON body, a 30 MB triage.json took some 250 MB of transient memory (the text,
// the JSON string, the encoded request); streamed, it takes a piece. Sent through the action's Octokit, so auth,
// base URL, User-Agent and the retry and throttling plugins apply as to any other call; the length is known
// up front and sent as Content-Length, so nothing depends on chunked request bodies.

import type { GitHub } from './octokit.js';

const HEAD = '{"content":"';
const TAIL = '","encoding":"base64"}';
/** Text gathered before it is encoded; of its bytes a multiple of 3 goes out, the rest waits for the next. */
const PIECE_CHARS = 48 * 1024;

/**
 * The body, re-iterable: each iteration starts again from the first piece, so a request the retry plugin
 * sends again carries the whole body again. A class (not a plain object) so Octokit passes it to fetch as is.
 * Every piece is a new Buffer (fetch may detach what it sends) and none is empty: undici's request body stops
 * pulling after an empty piece, and the request then stalls without an error.
 */
export class Base64BlobBody implements AsyncIterable<Uint8Array> {
  constructor(private readonly parts: () => Iterable<string>) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    yield Buffer.from(HEAD);
    let pending = Buffer.alloc(0);
    for (const text of pieces(this.parts)) {
      const bytes = Buffer.concat([pending, Buffer.from(text)]);
      const whole = bytes.length - (bytes.length % 3);
      pending = bytes.subarray(whole);
      if (whole > 0) yield Buffer.from(bytes.subarray(0, whole).toString('base64'));
    }
    // The last piece carries the tail, so it is never empty.
    yield Buffer.from(pending.toString('base64') + TAIL);
  }
}

/** The text in pieces of about PIECE_CHARS, each encoded on its own: measured as sent by `utf8Bytes`. */
function* pieces(parts: () => Iterable<string>): Generator<string> {
  let text = '';
  for (const part of parts()) {
    text += part;
    if (text.length >= PIECE_CHARS) {
      yield text;
      text = '';
    }
  }
  if (text !== '') yield text;
}

/** UTF-8 bytes of the text as the body encodes it (piece by piece, so a string is never held whole). */
export function utf8Bytes(parts: () => Iterable<string>): number {
  let bytes = 0;
  for (const text of pieces(parts)) bytes += Buffer.byteLength(text);
  return bytes;
}

/** Bytes of the body for a file of `bytes` bytes. */
export const base64BodyLength = (bytes: number): number => HEAD.length + 4 * Math.ceil(bytes / 3) + TAIL.length;

/** Sends the text (`bytes` long in UTF-8) as one blob; returns its SHA. */
export async function createBlob(
  octokit: GitHub,
  place: { owner: string; repo: string },
  parts: () => Iterable<string>,
  bytes: number,
): Promise<string> {
  const response = await octokit.request({
    method: 'POST',
    url: '/repos/{owner}/{repo}/git/blobs',
    owner: place.owner,
    repo: place.repo,
    // `data` is Octokit's raw body: sent as given instead of the parameters as JSON.
    data: new Base64BlobBody(parts),
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(base64BodyLength(bytes)),
    },
  });
  return (response.data as { sha: string }).sha;
}
