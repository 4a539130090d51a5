// The PR comment and the job summary: one text, fitted to the surface's limit in tiers (everything; failures
// capped; counts and links only) and saying what it left out. Never longer than the limit, marker included.

import type { TriageResult } from '../model.js';
import { mdText } from './escape.js';
import { template } from './templates.js';
import { tidy } from './tidy.js';
import { buildView, type View } from './view-model.js';

export interface SummaryLinks {
  analysisUrl?: string;
  artifactUrl?: string;
  runUrl?: string;
}

export interface SummaryOptions {
  limit: number;
  links?: SummaryLinks;
  marker?: string;
  /** Measure the limit in UTF-8 bytes (job summary) rather than characters (comments). */
  bytes?: boolean;
}

export type SummaryTier = 'full' | 'failures' | 'counts';

const FULL_FAILURE_ROWS = 250;
const CAPPED_FAILURE_ROWS = 50;
const TOP_ROOT_CAUSES = 10;
const MASKED_LISTED = 50;

/**
 * What the summary shows of a batch: the parts of the analysis's view its template reads. A few kilobytes plus
 * the rows of the failing and masked tests, where the tests themselves are tens of megabytes: the action keeps
 * this, not the tests, through the artifact upload, where it peaks (main.ts).
 */
export type SummaryView = Pick<
  View,
  | 'title'
  | 'headline'
  | 'statsLine'
  | 'hasRedactions'
  | 'redactedList'
  | 'redactedTotal'
  | 'known'
  | 'categories'
  | 'pie'
  | 'hasMasked'
  | 'masked'
  | 'comparison'
  | 'hasHistory'
  | 'history'
  | 'failureRows'
  | 'rootCauses'
>;

export function summaryView(result: TriageResult): SummaryView {
  const v = buildView(result);
  return {
    title: v.title,
    headline: v.headline,
    statsLine: v.statsLine,
    hasRedactions: v.hasRedactions,
    redactedList: v.redactedList,
    redactedTotal: v.redactedTotal,
    known: v.known,
    categories: v.categories,
    pie: v.pie,
    hasMasked: v.hasMasked,
    masked: v.masked,
    comparison: v.comparison,
    hasHistory: v.hasHistory,
    history: v.history,
    failureRows: v.failureRows,
    rootCauses: v.rootCauses,
  };
}

export function renderSummary(result: TriageResult, options: SummaryOptions): RenderedSummary {
  return renderSummaryFrom(summaryView(result), options);
}

export interface RenderedSummary {
  markdown: string;
  tier: SummaryTier;
  omitted: string[];
}

