// A short, stable name for a text (fingerprints, file-name suffixes, history ids): sha256, hex, cut.
// @noble/hashes rather than node:crypto, whose loading was some 10 ms of a small batch's start.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function shortHash(text: string, length = 8): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, length);
}
