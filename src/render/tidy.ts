// The tidy every page gets after its template: blank-line runs that #if blocks leave behind collapse to one,
// never inside a fenced block (an error's own blank lines are part of the quote), and the page ends in one
// newline. Line by line, so a page can be tidied as it streams (a long summary page is never held whole).

/**
 * Tidies text given piece by piece: what `push` returns, followed by what `end` returns, is the tidy of the
 * pieces joined. A line cut between pieces waits for its end; trailing whitespace waits for what follows it.
 * The kept text between dropped lines is copied in slices: splitting every page into lines and joining them
 * again was a fifth of the rendering time of a large batch.
 */
export class Tidier {
  private fence: string | null = null;
  private first = true;
  private lastEmpty = false;
  /** The start of a line whose end has not come yet. */
  private partial = '';
  /** Whitespace at the end of the text so far: dropped if nothing but whitespace follows it. */
  private held = '';

  push(piece: string): string {
    const text = this.partial + piece;
    let out = '';
    /** Text before this index is in `out` already, or was dropped. */
    let copied = 0;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      // A second blank line in a row is dropped with its newline.
      if (this.line(text, start, end)) {
        out += text.slice(copied, start);
        copied = end + 1;
      }
      start = end + 1;
    }
    out += text.slice(copied, start);
    this.partial = text.slice(start);
    return this.emit(out);
  }

  /** The rest: the last line, and the page's single final newline. */
  end(): string {
    const last = this.partial;
    this.partial = '';
    const kept = this.line(last, 0, last.length) ? '' : last;
    const rest = `${(this.held + kept).trimEnd()}\n`;
    this.held = '';
    return rest;
  }

  /** Takes in the line text[start, end); true when it is to be dropped. */
  private line(text: string, start: number, end: number): boolean {
    let drop = false;
    if (end === start) {
      drop = this.fence === null && !this.first && this.lastEmpty;
      this.lastEmpty = true;
    } else {
      // Only a line starting with a backtick can open or close a fence.
      if (text.charCodeAt(start) === 0x60) {
        const line = text.slice(start, end);
        const ticks = /^(`{3,})[^`]*$/.exec(line)?.[1];
        if (this.fence === null && ticks) this.fence = ticks;
        else if (this.fence !== null && ticks && ticks.length >= this.fence.length && line === ticks) this.fence = null;
      }
      this.lastEmpty = false;
    }
    this.first = false;
    return drop;
  }

  private emit(out: string): string {
    if (out === '') return '';
    const text = this.held + out;
    const kept = text.trimEnd();
    this.held = text.slice(kept.length);
    return kept;
  }
}

export function tidy(markdown: string): string {
  const tidier = new Tidier();
  return tidier.push(markdown) + tidier.end();
}
