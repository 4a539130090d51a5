// The error lines of one log block, bounded: the first and the last few are what explain a failure
// (what broke first, what killed the process); the middle of a 1 GB log is not kept.

import { cutAtToken } from '../../util/cut-at-token.js';
import { emptyArray } from '../../util/exact-array.js';

export type LogErrorKind = 'exception' | 'error-line' | 'launch' | 'unexpected' | 'rate-limit' | 'worker';

export interface LogError {
  line: number;
  text: string;
  kind: LogErrorKind;
}

const KEEP_FIRST = 20;
const KEEP_LAST = 20;
const MAX_TEXT = 2000;
const MAX_CONTINUATION = 4;
const LOG_LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:[,.]\d+)? \[([A-Z]+)\]/;
const FIELD_LINE = /^[A-Za-z_][\w.]*$/;
export const RATE_LIMIT_LINE =
  /you've hit your limit|rate[ -]?limit|\b(?:HTTP|status|code|error)[: ]*429\b|429 Too Many|\boverloaded\b|weekly usage limit|upgrade to continue/i;

export class ErrorCollector {
  private readonly first: LogError[] = [];
  private readonly tail: LogError[] = [];
  private omitted = 0;
  private inTraceback = false;
  /** The exception entry still collecting continuation lines (pydantic details, git's `fatal:`). */
  private open: LogError | null = null;
  private continuation = 0;

  /** In a traceback or an exception message: every line matters until it ends. */
  get busy(): boolean {
    return this.inTraceback || this.open !== null;
  }

  feed(line: string, lineNo: number): void {
    const c = line.charCodeAt(0);
    if (this.open) {
      if (this.continues(line, c)) {
        if (this.continuation++ < MAX_CONTINUATION) this.open.text = cap(`${this.open.text}\n${line.trimEnd()}`);
        return;
      }
      this.open = null;
    }
    if (this.inTraceback) {
      if (c === 0x20 || c === 0x09) return; // frames and source lines
      this.inTraceback = false;
      if (
        !line.startsWith('Traceback (') &&
        !line.startsWith('During handling') &&
        !line.startsWith('The above exception')
      ) {
        this.open = this.add(lineNo, line, isRateLimit(line) ? 'rate-limit' : 'exception');
        this.continuation = 0;
        return;
      }
    }
    if (c === 0x54 /* T */ && line.startsWith('Traceback (most recent call last)')) {
      this.inTraceback = true;
      return;
    }
    if (c >= 0x30 && c <= 0x39) {
      const m = LOG_LINE.exec(line);
      if (!m) return;
      const level = m[1];
      if (level === 'ERROR' || level === 'CRITICAL') {
        const kind = isRateLimit(line) ? 'rate-limit' : line.includes('Worker exception') ? 'worker' : 'error-line';
        this.add(lineNo, line, kind);
      } else if (isRateLimit(line)) this.add(lineNo, line, 'rate-limit');
      else if (level === 'WARNING' && / failed/.test(line)) this.add(lineNo, line, 'error-line');
      return;
    }
    if (c === 0x45 /* E */ && line.startsWith('ERROR: ')) {
      this.add(lineNo, line, 'launch');
      return;
    }
    if (c === 0x65 /* e */ && line.startsWith('error: ')) {
      this.add(lineNo, line, 'error-line'); // argparse
      return;
    }
    if (c === 0x66 /* f */ && line.startsWith('fatal: ')) {
      this.add(lineNo, line, 'error-line');
      return;
    }
    if (isRateLimit(line)) this.add(lineNo, line, 'rate-limit');
  }

  /** Called for a line that follows the block's footer. */
  add(line: number, text: string, kind: LogErrorKind): LogError {
    const entry: LogError = { line, text: cap(text), kind };
    if (this.first.length < KEEP_FIRST) this.first.push(entry);
    else {
      this.tail.push(entry);
      if (this.tail.length > KEEP_LAST) {
        this.tail.shift();
        this.omitted++;
      }
    }
    return entry;
  }

  result(): LogError[] {
    if (this.omitted === 0)
      return this.first.length + this.tail.length === 0 ? emptyArray() : this.first.concat(this.tail);
    const note: LogError = {
      line: this.tail[0]?.line ?? 0,
      text: `… ${this.omitted} more error lines omitted`,
      kind: 'error-line',
    };
    return [...this.first, note, ...this.tail];
  }

  private continues(line: string, c: number): boolean {
    if (line.length === 0 || line.startsWith('Traceback (')) return false;
    if (c >= 0x30 && c <= 0x39 && LOG_LINE.test(line)) return false;
    if (line.startsWith('ERROR: ') || line.startsWith('=====')) return false;
    // git's `fatal:` and pydantic's field names and indented details continue a message; other text ends it.
    return line.startsWith('fatal: ') || c === 0x20 || c === 0x09 || FIELD_LINE.test(line);
  }
}

function isRateLimit(line: string): boolean {
  // Cheap substring gates before the regex: this runs on every body line of gigabyte logs.
  return (
    (line.includes('imit') ||
      line.includes('429') ||
      line.includes('verloaded') ||
      line.includes('upgrade to continue')) &&
    RATE_LIMIT_LINE.test(line)
  );
}

function cap(text: string): string {
  return text.length > MAX_TEXT ? `${cutAtToken(text, MAX_TEXT)}… [truncated]` : text;
}
