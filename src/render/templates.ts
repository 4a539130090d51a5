// The shipped templates, compiled once in strict mode (a missing field is a bug, not an empty string).
// HTML escaping is off on purpose: the view model escapes every field for markdown, per context.
// Only these files are ever compiled; artifact text is data and never a template.

import Handlebars from 'handlebars';

import { joiningEach } from './joining-each.js';
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

/** Also the options scripts/bundle-lib.mjs precompiles the bundles' templates with; a mismatch throws. */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: true, preventIndent: true } as const;

type Source = (typeof SOURCES)[TemplateName];

let hbs: typeof Handlebars | null = null;
const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

/** Text is compiled (tests); a precompiled template (the bundles) only needs the runtime: no compiling at start. */
function load(source: Source): Handlebars.TemplateDelegate {
  if (typeof source === 'string') return hbs!.compile(source, TEMPLATE_OPTIONS);
  if (JSON.stringify(source.options) !== JSON.stringify(TEMPLATE_OPTIONS))
    throw new Error('the bundled templates were precompiled with other options: run npm run bundle');
  return hbs!.template(source.spec);
}

export function template(name: TemplateName): Handlebars.TemplateDelegate {
  if (!hbs) {
    hbs = Handlebars.create();
    hbs.registerHelper('each', joiningEach(hbs));
    const partials = {
      comparison,
      excluded,
      history,
      'known-issues': knownIssues,
      metrics,
      'next-steps': nextSteps,
      redacted,
      'root-causes': rootCauses,
      table,
    };
    for (const [key, source] of Object.entries(partials))
      hbs.registerPartial(key, typeof source === 'string' ? source : load(source));
  }
  let delegate = compiled.get(name);
  if (!delegate) compiled.set(name, (delegate = load(SOURCES[name])));
  return delegate;
}
