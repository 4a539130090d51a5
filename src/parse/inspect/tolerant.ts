// Reading an Inspect record tolerantly: only the keys triage needs are taken (events, messages and attachments
// are never copied or validated), then validated with the shared field-by-field validator.

import type * as z from 'zod/mini';

import { joinPath, validateFields } from '../validate-fields.js';

export type Warn = (path: string, message: string) => void;

/** Keeps only `keys` of an object: events, messages and attachments are never copied or validated. */
export function pick(raw: unknown, keys: readonly string[]): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const source = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  return out;
}

/** The record by `schema`, a bad field costing only itself; null when a `required` top-level key is bad. */
export function validateTolerant<S extends z.ZodMiniType>(
  schema: S,
  raw: unknown,
  base: string,
  warn: Warn,
  required: readonly string[] = [],
): z.infer<S> | null {
  return validateFields(schema, raw, {
    at: (inner) => joinPath(base, inner),
    warn,
    required: (inner) => required.includes(inner),
  });
}
