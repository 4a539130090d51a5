// The shape of .github/e2e-triage.yml. Unknown keys are errors (a typo must not silently disable a rule);
// what zod cannot say in a schema (regex, globs, issue references, dates, unique ids) is checked in
// read-config.ts with the same path and line.

import * as z from 'zod/mini';

import '../../zod-messages.js';

const FAILURE_CATEGORIES = ['model-failure', 'framework-bug', 'infrastructure', 'unknown'] as const;

export const KnownIssueEntry = z.strictObject({
  id: z
    .string()
    .check(
      z.regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
        'use 1 to 64 letters, digits, . _ or -, starting with a letter or digit',
      ),
    ),
  match: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
  tests: z.optional(
    z.union([z.string(), z.array(z.string()).check(z.minLength(1, 'give at least one glob, or leave tests out'))]),
  ),
  categories: z.optional(z.array(z.enum(FAILURE_CATEGORIES)).check(z.minLength(1, 'give at least one category'))),
  mode: z.optional(z.enum(['known', 'quarantine', 'expected-fail'])),
  issue: z.optional(z.union([z.string(), z.int().check(z.positive())])),
  fix: z.optional(z.string()),
  expires: z.optional(z.string()),
});

export const ConfigFile = z.strictObject({
  extends: z.optional(z.string()),
  'known-issues': z.optional(z.array(KnownIssueEntry)),
  rerun: z.optional(
    z.strictObject({
      command: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
      'rejudge-command': z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
    }),
  ),
});

export type ConfigFileData = z.infer<typeof ConfigFile>;
export type KnownIssueEntryData = z.infer<typeof KnownIssueEntry>;
