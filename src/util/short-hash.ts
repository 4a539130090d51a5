// A short, stable name for a text (fingerprints, file-name suffixes, history ids): sha256, hex, cut.

import { createHash } from 'node:crypto';

export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
