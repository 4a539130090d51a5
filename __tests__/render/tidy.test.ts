// The tidy of a page, whole or given piece by piece as a streamed summary page is.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Tidier, tidy } from '../../src/render/tidy.js';

/** The definition, as first written: the page split into lines, blank runs dropped outside fences, trimmed. */
function byLines(markdown: string): string {
  const kept: string[] = [];
  let fence: string | null = null;
  let lastEmpty = false;
  markdown.split('\n').forEach((line, i) => {
    if (line === '') {
      if (!(fence === null && i > 0 && lastEmpty)) kept.push(line);
      lastEmpty = true;
      return;
    }
    const ticks = /^(`{3,})[^`]*$/.exec(line)?.[1];
    if (fence === null && ticks) fence = ticks;
    else if (fence !== null && ticks && ticks.length >= fence.length && line === ticks) fence = null;
    kept.push(line);
    lastEmpty = false;
  });
  return `${kept.join('\n').trimEnd()}\n`;
}

function inPieces(text: string, cuts: number[]): string {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const tidier = new Tidier();
  let out = '';
  let from = 0;
  for (const to of [...at, text.length]) {
    out += tidier.push(text.slice(from, to));
    from = to;
  }
  return out + tidier.end();
}

/** Texts made of what tidy looks at: newlines, blank-looking lines, fences of several lengths, trailing space. */
const page = fc
  .array(
    fc.constantFrom(
      '\n',
      '\n\n',
      '\n\n\n',
      ' ',
      '\t',
      '\u00a0',
      '\u2028',
      'a',
      'x y',
      '`',
      '```',
      '````',
      '```js',
      '~',
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(''));

describe('tidy', () => {
  it('drops blank-line runs outside fences and ends the page with one newline', () => {
    expect(tidy('# A\n\n\n\nb\n```\n\n\n\n```\n\n\nc  \n\n \n')).toBe('# A\n\nb\n```\n\n\n\n```\n\nc\n');
    expect(tidy('\n\n\nx')).toBe('\nx\n');
    expect(tidy('')).toBe('\n');
    expect(tidy('````\n```\n\n\n````\n\n\n')).toBe('````\n```\n\n\n````\n');
  });

  it('is the first definition, for any text', () => {
    fc.assert(
      fc.property(page, (text) => tidy(text) === byLines(text)),
      { numRuns: 3000 },
    );
  });

  it('gives the same text however the page is cut into pieces', () => {
    fc.assert(
      fc.property(page, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => inPieces(text, cuts) === tidy(text)),
      { numRuns: 3000 },
    );
  });

  it('holds back whitespace only while nothing else follows it', () => {
    const tidier = new Tidier();
    expect(tidier.push('a  \n\n')).toBe('a');
    expect(tidier.push('  ')).toBe('');
    expect(tidier.push('\nb\n')).toBe('  \n\n  \nb');
    expect(tidier.end()).toBe('\n');
  });
});
