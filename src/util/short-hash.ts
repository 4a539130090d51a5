// A short, stable name for a text (fingerprints, file-name suffixes, history ids): sha256, hex, cut.
// @noble/hashes for the first hashes of a run: node:crypto takes some 7 ms to load, most of what a small batch
// hashes for. From the SWITCH_AFTERth hash on, node:crypto's one-shot hash where the running Node can load it
// without a static import (process.getBuiltinModule): 0.4-0.6 us a hash against 3-8 us, some 40 ms of the
// rendering thread on 10,000 tests (bench/notes.md). Both hash the text's UTF-8, a lone surrogate as U+FFFD.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

const SWITCH_AFTER = 1000;

type Sha256Hex = (text: string) => string;

let hashes = 0;
/** undefined: not looked for yet; null: this Node has no node:crypto to give without an import. */
let native: Sha256Hex | null | undefined;

export function shortHash(text: string, length = 8): string {
  if (native === undefined && ++hashes > SWITCH_AFTER) native = nativeSha256();
  return (native ? native(text) : jsSha256(text)).slice(0, length);
}

export function jsSha256(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** node:crypto's sha256 of the text, hex; null where Node cannot give the module (before 20.16). */
export function nativeSha256(): Sha256Hex | null {
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const crypto = getBuiltinModule?.('node:crypto') as typeof import('node:crypto') | undefined;
  if (!crypto) return null;
  const { hash } = crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string };
  if (hash) return (text) => hash('sha256', text, 'hex');
  return (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
