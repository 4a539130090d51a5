// The templates compiled to plain functions (src/render/template-compiler.ts) must give Handlebars' own text:
// construct by construct against Handlebars in strict mode, and every shipped template over real views, each
// rendered by both. What the compiler does not support is refused when it compiles, never rendered differently.

import Handlebars from 'handlebars';
import { afterAll, describe, expect, it, vi } from 'vitest';

import type { TriageResult } from '../../src/model.js';
import { parseConfig } from '../../src/parse/config/read-config.js';
import { parseBatch } from '../../src/parse/index.js';
import { joiningEach, renderDeferring } from '../../src/render/joining-each.js';
import { compileTemplate } from '../../src/render/template-compiler.js';
import { templateRuntime, type CompiledTemplate, type TemplateFactory } from '../../src/render/template-runtime.js';
import { TEMPLATE_OPTIONS } from '../../src/render/templates.js';
import { applyHistory, historyOverview } from '../../src/triage/history/index.js';
import { triage } from '../../src/triage/index.js';
import { BatchBuilder, summaryRow } from '../helpers/batch-builder.js';
import { fixture } from './support/fixtures.js';
import { syntheticResult } from './support/synthetic-result.js';

const PARTIALS = { row: '| {{name}} | {{#if @root.wide}}{{@root.title}}{{/if}} |\n', plain: '<{{this}}>' };

function ours(source: string): CompiledTemplate {
  const partials = new Map<string, CompiledTemplate>();
  const runtime = templateRuntime((name) => partials.get(name));
  const compile = (text: string, name: string) =>
    (new Function(`return ${compileTemplate(Handlebars.parse(text), name)}`) as () => TemplateFactory)()(runtime);
  for (const [name, text] of Object.entries(PARTIALS)) partials.set(name, compile(text, name));
  return compile(source, 'test');
}

function theirs(source: string): Handlebars.TemplateDelegate {
  const instance = Handlebars.create();
  instance.registerHelper('each', joiningEach(instance));
  for (const [name, text] of Object.entries(PARTIALS)) instance.registerPartial(name, text);
  return instance.compile(source, TEMPLATE_OPTIONS);
}

/** Both renderings of `source`, or the message each threw. */
function both(source: string, context: unknown): { expected: string; actual: string } {
  const run = (render: () => string) => {
    try {
      return render();
    } catch (error) {
      return `threw: ${(error as Error).message}`;
    }
  };
  return {
    expected: run(() => theirs(source)(context)),
    actual: run(() => ours(source)(context, context)),
  };
}

const same = (source: string, context: unknown) => {
  const { expected, actual } = both(source, context);
  expect(actual, source).toBe(expected);
  return expected;
};

