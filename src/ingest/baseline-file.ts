// --baseline for the CLI: a triage.json, or a folder holding one (directly or in analysis/).

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

import type { JsonText } from '../parse/json-text.js';

const CANDIDATES = ['triage.json', join('analysis', 'triage.json')];
/** Small pieces: their strings then die young in V8's heap (parse/json-array-elements.ts). */
const PIECE_BYTES = 16 * 1024;

/** The previous analysis, or null when the path holds none (the caller says so in one line). */
export function findBaselineFile(path: string): { text: JsonText; file: string } | null {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return null;
  const files = info.isDirectory() ? CANDIDATES.map((c) => join(path, c)) : [path];
  for (const file of files) {
    const text = textInPieces(file);
    if (text !== null) return { text, file };
  }
  return null;
}

/**
 * A file's text read 16 kB at a time as parse/ asks for it, never held whole: a 10,000-test triage.json
 * is 30 MB, and 60 MB as one string once a character of it is not Latin-1. Null when it is not a file.
 */
export function textInPieces(file: string): JsonText | null {
  let info;
  try {
    info = statSync(file);
  } catch {
    return null;
  }
  return info.isFile() ? () => decodedPieces(file) : null;
}

function* decodedPieces(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(PIECE_BYTES);
    // Decoded piece by piece: a character cut by a piece's end is completed by the next.
    const decoder = new StringDecoder('utf8');
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      yield decoder.write(buffer.subarray(0, bytesRead));
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/**
 * Read synchronously: Node then decodes the file straight into a string, where the promise API first fills a
 * Buffer as large as the file.
 */
export function readTextOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
