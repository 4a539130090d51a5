// render: the result model in, every file of the analysis folder out, as text. Pure.

import type { TriageResult } from '../model.js';
import { UsageError } from '../errors.js';
import { shortHash } from './escape.js';
import { renderIssues, type IssueMode } from './issues.js';
import fileIssuesScript from './templates/file_issues.sh';
import { template, tidy } from './templates.js';
import { DEFAULT_LABEL, buildView } from './view-model.js';

export { renderSummary, type SummaryLinks, type SummaryOptions, type SummaryTier } from './summary.js';
export type { IssueMode };

export interface RenderedFile {
  /** Relative POSIX path inside the analysis folder. */
  path: string;
  content: string;
  executable?: boolean;
}

export interface RenderOptions {
  issueMode: IssueMode;
  /** The label every filed issue gets (default 'e2e-triage'); category labels come with it. */
  label?: string;
}

/** GitHub's limits: comment bodies in characters, the job summary in bytes per step. */
export const LIMITS = { prComment: 65_536, jobSummary: 1_048_576 } as const;

export function renderAnalysis(result: TriageResult, options: RenderOptions): RenderedFile[] {
  const view = buildView(result, issueLabel(options.label));
  const epicFingerprint = shortHash(
    `epic\u0000${result.batch.source}\u0000${result.batch.startedAt ?? ''}\u0000${result.summary.total}`,
    16,
  );
  const files: RenderedFile[] = [
    { path: 'README.md', content: tidy(template('readme')(view)) },
    { path: 'analysis.md', content: tidy(template('analysis')(view)) },
    { path: 'failures/summary.md', content: tidy(template('failuresSummary')(view)) },
  ];
  if (view.large) files.push({ path: 'results.md', content: tidy(template('results')(view)) });
  for (const page of view.failurePages) {
    files.push({ path: `failures/${page.fileName}.md`, content: tidy(template('failure')(page)) });
  }
  files.push({ path: 'issues/epic.md', content: tidy(template('epic')({ ...view, epicFingerprint })) });
  files.push({ path: 'issues/epic-analysis.md', content: tidy(template('epicAnalysis')(view)) });
  for (const issue of renderIssues(result, view, options.issueMode)) {
    files.push({ path: `issues/${issue.name}`, content: issue.content });
  }
  files.push({ path: 'file_issues.sh', content: fileIssuesScript, executable: true });
  files.push({ path: 'triage.json', content: `${JSON.stringify(result, null, 2)}\n` });
  return files;
}

/** The script accepts only these label characters (it skips others), so a bad label is refused here, early. */
function issueLabel(label: string | undefined): string {
  if (label === undefined || label === '') return DEFAULT_LABEL;
  if (!/^[A-Za-z0-9 _.:-]{1,50}$/.test(label) || label.trim() !== label) {
    throw new UsageError(
      `label ${JSON.stringify(label)}: use 1 to 50 letters, digits, spaces or _ . : - (no leading or trailing space)`,
    );
  }
  return label;
}
