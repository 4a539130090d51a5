// Every rendered file of the hostile batch, read the way GitHub reads markdown: outside code, nothing from the
// artifact pings, links an issue, opens HTML or poses as one of our markers; nowhere is a bidi or control char.

import { describe, expect, it } from 'vitest';

import { renderAnalysis, renderSummary, type RenderedFile } from '../../src/render/index.js';
import { fixture } from './support/fixtures.js';

/** Markdown with fenced blocks and code spans removed: what GitHub would parse for mentions, refs and HTML. */
function outsideCode(markdown: string): string {
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    // CommonMark: a backtick fence opens only if its info string has no backtick (else it is a code span);
    // it closes on a line of at least as many backticks.
    const ticks = /^ {0,3}(`{3,})[^`]*$/.exec(line)?.[1];
    if (fence) {
      if (ticks && ticks.length >= fence.length && line.trim() === ticks) fence = null;
      continue;
    }
    if (ticks) {
      fence = ticks;
      continue;
    }
    kept.push(withoutSpans(line));
  }
  expect(fence, 'a fence is left open').toBeNull();
  return kept.join('\n');
}

function withoutSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    // A backslash-escaped backtick is text, not a span opener.
    if (line[i] === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (line[i] !== '`') {
      out += line[i];
      i++;
      continue;
    }
    const run = /^`+/.exec(line.slice(i))![0];
    const close = line.slice(i + run.length).search(new RegExp(`(?<!\`)${run}(?!\`)`));
    if (close < 0) {
      out += run;
      i += run.length;
      continue;
    }
    i += run.length + close + run.length;
  }
  return out;
}

const OUR_MARKER = /^<!-- e2e-triage:(fingerprint=[0-9a-f]{16}|labels=[A-Za-z0-9 _.:,-]+|summary=.*|comment) -->$/;

function checkFile(file: RenderedFile): void {
  const where = file.path;
  expect(file.content, where).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
  const lines = file.content.split('\n');
  const isIssue = file.path.startsWith('issues/') && file.path !== 'issues/epic-analysis.md';
  for (const [n, line] of lines.entries()) {
    if (!line.includes('<!--')) continue;
    // Our markers: the lines right under an issue's title, or the sticky-comment marker at the very end.
    const header = isIssue && n >= 1 && n <= 3;
    const last = file.path.endsWith('comment.md') && n === lines.length - 2;
    expect(header || last, `${where}:${n + 1}: ${line.slice(0, 80)}`).toBe(true);
    expect(line, `${where}:${n + 1}`).toMatch(OUR_MARKER);
    if (line.includes('summary=')) expect(line.slice(4, -3)).not.toMatch(/<!--|-->/);
  }
  // The title line goes to gh as plain text (GitHub does not render HTML in titles); it must not hide anything.
  const text = outsideCode(isIssue ? lines.slice(1).join('\n') : file.content).replace(
    /<!-- e2e-triage:[^\n]* -->/g,
    '',
  );
  expect(text, where).not.toMatch(/<(?!\/?sub>)[A-Za-z!/?]/);
  expect(text, where).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
  expect(text, where).not.toMatch(/(^|[^\\\w&])#\d/m);
  expect(text, where).not.toMatch(/\bGH-\d/i);
  if (isIssue) {
    expect(lines[0], where).toMatch(/^# \S/);
    expect(lines[0], where).not.toMatch(/<!--|-->|@[A-Za-z0-9]|#\d/);
  }
}

describe('hostile batch: every rendered file', () => {
  const result = fixture('hostile');

  it('per-test and per-root-cause folders are safe to publish', () => {
    for (const mode of ['per-test', 'per-root-cause'] as const) {
      const files = renderAnalysis(result, { issueMode: mode });
      for (const file of files.filter((f) => f.path.endsWith('.md'))) checkFile(file);
      // Names stay inside their folder, and the hostile ids got plain file names.
      for (const file of files) expect(file.path).toMatch(/^([a-z]+\/)?[A-Za-z0-9._-]+$/);
      const script = files.find((f) => f.path === 'file_issues.sh')!;
      for (const t of result.tests) expect(script.content).not.toContain(t.testId);
      expect(script.content).not.toContain('e2e-triage-pwned');
    }
  });

  it('the summary too, at every tier', () => {
    for (const limit of [65_536, 3_000, 1_200, 400]) {
      const { markdown } = renderSummary(result, {
        limit,
        marker: '<!-- e2e-triage:comment -->',
        links: { analysisUrl: 'https://github.com/a/b/blob/0/runs/x' },
      });
      checkFile({ path: 'comment.md', content: markdown });
    }
  });

  it('keeps the 200 KB error readable but bounded, with a visible note', () => {
    const files = renderAnalysis(result, { issueMode: 'per-test' });
    const page = files.find((f) => f.path === 'failures/etc_passwd.md')!.content;
    expect(page.length).toBeLessThan(25_000);
    expect(page).toContain('… [truncated 180014 characters]');
    for (const f of files.filter((x) => x.path.endsWith('.md'))) expect(f.content.length).toBeLessThan(30_000);
  });

  it('filed file names never collide, even for ids that clean up to the same name', () => {
    const files = renderAnalysis(result, { issueMode: 'per-test' }).filter((f) => f.path.startsWith('issues/'));
    const lower = files.map((f) => f.path.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    expect(files.filter((f) => /^issues\/a_b-[0-9a-f]{8}\.md$/.test(f.path))).toHaveLength(2);
  });
});
