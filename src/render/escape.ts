// Escaping for every context artifact text lands in. Each helper is named for its context; nothing from the
// artifact is ever written anywhere without passing through one of them.

import { shortHash } from '../util/short-hash.js';

export { shortHash };

/** Our hidden markers: artifact text must never be able to forge or hide one. */
export const MARKER_PREFIX = 'e2e-triage:';
const MARKER_LIKE = /<!--[\s\S]*?-->|<!--|-->/g;
const BIDI_AND_CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const ZWSP = '\u200b';

// Most fields (ids, names, timestamps, plain messages) need none of the escaping below, and a dozen regex
// passes over every field of 10,000 pages was a fifth of rendering. Each test matches a superset of what the
// escaping would change, so a field it does not match is returned as it is, exactly as escaping would have.
/** What mdText would change: controls and bidi, markdown and HTML punctuation, list or heading starts, pings. */
const MD_SPECIAL =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff<>&\\`*_{}[\]()#|~@]|^\s*[-+=]|^\s*\d+\.|gh-\d|github\.com\//i;
/** What code would change: controls and bidi, marker brackets, pipes, backticks. */
const CODE_SPECIAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff<>|`]/;
/** What defang would change. */
const MAY_PING = /[@#]|gh-|github\.com/i;
/** A link to an issue, pull request or discussion: on GitHub it adds a cross-reference to that thread. */
const THREAD_URL = /(github\.com)(?=\/[^\s/]+\/[^\s/]+\/(?:issues|pull|discussions)\/\d)/gi;

/** Removes control and bidi characters (they can reorder or hide text) but keeps newlines and tabs. */
export function stripControls(text: string): string {
  return text.replace(BIDI_AND_CONTROL, '');
}

/** Caps a long field with a visible note of what was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut}… [truncated ${text.length - max} characters]`;
}

/**
 * @mentions, #123, GH-123 and links to issues or pull requests would notify people or reference their threads:
 * a zero-width space breaks them.
 */
export function defang(text: string): string {
  if (!MAY_PING.test(text)) return text;
  return text
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(THREAD_URL, `$1${ZWSP}`);
}

/** Markdown text (a paragraph or list item), one logical line: newlines become spaces. */
export function mdText(text: string, max = 2000): string {
  if (text.length <= max && !MD_SPECIAL.test(text)) return text;
  const clean = truncate(stripControls(text), max)
    .replace(MARKER_LIKE, '')
    .replace(/\r?\n|\r/g, ' ');
  const escaped = clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#|~])/g, '\\$1')
    // A line start that would open a list or a heading rule: escape the punctuation (`\1.` would print the `\`).
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
  return defang(escaped);
}

/** A markdown table cell: like mdText, and never breaks the row. */
export function mdCell(text: string | null | undefined, max = 200): string {
  if (text === null || text === undefined || text === '') return '';
  return mdText(text, max);
}

/** Inline code: a backtick run longer than any inside, never spanning lines. */
export function code(text: string, max = 200): string {
  if (text !== '' && text.length <= max && !CODE_SPECIAL.test(text)) return `\`${text}\``;
  const clean = truncate(stripControls(text), max)
    .replace(MARKER_LIKE, '')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\|/g, '¦');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function fence(text: string, max = 20_000, info = 'text'): string {
  const clean = truncate(stripControls(text), max).replace(MARKER_LIKE, (m) => m.replace('<!--', '<!- -'));
  const longest = Math.max(0, ...[...clean.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${info}\n${clean.replace(/\r\n?/g, '\n')}\n${ticks}`;
}

/** A label inside a mermaid chart: mermaid has no escaping worth trusting, so only safe characters stay. */
export function mermaidLabel(text: string, max = 40): string {
  const safe = stripControls(text)
    .replace(/[^A-Za-z0-9 _.-]/g, '')
    .trim();
  return (safe.length > max ? safe.slice(0, max) : safe) || 'unnamed';
}

const MAX_NAME = 80;

/**
 * A file name from a test id: only [A-Za-z0-9._-] (a name is also a URL segment, a shell word and a git path),
 * no `..`, no leading dot or dash, no trailing dot; never empty; bounded. Distinct ids can meet here: see
 * uniqueFileNames.
 */
export function safeFileName(id: string): string {
  let name = stripControls(id)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^[._-]+/, '');
  if (name.length > MAX_NAME) name = name.slice(0, MAX_NAME);
  name = name.replace(/[._]+$/, '');
  if (name === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(name)) name = `test_${shortHash(id)}`;
  return name;
}

/** safeFileName for a whole batch: two ids that map to the same name get a hash suffix each. */
export function uniqueFileNames(ids: readonly string[]): Map<string, string> {
  // Each name made once: five regular expressions over every id of the batch.
  const names = ids.map(safeFileName);
  const counts = new Map<string, number>();
  for (const name of names) {
    const key = name.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const reserved = new Set([
    'epic',
    'summary',
    'epic-analysis',
    'model-failures',
    'framework-bugs-without-error',
    'infrastructure-without-error',
    'unknown-outcome',
  ]);
  return new Map(
    ids.map((id, i) => {
      const name = names[i]!;
      const clash =
        (counts.get(name.toLowerCase()) ?? 0) > 1 || reserved.has(name.toLowerCase()) || name.startsWith('root-cause-');
      return [id, clash ? `${name.slice(0, MAX_NAME - 9)}-${shortHash(id)}` : name];
    }),
  );
}

/**
 * Markdown the team wrote (a known issue's `fix` in the config): kept as markdown, on one line, without
 * controls or anything that could forge one of our markers, and without @mentions that would ping on every batch.
 */
export function configMarkdown(text: string, max = 600): string {
  const clean = truncate(stripControls(text), max)
    .replace(MARKER_LIKE, '')
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim();
  return clean.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`);
}
