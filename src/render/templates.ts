// The shipped templates, compiled once in strict mode (a missing field is a bug, not an empty string).
// HTML escaping is off on purpose: the view model escapes every field for markdown, per context.
// Only these files are ever compiled; artifact text is data and never a template.

import Handlebars from 'handlebars';

import analysis from './templates/analysis.md.hbs';
import epicAnalysis from './templates/epic-analysis.md.hbs';
import epic from './templates/epic.md.hbs';
import failure from './templates/failure.md.hbs';
import failuresSummary from './templates/failures-summary.md.hbs';
import historyIndex from './templates/history-index.md.hbs';
import issueRootCause from './templates/issue-root-cause.md.hbs';
import issueTest from './templates/issue-test.md.hbs';
import knownIssueComment from './templates/known-issue-comment.md.hbs';
import comparison from './templates/partials/comparison.hbs';
import excluded from './templates/partials/excluded.hbs';
import history from './templates/partials/history.hbs';
import knownIssues from './templates/partials/known-issues.hbs';
import metrics from './templates/partials/metrics.hbs';
import nextSteps from './templates/partials/next-steps.hbs';
import redacted from './templates/partials/redacted.hbs';
import rootCauses from './templates/partials/root-causes.hbs';
import table from './templates/partials/table.hbs';
import readme from './templates/readme.md.hbs';
import results from './templates/results.md.hbs';
import summary from './templates/summary.md.hbs';

const SOURCES = {
  readme,
  results,
  analysis,
  failuresSummary,
  failure,
  epic,
  epicAnalysis,
  issueTest,
  issueRootCause,
  knownIssueComment,
  summary,
  historyIndex,
};

export type TemplateName = keyof typeof SOURCES;

let compiled: Record<TemplateName, Handlebars.TemplateDelegate> | null = null;

export function template(name: TemplateName): Handlebars.TemplateDelegate {
  if (!compiled) {
    const hbs = Handlebars.create();
    hbs.registerPartial({
      comparison,
      excluded,
      history,
      'known-issues': knownIssues,
      metrics,
      'next-steps': nextSteps,
      redacted,
      'root-causes': rootCauses,
      table,
    });
    const options = { strict: true, noEscape: true, preventIndent: true } as const;
    compiled = Object.fromEntries(
      Object.entries(SOURCES).map(([key, source]) => [key, hbs.compile(source, options)]),
    ) as Record<TemplateName, Handlebars.TemplateDelegate>;
  }
  return compiled[name];
}

/**
 * Templates keep blank lines readable; collapse the runs that #if blocks leave behind, but never inside a
 * fenced block: an error's own blank lines are part of the quote.
 */
export function tidy(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const ticks = /^(`{3,})[^`]*$/.exec(line)?.[1];
    if (fence === null && ticks) fence = ticks;
    else if (fence !== null && ticks && ticks.length >= fence.length && line === ticks) fence = null;
    else if (fence === null && line === '' && out.length > 0 && out.at(-1) === '') continue;
    out.push(line);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
