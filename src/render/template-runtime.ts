// What the compiled templates (template-compiler.ts) call: Handlebars' lookups in strict mode, its `if`, the
// `each` of joining-each.ts, and the partials. Same results as Handlebars' runtime, errors included.

import { eachOf } from './joining-each.js';

/** A compiled template: its text for a context, `root` being what `@root` names. */
export type CompiledTemplate = (context: unknown, root: unknown) => string;

/** What a template's module gives: its function, once handed the runtime. */
export type TemplateFactory = (runtime: TemplateRuntime) => CompiledTemplate;

export interface TemplateRuntime {
  strict(parent: unknown, name: string, where: string): unknown;
  get(parent: unknown, name: string): unknown;
  lambda(value: unknown, context: unknown): unknown;
  truthy(value: unknown, context: unknown): boolean;
  each: typeof eachOf;
  partial(name: string, context: unknown, root: unknown): string;
}

/** Handlebars' lookupProperty with its default access control: own properties only, null and undefined as they are. */
function get(parent: unknown, name: string): unknown {
  const result = (parent as Record<string, unknown>)[name];
  if (result === null || result === undefined) return result;
  return Object.prototype.hasOwnProperty.call(parent, name) ? result : undefined;
}

/** A `{{field}}` in strict mode: the field must be there, `in` its object (Handlebars' message and place). */
function strict(parent: unknown, name: string, where: string): unknown {
  if (!parent || !(name in (parent as object)))
    throw new Error(`"${name}" not defined in ${String(parent)} - ${where}`);
  return get(parent, name);
}

/** A function field is called with the context, as Handlebars does. */
function lambda(value: unknown, context: unknown): unknown {
  return typeof value === 'function' ? (value as (this: unknown) => unknown).call(context) : value;
}

/** Handlebars' `if`: false for a falsy value (0 included) and an empty array. */
function truthy(value: unknown, context: unknown): boolean {
  const v = typeof value === 'function' ? (value as (this: unknown) => unknown).call(context ?? {}) : value;
  return Boolean(v) && !(Array.isArray(v) && v.length === 0);
}

/** The runtime over a set of partials, looked up by name when called. */
export function templateRuntime(partials: (name: string) => CompiledTemplate | undefined): TemplateRuntime {
  return {
    strict,
    get,
    lambda,
    truthy,
    each: eachOf,
    partial(name, context, root) {
      const partial = partials(name);
      if (!partial) throw new Error(`The partial ${name} could not be found`);
      return partial(context, root);
    },
  };
}
