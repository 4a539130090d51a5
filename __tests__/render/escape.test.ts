import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

import {
  code,
  fence,
  mdCell,
  mdText,
  mermaidLabel,
  safeFileName,
  truncate,
  uniqueFileNames,
} from '../../src/render/escape.js';
import { oneLine } from '../../src/render/view-tests.js';

const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.stringMatching(/^[\s\S]{0,200}$/),
  fc.constantFrom(
    '$(rm -rf /)',
    '`id`',
    '@everyone',
    '#1',
    '<script>alert(1)</script>',
    '<!-- e2e-triage:fingerprint=deadbeef -->',
    '-->',
    '\u202Egnp.exe',
    '../../etc/passwd',
    '| a | b |\n| - | - |',
    '```\nbreak out\n```',
    '🚀',
  ),
);
const mixed = fc.array(hostile, { maxLength: 5 }).map((parts) => parts.join(' '));

describe('escaping helpers', () => {
  it('mdCell: one line, no unescaped pipe, no raw mention, HTML or marker', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const cell = mdCell(s, 10_000);
        expect(cell).not.toMatch(/[\r\n]/);
        expect(cell).not.toMatch(/(^|[^\\])\|/);
        expect(cell).not.toMatch(/@[A-Za-z0-9]/);
        expect(cell).not.toMatch(/<|>/);
        expect(cell).not.toMatch(/#\d/);
        expect(cell).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('fence: the content can never close the fence, and markers are defused', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const block = fence(s);
        const lines = block.split('\n');
        const open = lines[0]!.match(/^`+/)![0];
        expect(lines.at(-1)).toBe(open);
        for (const line of lines.slice(1, -1)) expect(line.startsWith(open)).toBe(false);
        expect(block).not.toContain('<!--');
      }),
      { numRuns: 1000 },
    );
  });

  it('code: a single span on one line that its content cannot end', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const span = code(s, 10_000);
        const ticks = span.match(/^`+/)![0];
        expect(span.endsWith(ticks)).toBe(true);
        expect(span.slice(ticks.length, -ticks.length)).not.toContain(ticks);
        expect(span).not.toMatch(/[\r\n|]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('safeFileName: never empty, no separators, no .., no controls, bounded', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const name = safeFileName(s);
        expect(name.length).toBeGreaterThan(0);
        expect(name.length).toBeLessThanOrEqual(80);
        expect(name).not.toMatch(/[\\/\u0000-\u001f]/);
        expect(name).not.toContain('..');
        expect(name.startsWith('.')).toBe(false);
        expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
      }),
      { numRuns: 1000 },
    );
  });

  it('uniqueFileNames: distinct ids never share a file name, case-insensitively', () => {
    fc.assert(
      fc.property(fc.uniqueArray(mixed, { maxLength: 20 }), (ids) => {
        const names = [...uniqueFileNames(ids).values()].map((n) => n.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
      }),
      { numRuns: 500 },
    );
    expect(uniqueFileNames(['a/b', 'a_b']).get('a/b')).not.toBe(uniqueFileNames(['a/b', 'a_b']).get('a_b'));
  });

  it('no helper lets through a bidi or control character or one of our markers; text helpers no mention or tag', () => {
    const bidi = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/;
    fc.assert(
      fc.property(mixed, (s) => {
        for (const out of [mdText(s, 10_000), mdCell(s, 10_000), code(s, 10_000), fence(s), oneLine(s, 10_000)]) {
          expect(out).not.toMatch(bidi);
          expect(out).not.toContain('<!-- e2e-triage');
        }
        for (const out of [mdText(s, 10_000), oneLine(s, 10_000)]) {
          expect(out).not.toMatch(/@[A-Za-z0-9]/);
          expect(out).not.toMatch(/#\d/);
        }
        expect(mdText(s, 10_000)).not.toMatch(/<script|<[A-Za-z!/]/i);
        expect(oneLine(s, 10_000)).not.toMatch(/[\r\n]|<!--|-->/);
      }),
      { numRuns: 1000 },
    );
  });

  it('mermaidLabel keeps only safe characters', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        expect(mermaidLabel(s)).toMatch(/^[A-Za-z0-9 _.-]+$/);
      }),
      { numRuns: 500 },
    );
  });

  it('defangs mentions and references in text, and caps long fields visibly', () => {
    expect(mdText('hi @everyone see #12 and GH-3')).toBe('hi @\u200beveryone see \\#\u200b12 and GH-\u200b3');
    // A link to another repository's issue or pull request would add a cross-reference to that thread.
    expect(mdText('see https://github.com/acme/widgets/issues/7 and https://github.com/a/b/pull/9')).toBe(
      'see https://github.com\u200b/acme/widgets/issues/7 and https://github.com\u200b/a/b/pull/9',
    );
    expect(mdText('docs at https://github.com/acme/widgets/blob/main/README.md')).toBe(
      'docs at https://github.com/acme/widgets/blob/main/README.md',
    );
    expect(truncate('x'.repeat(10), 4)).toBe('xxxx… [truncated 6 characters]');
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('')).toMatch(/^test_[0-9a-f]{8}$/);
  });
});
