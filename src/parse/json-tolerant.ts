// Python's json module writes bare Infinity / -Infinity / NaN, which JSON.parse rejects. We rewrite those
// tokens (outside strings only) to sentinel strings and map them back in a reviver, so nothing else changes.

import { InputError } from '../errors.js';
import { findJsonErrorOffset } from './json-position.js';

const SENTINEL = '\u0000e2e-triage:';
const TOKENS: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };

export interface TolerantJson {
  value: unknown;
  /** 1-based line of each element of the top-level `results` array, when there is one. */
  resultLines: number[];
}

export function parseJsonTolerant(text: string, file: string): TolerantJson {
  // The scan is JavaScript, character by character: skipped when no token can be in the text at all.
  const mayHaveTokens = text.includes('NaN') || text.includes('Infinity');
  const scanned = mayHaveTokens ? rewriteTokens(text) : null;
  const rewritten = scanned?.rewritten ?? text;
  const rewrote = scanned?.rewrote ?? false;
  let value: unknown;
  try {
    // A reviver makes JSON.parse several times slower, and most files have no token to map back. Without a
    // rewrite, only a string that starts with NUL could look like a sentinel, and NUL is written `\u0000`.
    value =
      !rewrote && !text.includes('\\u0000')
        ? JSON.parse(text)
        : JSON.parse(rewritten, (_key, v: unknown) =>
            typeof v === 'string' && v.startsWith(SENTINEL) ? (TOKENS[v.slice(SENTINEL.length)] ?? v) : v,
          );
  } catch (error) {
    throw new InputError(`${file}: invalid JSON ${describePosition(rewritten, error)}`.trimEnd(), { cause: error });
  }
  return {
    value,
    // Only batch_summary.json asks: the others are not scanned for it.
    get resultLines() {
      return offsetsToLines(text, (scanned ?? rewriteTokens(text)).resultOffsets);
    },
  };
}

function rewriteTokens(text: string): { rewritten: string; rewrote: boolean; resultOffsets: number[] } {
  const parts: string[] = [];
  const resultOffsets: number[] = [];
  let last = 0;
  let depth = 0;
  let lastKeyAtDepth1 = '';
  let inResults = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      i++;
      if (depth === 1) {
        // A string at depth 1 followed by ':' is a key of the root object. Only `results` matters: decoded
        // (JSON.parse) only when written with escapes.
        let j = i;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) === 0x3a) {
          const literal = text.slice(start, i);
          lastKeyAtDepth1 = literal.includes('\\') ? safeString(literal) : literal.slice(1, -1);
        }
      }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (inResults && depth === 2 && c === 0x7b) resultOffsets.push(i);
      depth++;
      if (depth === 2 && c === 0x5b && lastKeyAtDepth1 === 'results') inResults = true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth < 2) inResults = false;
    } else if (c === 0x49 /* I */ || c === 0x4e /* N */ || c === 0x2d /* - */) {
      const token = Object.keys(TOKENS).find(
        (t) => text.startsWith(t, i) && !isIdentChar(text.charCodeAt(i + t.length)),
      );
      if (token !== undefined) {
        parts.push(text.slice(last, i), JSON.stringify(SENTINEL + token));
        i += token.length;
        last = i;
        continue;
      }
    }
    i++;
  }
  if (last === 0) return { rewritten: text, rewrote: false, resultOffsets };
  parts.push(text.slice(last));
  return { rewritten: parts.join(''), rewrote: true, resultOffsets };
}

function safeString(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return '';
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isIdentChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function offsetsToLines(text: string, offsets: number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  for (const offset of offsets) {
    while (pos < offset) {
      const next = text.indexOf('\n', pos);
      if (next === -1 || next >= offset) {
        pos = offset;
        break;
      }
      line++;
      pos = next + 1;
    }
    lines.push(line);
  }
  return lines;
}

/** `at line 3, column 14` of the text JSON.parse saw (tokens rewritten only after that point matter little). */
function describePosition(text: string, error: unknown): string {
  const offset = findJsonErrorOffset(text);
  if (offset < 0) return error instanceof Error ? `(${error.message})` : '';
  if (offset >= text.length) return 'at the end of the file (truncated?)';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `at line ${line}, column ${column}`;
}