describe('compiled templates, construct by construct', () => {
  it('print fields as Handlebars does: numbers, booleans, arrays, null and undefined', () => {
    const context = {
      n: 0,
      f: 1.5,
      yes: true,
      no: false,
      list: ['a', 'b'],
      none: null,
      unset: undefined,
      deep: { x: { y: 7 } },
    };
    expect(same('{{n}}|{{f}}|{{yes}}|{{no}}|{{list}}|{{none}}|{{unset}}|{{deep.x.y}}', context)).toBe(
      '0|1.5|true|false|a,b|||7',
    );
    same('{{this}}', 'text');
    same('{{#each list}}[{{this}}]{{/each}}', context);
  });

  it('throw on a missing field with Handlebars message and place, and in dotted paths', () => {
    const missing = same('line one\n  {{absent}}', { present: 1 });
    expect(missing).toBe('threw: "absent" not defined in [object Object] - 2:4');
    expect(same('{{deep.absent}}', { deep: {} })).toMatch(/^threw: "absent" not defined/);
    expect(same('{{deep.x.y}}', { deep: {} })).toMatch(/^threw: /);
    // A helper's argument is looked up without the check.
    expect(same('{{#if absent}}a{{else}}b{{/if}}', {})).toBe('b');
  });

  it('take `if` and `unless` as Handlebars does: 0, empty strings and empty arrays are false', () => {
    const values: unknown[] = [0, 1, '', 'x', [], [0], {}, null, undefined, false, true, () => false, () => 'y'];
    for (const value of values) {
      same('{{#if v}}yes{{else}}no{{/if}}', { v: value });
      same('{{#unless v}}none{{else}}some{{/unless}}', { v: value });
      same('{{#if v}}only{{/if}}.', { v: value });
    }
    same('{{#if a}}A{{else if b}}B{{else}}C{{/if}}', { a: 0, b: 'x' });
  });

  it('iterate as Handlebars does: holes, empty lists, objects, sets, strings, functions and long lists', () => {
    const holes = new Array<string>(4);
    holes[2] = 'x';
    const cases: unknown[] = [
      ['a', 'b'],
      holes,
      new Array<string>(3),
      [],
      { one: 1, two: 2 },
      {},
      new Set(['s', 't']),
      'text',
      0,
      null,
      undefined,
      () => ['f', 'g'],
      Array.from({ length: 2000 }, (_, i) => i),
    ];
    for (const list of cases) same('{{#each list}}<{{this}}>{{else}}empty{{/each}}', { list });
  });

  it('keep contexts right: `../`, `@root`, nested lists and partials with a hash', () => {
    const context = {
      title: 'T',
      wide: true,
      groups: [
        { name: 'g1', items: [{ name: 'a' }, { name: 'b' }] },
        { name: 'g2', items: [] },
      ],
    };
    same(
      '{{#each groups}}{{name}}:{{#each items}}{{name}}/{{../name}}/{{@root.title}};{{else}}none{{/each}}\n{{/each}}',
      context,
    );
    same('{{#each groups}}{{> row}}{{/each}}{{> row name="whole"}}{{> row name=title}}', context);
    same('{{#each groups}}{{#each items}}{{> plain}}{{/each}}{{/each}}', context);
  });

  it('strip standalone lines and `~` as Handlebars parses them', () => {
    const source = 'a\n  {{#if x}}\n  b\n  {{/if}}\n{{#each list~}}\n  [{{this}}]\n{{~/each}}\n  {{> plain}}\nend';
    same(source, { x: true, list: [1, 2] });
    same(source, { x: false, list: [] });
  });

  it('leave long lists for later under renderDeferring, as joiningEach does', () => {
    const source = '# {{title}}\n{{#each rows}}| {{name}} |\n{{/each}}end\n';
    const context = { title: 'All', rows: Array.from({ length: 3000 }, (_, i) => ({ name: `test-${i}` })) };
    const { text, deferred } = renderDeferring(() => ours(source)(context, context));
    expect(deferred).toHaveLength(1);
    expect(text.length).toBeLessThan(100);
    const whole = text.replace(deferred[0]!.token, () => [...deferred[0]!.stretches()].join(''));
    expect(whole).toBe(theirs(source)(context));
  });

  it('refuse what they do not support when compiled', () => {
    const refused: [string, RegExp][] = [
      ['{{format value}}', /a helper call/],
      ['{{#with x}}{{y}}{{/with}}', /the block with/],
      ['{{^x}}none{{/x}}', /the block x/],
      ['{{#each list}}{{@index}}{{/each}}', /@index/],
      ['{{> (name)}}', /a dynamic partial/],
      ['{{> plain other}}', /a context argument/],
      ['{{log}}', /the helper log/],
      ['{{#each list as |item|}}{{item}}{{/each}}', /block parameters/],
      ['{{../title}}', /above the template's own context/],
      ['{{#if (eq a b)}}x{{/if}}', /SubExpression/],
    ];
    for (const [source, message] of refused) {
      expect(() => compileTemplate(Handlebars.parse(source), 'bad.hbs'), source).toThrow(message);
    }
    expect(() => compileTemplate(Handlebars.parse('a\n{{x y}}'), 'bad.hbs')).toThrow(/^bad\.hbs:2:0: /);
  });
});

describe('every shipped template over real views', () => {
  afterAll(() => {
    vi.doUnmock('../../src/render/templates.js');
    vi.resetModules();
  });

  /** Known issues of every mode: the fixtures have none. */
  async function withKnownIssues(): Promise<TriageResult> {
    const row = (id: string, status: string, cost: number, error: string | null = null) =>
      summaryRow(id, status, cost, error, { failScore: 0.2 });
    const b = new BatchBuilder().withTop({ config: { model: 'haiku', judge_model: 'haiku', tiers: ['T0'] } });
    b.row(row('test-1', 'error', 0, "Experiment failed: KeyError: 'tier_config'"));
    b.row(row('test-2', 'error', 0, "[Errno 2] No such file or directory: 'pixi'"));
    b.row(row('test-3', 'fail', 0.8));
    b.row(row('test-4', 'pass', 1.1));
    const config = [
      'known-issues:',
      '  - { id: KI-7, match: tier_config, issue: "#12", fix: "Pass `tier_config` on" }',
      '  - { id: pixi, match: pixi, mode: quarantine }',
      '  - { id: xfail, tests: [test-4], mode: expected-fail, issue: "acme/tools#3" }',
    ].join('\n');
    return triage(await parseBatch(b.source()), {
      toolVersion: 'test',
      config: parseConfig(config, '.github/e2e-triage.yml'),
      today: '2026-11-30',
      repository: { serverUrl: 'https://github.com', repo: 'acme/widgets' },
    });
  }

  const used = new Set<string>();

  /** The render stage twice: with the compiled templates, and with Handlebars' own compiled from the same files. */
  async function renderers() {
    vi.resetModules();
    const compiled = await import('../../src/render/index.js');
    vi.resetModules();
    vi.doMock('../../src/render/templates.js', async () => {
      const actual = await vi.importActual<typeof import('../../src/render/templates.js')>(
        '../../src/render/templates.js',
      );
      const { handlebarsTemplates } = await import('./support/handlebars-templates.js');
      const reference = handlebarsTemplates(actual);
      return {
        ...actual,
        template: (name: Parameters<typeof reference>[0]) => (used.add(name), reference(name)),
      };
    });
    const reference = await import('../../src/render/index.js');
    return { compiled, reference };
  }

  it('render every file of every fixture, large batches and a history index as Handlebars does', async () => {
    const { compiled, reference } = await renderers();
    const known = await withKnownIssues();
    const results: [string, () => TriageResult][] = [
      ['known issues', () => structuredClone(known)],
      ['mixed', () => fixture('mixed')],
      ['sample', () => fixture('sample')],
      ['hostile', () => fixture('hostile')],
      ['compared', () => fixture('compared')],
      ['synthetic 1,500', () => syntheticResult(1500)],
    ];
    let files = 0;
    for (const [name, make] of results) {
      for (const issueMode of ['per-test', 'per-root-cause'] as const) {
        const expected = reference.renderAnalysis(make(), { issueMode });
        const actual = compiled.renderAnalysis(make(), { issueMode });
        expect(
          actual.map((f) => f.path),
          name,
        ).toEqual(expected.map((f) => f.path));
        actual.forEach((file, i) => expect(file.content, `${name}: ${file.path}`).toBe(expected[i]!.content));
        files += actual.length;
      }
      for (const limit of [65_536, 2_000]) {
        const options = { limit, marker: '<!-- m -->', links: { runUrl: 'https://example.com/run' } };
        expect(compiled.renderSummary(make(), options).markdown, name).toBe(
          reference.renderSummary(make(), options).markdown,
        );
      }
    }
    expect(files).toBeGreaterThan(3000);

    const first = fixture('compared');
    const history = applyHistory(first, null, { run: 'first', window: 10 });
    const second = fixture('mixed');
    const both = applyHistory(second, history, { run: 'second', window: 10 });
    const overview = historyOverview(both, 10);
    const index = compiled.renderHistoryIndex(overview);
    expect(index).toContain('first');
    expect(index).toBe(reference.renderHistoryIndex(overview));
    // Every template and partial was rendered by both.
    expect([...used].sort()).toEqual([
      'analysis',
      'epic',
      'epicAnalysis',
      'failure',
      'failuresSummary',
      'historyIndex',
      'issueRootCause',
      'issueTest',
      'knownIssueComment',
      'readme',
      'results',
      'summary',
    ]);
  });
});