export function renderSummaryFrom(view: SummaryView, options: SummaryOptions): RenderedSummary {
  const marker = options.marker ? `\n${options.marker}\n` : '';
  const size = options.bytes ? (s: string) => new TextEncoder().encode(s).length : (s: string) => s.length;
  const links = linkLines(options.links ?? {});
  const base = safeUrl(options.links?.analysisUrl);
  for (const tier of ['full', 'failures', 'counts'] as const) {
    const { text, omitted } = renderTier(view, tier, links, base);
    if (size(text) + size(marker) <= options.limit) return { markdown: text + marker, tier, omitted };
  }
  // Even the counts do not fit (a tiny limit): cut at a line end, drop a fence the cut would leave open (half
  // a chart is a broken chart), say so, keep the marker last.
  const { text, omitted } = renderTier(view, 'counts', links, base);
  const note = '\n_… cut to fit the limit._\n';
  const room = options.limit - size(marker);
  if (room < 0) return { markdown: '', tier: 'counts', omitted: ['everything: the limit is smaller than the marker'] };
  let cut = text;
  while (cut !== '' && size(cut) + size(note) > room) {
    const lineEnd = cut.lastIndexOf('\n', Math.min(cut.length - 2, Math.floor(cut.length * 0.9)));
    cut = lineEnd > 0 ? cut.slice(0, lineEnd + 1) : '';
  }
  const fences = [...cut.matchAll(/^```/gm)];
  if (fences.length % 2 === 1) cut = cut.slice(0, fences.at(-1)!.index);
  else cut += cutProse(text.slice(cut.length), room - size(cut) - size(note), size);
  const ending = size(cut) + size(note) <= room ? note : '';
  return { markdown: `${cut}${ending}${marker}`, tier: 'counts', omitted: [...omitted, 'the end of the summary'] };
}

/** Less of a line than this says nothing: `6000 of 10000 tests passed` is 26 characters. */
const MIN_PROSE = 20;

/**
 * As much of the next line as fits, cut at a space and marked with an ellipsis, when that line is prose: the
 * headline (how many tests passed) can be longer than a tiny limit leaves, and is the one fact worth keeping.
 * Never a table row, a fence, a heading or HTML, which half a line would break.
 */
function cutProse(rest: string, room: number, size: (s: string) => number): string {
  const line = rest.replace(/^\n+/, '').split('\n', 1)[0]!;
  if (!/^[\p{L}\p{N}]/u.test(line)) return '';
  const blank = rest.length - rest.replace(/^\n+/, '').length;
  for (let end = line.lastIndexOf(' '); end >= MIN_PROSE; end = line.lastIndexOf(' ', end - 1)) {
    const piece = `${'\n'.repeat(blank)}${line.slice(0, end)} …\n`;
    if (size(piece) <= room) return piece;
  }
  return '';
}

function renderTier(
  view: SummaryView,
  tier: SummaryTier,
  links: string[],
  base: string | null,
): { text: string; omitted: string[] } {
  const omitted: string[] = [];
  let failures = view.failureRows;
  let showFailures = tier !== 'counts' && failures.length > 0;
  const limitRows = tier === 'full' ? FULL_FAILURE_ROWS : CAPPED_FAILURE_ROWS;
  if (showFailures && failures.length > limitRows) {
    omitted.push(`${failures.length - limitRows} of ${failures.length} failures in the table`);
    failures = failures.slice(0, limitRows);
  }
  if (tier === 'counts' && view.failureRows.length > 0) {
    omitted.push('the failures table');
    showFailures = false;
  }
  let rootCauses = view.rootCauses.slice(0, tier === 'counts' ? 0 : tier === 'failures' ? 5 : TOP_ROOT_CAUSES);
  if (view.rootCauses.length > rootCauses.length)
    omitted.push(`${view.rootCauses.length - rootCauses.length} root causes`);
  if (tier === 'counts') rootCauses = [];
  const masked = view.masked.map((r) => r.idCell);
  const maskedShown = tier === 'counts' ? [] : masked.slice(0, MASKED_LISTED);
  if (masked.length > maskedShown.length)
    omitted.push(`${masked.length - maskedShown.length} masked passes from the list`);
  const comparison =
    tier === 'counts' ? { ...view.comparison, lists: [], rootCauses: [], hasRootCauses: false } : view.comparison;
  const note =
    omitted.length > 0 ? `Left out to fit: ${omitted.join('; ')}. Everything is in the committed analysis.` : '';
  const text = tidy(
    template('summary')({
      ...view,
      comparison,
      topRootCauses: rootCauses,
      maskedList:
        maskedShown.length > 0
          ? `${masked.length} test(s): ${maskedShown.join(', ')}${masked.length > maskedShown.length ? ', …' : ''}`
          : `${masked.length} test(s)`,
      showFailures,
      // With the analysis URL, each failing test links to its page in the committed folder.
      failures: base ? failures.map((r) => ({ ...r, idCell: `[${r.idCell}](${base}/${r.link})` })) : failures,
      links,
      omitted: mdText(note, 1000),
    }),
  );
  return { text, omitted };
}

function linkLines(links: SummaryLinks): string[] {
  const out: string[] = [];
  const url = safeUrl;
  const base = url(links.analysisUrl);
  if (base) {
    out.push(
      `[Analysis](${base}/README.md) · [analysis.md](${base}/analysis.md) · [Failures](${base}/failures/summary.md) · [triage.json](${base}/triage.json)`,
    );
  }
  const artifact = url(links.artifactUrl);
  if (artifact)
    out.push(
      `[file_issues.sh and the issue bodies](${artifact}) (artifact): unzip, then \`bash file_issues.sh --dry-run\`; nothing is filed until a person runs it`,
    );
  const run = url(links.runUrl);
  if (run) out.push(`[Workflow run](${run})`);
  return out;
}

/** Only a plain http(s) URL can go into a markdown link: nothing that closes the link or opens HTML. */
function safeUrl(u: string | undefined): string | null {
  return u && /^https?:\/\/[^\s()<>]+$/.test(u) ? u.replace(/\/+$/, '') : null;
}
