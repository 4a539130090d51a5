import type * as z from 'zod/mini';

/** Unusable input: the message names the file and the position; shown without a stack trace. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Wrong command-line or action inputs. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `results[12].total_cost` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One line per zod issue: `file: path: message`. */
export function formatZodIssues(file: string, error: z.core.$ZodError, prefix: readonly PropertyKey[] = []): string[] {
  return error.issues.map((issue) => {
    const path = formatPath([...prefix, ...issue.path]);
    return `${file}: ${path === '' ? '(root)' : path}: ${issue.message}`;
  });
}

/** The one-line message shown to a user for any thrown value. */
export function formatError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
