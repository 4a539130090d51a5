// Validation that costs a bad value only that value, for every adapter: each failing field is reported (file and
// zod path) and removed where it sits, deepest first, then the rest is validated again. A field the record is
// useless without (a test's id) rejects it whole; a required field that is missing takes its container with it.
// The value given is never changed.

import type * as z from 'zod/mini';

import { formatPath } from '../errors.js';

export interface FieldOptions {
  /** Where a field is reported: its zod path inside the value ('' for the value itself) made into a full path. */
  at?: (inner: string) => string;
  warn: (path: string, message: string) => void;
  /** Fields (by their zod path inside the value) whose failure rejects the whole value. */
  required?: (inner: string) => boolean;
}

const MAX_ROUNDS = 8;

/** The value as `schema` reads it, bad fields dropped with a warning each; null when it is unusable. */
export function validateFields<S extends z.ZodMiniType>(
  schema: S,
  raw: unknown,
  options: FieldOptions,
): z.infer<S> | null {
  const at = options.at ?? ((inner: string) => inner);
  const required = options.required ?? (() => false);
  let candidate = raw;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = schema.safeParse(candidate);
    if (result.success) return result.data;
    if (candidate === null || typeof candidate !== 'object') {
      const issue = result.error.issues[0];
      const where = issue ? formatPath(issue.path) : '';
      options.warn(at(''), `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}; skipped`);
      return null;
    }
    if (round === 0) candidate = structuredClone(candidate);
    for (const issue of result.error.issues) {
      const inner = formatPath(issue.path);
      if (issue.path.length === 0 || required(inner)) {
        options.warn(at(inner), `${issue.message}; skipped`);
        return null;
      }
      options.warn(at(inner), `${issue.message}; value ignored`);
    }
    // Deepest and highest index first, so removing one cannot shift the path of another.
    const paths = result.error.issues.map((issue) => issue.path).sort((a, b) => comparePaths(b, a));
    for (const path of paths) remove(candidate as Record<PropertyKey, unknown>, path);
  }
  options.warn(at(''), 'too many invalid fields; skipped');
  return null;
}

/** `base.inner` as a zod path reads: `results[3].cost`, `config.model`. */
export function joinPath(base: string, inner: string): string {
  if (base === '') return inner;
  if (inner === '') return base;
  return inner.startsWith('[') ? `${base}${inner}` : `${base}.${inner}`;
}

/** Removes the value at `path`; when it is already absent (a required key), its container goes instead. */
function remove(root: Record<PropertyKey, unknown>, path: readonly PropertyKey[]): void {
  const containers: unknown[] = [root];
  for (const key of path.slice(0, -1)) {
    const next = (containers.at(-1) as Record<PropertyKey, unknown> | undefined)?.[key];
    if (next === null || typeof next !== 'object') break;
    containers.push(next);
  }
  let depth = containers.length - 1;
  let key = path[depth]!;
  let container = containers[depth] as Record<PropertyKey, unknown>;
  if (depth === path.length - 1 && !(key in container) && depth > 0) {
    depth--;
    key = path[depth]!;
    container = containers[depth] as Record<PropertyKey, unknown>;
  }
  if (Array.isArray(container) && typeof key === 'number') container.splice(key, 1);
  else delete container[key];
}

function comparePaths(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
