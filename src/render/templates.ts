// The shipped templates, with Handlebars' semantics in strict mode (a missing field is a bug, not an empty
// string), compiled to plain functions by template-compiler.ts: when bundled (scripts/bundle-lib.mjs), or here
// from their text in tests. HTML escaping is off on purpose: the view model escapes every field for markdown,
// per context. Only these files are ever compiled; artifact text is data and never a template.

import Handlebars from 'handlebars';

import { compileTemplate } from './template-compiler.js';
import { templateRuntime, type CompiledTemplate, type TemplateFactory } from './template-runtime.js';
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

/** The templates' sources: text in tests (where the reference renderer takes them too), JavaScript when bundled. */
export const SOURCES = {
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

/** Also the options scripts/bundle-lib.mjs compiles the bundles' templates with; a mismatch throws. */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: true, preventIndent: true } as const;

type Source = (typeof SOURCES)[TemplateName];

export const PARTIALS: Record<string, Source> = {
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

const loaded = new Map<string, CompiledTemplate>();
const runtime = templateRuntime((name) => partial(name));

/** A template's text is compiled (tests); a bundled one is already JavaScript: nothing is compiled at start. */
function load(source: Source, name: string): CompiledTemplate {
  if (typeof source === 'string') {
    const code = compileTemplate(Handlebars.parse(source), name);
    return (new Function(`return ${code}`) as () => TemplateFactory)()(runtime);
  }
  if (JSON.stringify(source.options) !== JSON.stringify(TEMPLATE_OPTIONS))
    throw new Error('the bundled templates were compiled with other options: run npm run bundle');
  return source.render(runtime);
}

function partial(name: string): CompiledTemplate | undefined {
  const source = Object.hasOwn(PARTIALS, name) ? PARTIALS[name] : undefined;
  if (source === undefined) return undefined;
  let compiled = loaded.get(`>${name}`);
  if (!compiled) loaded.set(`>${name}`, (compiled = load(source, name)));
  return compiled;
}

/** The page a template renders from its view; `@root` is the view. */
export function template(name: TemplateName): (view: unknown) => string {
  let compiled = loaded.get(name);
  if (!compiled) loaded.set(name, (compiled = load(SOURCES[name], name)));
  const render = compiled;
  return (view) => render(view, view);
}
