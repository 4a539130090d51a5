// The shipped templates as Handlebars itself compiles and runs them (strict, no escaping, our `each`): the
// reference the compiled templates are held to (template-compiler.test.ts).

import Handlebars from 'handlebars';

import { joiningEach } from '../../../src/render/joining-each.js';
import type { TemplateName } from '../../../src/render/templates.js';
import analysis from '../../../src/render/templates/analysis.md.hbs';
import epicAnalysis from '../../../src/render/templates/epic-analysis.md.hbs';
import epic from '../../../src/render/templates/epic.md.hbs';
import failure from '../../../src/render/templates/failure.md.hbs';
import failuresSummary from '../../../src/render/templates/failures-summary.md.hbs';
import historyIndex from '../../../src/render/templates/history-index.md.hbs';
import issueRootCause from '../../../src/render/templates/issue-root-cause.md.hbs';
import issueTest from '../../../src/render/templates/issue-test.md.hbs';
import knownIssueComment from '../../../src/render/templates/known-issue-comment.md.hbs';
import comparison from '../../../src/render/templates/partials/comparison.hbs';
import excluded from '../../../src/render/templates/partials/excluded.hbs';
import history from '../../../src/render/templates/partials/history.hbs';
import knownIssues from '../../../src/render/templates/partials/known-issues.hbs';
import metrics from '../../../src/render/templates/partials/metrics.hbs';
import nextSteps from '../../../src/render/templates/partials/next-steps.hbs';
import redacted from '../../../src/render/templates/partials/redacted.hbs';
import rootCauses from '../../../src/render/templates/partials/root-causes.hbs';
import table from '../../../src/render/templates/partials/table.hbs';
import readme from '../../../src/render/templates/readme.md.hbs';
import results from '../../../src/render/templates/results.md.hbs';
import summary from '../../../src/render/templates/summary.md.hbs';

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

const SOURCES: Record<TemplateName, unknown> = {
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

const PARTIALS: Record<string, unknown> = {
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

/** `template()` of src/render/templates.ts, through Handlebars compiled with `options` (its TEMPLATE_OPTIONS). */
export function handlebarsTemplates(options: CompileOptions): (name: TemplateName) => (view: unknown) => string {
  const instance = Handlebars.create();
  instance.registerHelper('each', joiningEach(instance));
  for (const [name, source] of Object.entries(PARTIALS)) instance.registerPartial(name, source as string);
  const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();
  return (name) => {
    let delegate = compiled.get(name);
    if (!delegate) compiled.set(name, (delegate = instance.compile(SOURCES[name] as string, options)));
    return (view) => delegate(view);
  };
}
