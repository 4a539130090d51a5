// The `each` the templates run with: the text of Handlebars' own, whatever the template asks of it.

import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';

import { joiningEach, renderDeferring } from '../../src/render/joining-each.js';
import { TEMPLATE_OPTIONS } from '../../src/render/templates.js';

/**
 * The same template rendered by an instance with Handlebars' `each` and by one with ours, and how many times
 * ours handed a list to the original.
 */
function both(source: string, context: unknown, options: Handlebars.RuntimeOptions = {}) {
  const theirs = Handlebars.create();
  const ours = Handlebars.create();
  let delegated = 0;
  const builtin = ours.helpers.each!;
  ours.helpers.each = function (this: unknown, context: unknown, helperOptions: Handlebars.HelperOptions) {
    delegated++;
    return builtin.call(this, context, helperOptions);
  };
  ours.registerHelper('each', joiningEach(ours));
  for (const instance of [theirs, ours]) instance.registerPartial('row', '| {{@index}} | {{name}} |\n');
  const expected = theirs.compile(source, TEMPLATE_OPTIONS)(context, options);
  const actual = ours.compile(source, TEMPLATE_OPTIONS)(context, options);
  return { expected, actual, delegated };
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `test-${i}`, tags: [`a${i}`, `b${i}`] }));

describe('joiningEach', () => {
  it('renders a long list as Handlebars does, past several joined stretches', () => {
    const source =
      '{{#each rows}}{{@index}}/{{@key}} {{#if @first}}first {{/if}}{{#if @last}}last {{/if}}{{name}} of {{../title}} {{@root.title}}\n{{/each}}';
    const { expected, actual, delegated } = both(source, { title: 'All', rows: rows(1000) });
    expect(expected.split('\n')).toHaveLength(1001);
    expect(actual).toBe(expected);
    expect(delegated).toBe(0);
  });

  it('keeps each level of nested lists and partials right', () => {
    const source = '{{#each rows}}{{#each tags}}[{{@index}}:{{this}}:{{../name}}]{{/each}}{{> row}}{{/each}}';
    const { expected, actual, delegated } = both(source, { rows: rows(600) });
    expect(expected).toContain('[1:b599:test-599]| 599 | test-599 |');
    expect(actual).toBe(expected);
    expect(delegated).toBe(0);
  });

  it('renders {{else}} for an empty list only, as Handlebars does for one with holes', () => {
    const source = '{{#each rows}}<{{this}}>{{else}}none{{/each}}';
    expect(both(source, { rows: [] })).toEqual({ expected: 'none', actual: 'none', delegated: 0 });
    const holes = new Array<string>(3);
    holes[1] = 'x';
    const { expected, actual } = both(source, { rows: holes });
    expect(expected).toBe('<x>');
    expect(actual).toBe(expected);
    const allHoles = both(source, { rows: new Array<string>(2) });
    expect(allHoles.actual).toBe(allHoles.expected);
  });

  it('leaves objects, iterables and block params to the original', () => {
    const object = both('{{#each counts}}{{@key}}={{this}};{{/each}}', { counts: { a: 1, b: 2 } });
    expect(object).toEqual({ expected: 'a=1;b=2;', actual: 'a=1;b=2;', delegated: 1 });
    const iterable = both('{{#each items}}{{this}},{{/each}}', { items: new Set(['x', 'y']) });
    expect(iterable).toEqual({ expected: 'x,y,', actual: 'x,y,', delegated: 1 });
    const params = both('{{#each rows as |row i|}}{{i}}:{{row.name}} {{/each}}', { rows: rows(300) });
    expect(params.actual).toBe(params.expected);
    expect(params.expected.startsWith('0:test-0 1:test-1 ')).toBe(true);
  });

  it('renders without data frames when the template is run without them', () => {
    const { expected, actual } = both('{{#each rows}}{{name}};{{/each}}', { rows: rows(300) }, { data: false });
    expect(actual).toBe(expected);
    expect(expected.startsWith('test-0;test-1;')).toBe(true);
  });
});

/** A page rendered under renderDeferring, its tokens replaced by their iterations: what a streamed page writes. */
function deferred(instance: typeof Handlebars, source: string, context: unknown) {
  const { text, deferred } = renderDeferring(() => instance.compile(source, TEMPLATE_OPTIONS)(context));
  let whole = text;
  for (const { token, stretches } of deferred) {
    expect(whole.split(token)).toHaveLength(2);
    whole = whole.replace(token, () => [...stretches()].join(''));
  }
  return { whole, text, tokens: deferred.length };
}

describe('renderDeferring', () => {
  const TABLE = '| # | name |\n{{#each rows}}| {{@index}} | {{name}}{{#if @last}} (last){{/if}} |\n{{/each}}';
  const theirs = Handlebars.create();
  theirs.registerPartial('table', TABLE);
  const ours = () => {
    const instance = Handlebars.create();
    instance.registerHelper('each', joiningEach(instance));
    instance.registerPartial('table', TABLE);
    return instance;
  };

  it("leaves long lists as tokens, in order, and their iterations give Handlebars' text", () => {
    const source =
      '# {{title}}\n{{#each groups}}## {{name}}\n{{#each tags}}[{{this}}]{{/each}}\n{{> table rows=rows}}{{else}}none{{/each}}\n{{> table rows=all}}end\n';
    const context = {
      title: 'All',
      groups: [
        { name: 'short', tags: ['a'], rows: rows(3) },
        { name: 'long', tags: ['b', 'c'], rows: rows(2500) },
      ],
      all: rows(1500),
    };
    const expected = theirs.compile(source, TEMPLATE_OPTIONS)(context);
    const { whole, text, tokens } = deferred(ours(), source, context);
    expect(tokens).toBe(2);
    expect(text.length).toBeLessThan(500);
    expect(whole).toBe(expected);
    expect(expected).toContain('| 2499 | test-2499 (last) |');
  });

  it('renders long lists inside a deferred one in place, and short lists at once', () => {
    const source = '{{#each outer}}<{{#each inner}}{{this}},{{/each}}>{{/each}}|{{#each short}}{{this}}{{/each}}';
    const context = {
      outer: Array.from({ length: 1100 }, (_, i) => ({
        inner: Array.from({ length: i < 3 ? 1030 : 2 }, (_, j) => j % 10),
      })),
      short: [1, 2, 3],
    };
    const { whole, text, tokens } = deferred(ours(), source, context);
    expect(tokens).toBe(1);
    expect(text.endsWith('|123')).toBe(true);
    expect(whole).toBe(theirs.compile(source, TEMPLATE_OPTIONS)(context));
    expect(whole.startsWith(`<${'0123456789'.repeat(103).split('').join(',')},>`)).toBe(true);
  });

  it('gives each page tokens of its own and defers nothing outside it', () => {
    const instance = ours();
    const context = { rows: rows(2000) };
    const first = deferred(instance, '{{#each rows}}{{name}}{{/each}}', context);
    const second = deferred(instance, '{{#each rows}}{{name}}{{/each}}', context);
    expect(first.text).not.toBe(second.text);
    expect(first.whole).toBe(second.whole);
    expect(instance.compile('{{#each rows}}{{name}}{{/each}}', TEMPLATE_OPTIONS)(context)).toBe(first.whole);
    expect(() => renderDeferring(() => renderDeferring(() => '').text)).toThrow(/already rendering/);
  });
});
