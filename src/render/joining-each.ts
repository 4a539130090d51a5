// Handlebars' `each`, joining as it goes, and leaving long arrays for later when a page is streamed
// (see joiningEach and renderDeferring). Registered on the templates' own instance.

import type Handlebars from 'handlebars';

/** Iterations joined into one flat string at a time by the `each` below. */
const JOIN_EVERY = 256;

/** Arrays longer than this are left for later in a page rendered by renderDeferring. */
const DEFER_ABOVE = 4 * JOIN_EVERY;

/** A long array's iterations, left out of a page's text: `token` stands where they go. */
export interface Deferred {
  token: string;
  stretches: () => Generator<string>;
}

/** Set while renderDeferring renders a page: the arrays its `each` left for later, in the page's order. */
let deferring: { key: string; deferred: Deferred[] } | null = null;

/**
 * Handlebars' own `each`, with two differences. The original adds each iteration's text to its result with
 * `+`, which V8 keeps as a tree of every piece until the page is written: rendering results.md for 10,000
 * tests held 8.2 MB after a full collection, 2.8 MB once flat, and README.md 3.3 MB more, at the point where a
 * large run peaks. Here each stretch of iterations is joined into one flat string as it ends, so its pieces die
 * young. And under renderDeferring, a long array is not rendered at all but stands as a token in the page,
 * its iterations rendered later, stretch by stretch, as the page is written. Arrays only (the templates iterate
 * nothing else), with the original's text, data frame and block params; anything else goes to the original.
 */
export function joiningEach(instance: typeof Handlebars): Handlebars.HelperDelegate {
  const original = instance.helpers.each!;
  return function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
    if (!Array.isArray(context) || !options || (options.data && (options as { ids?: unknown }).ids))
      return original.call(this, context, options);
    const data = options.data ? instance.createFrame(options.data) : undefined;
    const body = (value: unknown, i: number) => {
      if (data) {
        data.key = i;
        data.index = i;
        data.first = i === 0;
        data.last = i === context.length - 1;
      }
      // Block params' ids serve the track-ids compile option only, which the templates are not compiled with.
      return options.fn(value, { data, blockParams: instance.Utils.blockParams([value, i], [null, null]) });
    };
    return eachOf(context, this, body, () => options.inverse(this));
  };
}

/**
 * The `each` of the compiled templates (template-compiler.ts), and joiningEach's for arrays: the text of
 * Handlebars' `each`, an array joined in stretches and left for later under renderDeferring. `body` renders one
 * item; `inverse` is the `{{else}}`, rendered in the block's own context.
 */
export function eachOf(
  list: unknown,
  context: unknown,
  body: (item: unknown, index: number) => string,
  inverse: (() => string) | null,
): string {
  if (typeof list === 'function') list = (list as (this: unknown) => unknown).call(context);
  const empty = () => (inverse ? inverse() : '');
  if (!list || typeof list !== 'object') return empty();
  if (!Array.isArray(list)) {
    // Objects and iterables: their values, in the order Handlebars' `each` visits them.
    const values =
      Symbol.iterator in list
        ? [...(list as Iterable<unknown>)]
        : Object.keys(list).map((key) => (list as Record<string, unknown>)[key]);
    return values.length === 0 ? empty() : values.map((value, i) => body(value, i)).join('');
  }
  const items: unknown[] = list;
  if (deferring && items.length > DEFER_ABOVE) {
    const token = `\u0000${deferring.key}:${deferring.deferred.length}\u0000`;
    deferring.deferred.push({ token, stretches: () => bodyStretches(items, body) });
    return token;
  }
  let ret = '';
  for (const stretch of bodyStretches(items, body)) ret += stretch;
  // As Handlebars' `each`: the inverse (`{{else}}`) for an empty array, not for one with holes only.
  return items.length === 0 ? empty() : ret;
}

/** The iterations' text, JOIN_EVERY iterations a string. */
function* bodyStretches(items: unknown[], body: (item: unknown, index: number) => string): Generator<string> {
  let stretch: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) continue;
    stretch.push(body(items[i], i));
    if (stretch.length === JOIN_EVERY) {
      yield stretch.join('');
      stretch = [];
    }
  }
  if (stretch.length > 0) yield stretch.join('');
}

/**
 * Renders a page with its long arrays left out: the text has a token where each one goes, in the order of
 * `deferred`, found again by its place in that order and a random key of the render's own (artifact text cannot
 * know it in advance, so a field cannot pass for a token). Their iterations are rendered, without deferring, when
 * `stretches` is called.
 */
export function renderDeferring(render: () => string): { text: string; deferred: Deferred[] } {
  if (deferring) throw new Error('renderDeferring: already rendering a page');
  deferring = { key: `each-${Math.random().toString(36).slice(2)}`, deferred: [] };
  try {
    const text = render();
    return { text, deferred: deferring.deferred };
  } finally {
    deferring = null;
  }
}
