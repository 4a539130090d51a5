// render: the result model in, every file of the analysis folder out, as text. Pure.

import type { TriageResult } from '../model.js';
import { UsageError } from '../errors.js';
import { shortHash } from './escape.js';
import { knownIssueComments, rootCauseIssues, testIssue, type IssueMode } from './issues.js';
import fileIssuesScript from './templates/file_issues.sh';
import { template } from './templates.js';
import { renderDeferring, type Deferred } from './joining-each.js';
import { Tidier, tidy } from './tidy.js';
import { triageJsonParts } from './triage-json.js';
import { DEFAULT_LABEL, buildView, testPages } from './view-model.js';

export { renderHistoryIndex } from './history-index.js';
export { statisticsLine } from './view-history.js';
export {
  renderSummary,
  renderSummaryFrom,
  summaryView,
  type RenderedSummary,
  type SummaryLinks,
  type SummaryOptions,
  type SummaryTier,
  type SummaryView,
} from './summary.js';
export { triageJsonParts };
export type { IssueMode };

export interface RenderedFile {
  /** Relative POSIX path inside the analysis folder. */
  path: string;
  content: string;
  executable?: boolean;
}

/** A file too large to hold as one string (triage.json of a big batch): its text, piece by piece. */
export interface StreamedFile {
  path: string;
  parts: () => Iterable<string>;
  executable?: boolean;
  /**
   * Its parts may be written in the gaps of the files that follow it: while their short pages wait for the disk
   * (local-files.ts). Its text does not depend on them.
   */
  background?: boolean;
}

export type OutputFile = RenderedFile | StreamedFile;

export interface RenderOptions {
  issueMode: IssueMode;
  /** The label every filed issue gets (default 'e2e-triage'); category labels come with it. */
  label?: string;
  /** Called before the summary pages and again before the per-test ones (AnalyzeOptions.collectGarbage). */
  collectGarbage?: () => void;
}

/** GitHub's limits: comment bodies in characters, the job summary in bytes per step. */
export const LIMITS = { prComment: 65_536, jobSummary: 1_048_576 } as const;

/**
 * Every file of the analysis folder, rendered one at a time as the caller asks for it, so a writer can
 * hold one page at a time instead of all 20,000 of a 10,000-test batch. triage.json is streamed, in the
 * per-test pages' gaps where the writer can.
 */
export function* renderFiles(result: TriageResult, options: RenderOptions): Generator<OutputFile> {
  const label = issueLabel(options.label);
  options.collectGarbage?.();
  yield* summaryPages(result, label);
  options.collectGarbage?.();
  // Before the per-test pages: a 10,000-test run's analysis thread otherwise waited some 0.5 s for their files'
  // creation, then wrote triage.json alone (bench/notes.md).
  yield { path: 'triage.json', parts: () => triageJsonParts(result), background: true };
  for (const { page, failing, known } of testPages(result, label)) {
    if (failing) yield { path: `failures/${page.fileName}.md`, content: tidy(template('failure')(page)) };
    // A failure a known-issue rule matched gets no issue of its own: its known issue gets a comment instead.
    if (options.issueMode === 'per-test' && !known) {
      const issue = testIssue(result, page);
      yield { path: `issues/${issue.name}`, content: issue.content };
    }
  }
  if (options.issueMode === 'per-root-cause') {
    for (const issue of rootCauseIssues(result, label)) yield { path: `issues/${issue.name}`, content: issue.content };
  }
  for (const comment of knownIssueComments(result)) {
    yield { path: `issues/${comment.name}`, content: comment.content };
  }
  yield { path: 'rerun.txt', content: rerunText(result.rerun.tests) };
  yield { path: 'file_issues.sh', content: fileIssuesScript, executable: true };
}

/**
 * The pages of the whole batch, from one view of it. A generator of their own, so that the view (a row for every
 * test: some 12 MB live at 10,000 tests) dies with it, before the per-test pages.
 */
function* summaryPages(result: TriageResult, label: string): Generator<OutputFile> {
  const view = buildView(result, label);
  const epicFingerprint = shortHash(
    `epic\u0000${result.batch.source}\u0000${result.batch.startedAt ?? ''}\u0000${result.summary.total}`,
    16,
  );
  yield streamedPage('README.md', () => template('readme')(view));
  yield streamedPage('analysis.md', () => template('analysis')(view));
  yield streamedPage('failures/summary.md', () => template('failuresSummary')(view));
  if (view.large) yield streamedPage('results.md', () => template('results')(view));
  yield streamedPage('issues/epic.md', () => template('epic')({ ...view, epicFingerprint }));
  yield streamedPage('issues/epic-analysis.md', () => template('epicAnalysis')(view));
}

/**
 * A summary page, tidied. Its long tables (a row per test) are rendered as the page is written, a stretch of
 * rows at a time: held whole, the summary pages of a 100,000-test batch were some 60 MB of text at once, twice
 * while each was flattened to be written (bench/notes.md).
 */
function streamedPage(path: string, render: () => string): OutputFile {
  const { text, deferred } = renderDeferring(render);
  if (deferred.length === 0) return { path, content: tidy(text) };
  return { path, parts: () => pageParts(path, text, deferred) };
}

function* pageParts(path: string, text: string, deferred: readonly Deferred[]): Generator<string> {
  const tidier = new Tidier();
  let from = 0;
  for (const { token, stretches } of deferred) {
    const at = text.indexOf(token, from);
    if (at === -1) throw new Error(`${path}: a table's place was lost while rendering`);
    yield tidier.push(text.slice(from, at));
    for (const stretch of stretches()) yield tidier.push(stretch);
    from = at + token.length;
  }
  yield tidier.push(text.slice(from));
  yield tidier.end();
}

/** The whole text of a file, streamed or not. */
export function fileText(file: OutputFile): string {
  return 'content' in file ? file.content : [...file.parts()].join('');
}

/** Every file with its whole text, held at once: for small analyses and tests (writers stream instead). */
export function materialize(files: Iterable<OutputFile>): RenderedFile[] {
  return Array.from(files, (f) => ({
    path: f.path,
    content: fileText(f),
    ...(f.executable ? { executable: true } : {}),
  }));
}

export function renderAnalysis(result: TriageResult, options: RenderOptions): RenderedFile[] {
  return materialize(renderFiles(result, options));
}

/** The script accepts only these label characters (it skips others), so a bad label is refused early. */
export function issueLabel(label: string | undefined): string {
  if (label === undefined || label === '') return DEFAULT_LABEL;
  if (!/^[A-Za-z0-9 _.:-]{1,50}$/.test(label) || label.trim() !== label) {
    throw new UsageError(
      `label ${JSON.stringify(label)}: use 1 to 50 letters, digits, spaces or _ . : - (no leading or trailing space)`,
    );
  }
  return label;
}

/**
 * One id a line, natural order, empty when nothing needs a re-run. An id is artifact text: a line break in one
 * would read as two ids, so breaks and other controls are written as escapes.
 */
export function rerunText(ids: readonly string[]): string {
  return ids.map((id) => `${id.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1))}\n`).join('');
}
