// The action's inputs, validated in one place: an invalid value names the input and says what is allowed.

import * as core from '@actions/core';
import * as z from 'zod/mini';

import './zod-messages.js';

import { UsageError, formatError } from './errors.js';
import { HARNESSES } from './model.js';
import { CONFIG_FILE } from './parse/config/file-name.js';
import { DEFAULT_WINDOW } from './triage/history/record.js';
import { issueLabel } from './render/index.js';

const positiveInt = (name: string) =>
  z.optional(
    z.pipe(z.string().check(z.regex(/^\d+$/, `${name} must be a positive whole number`)), z.transform(Number)),
  );

const schema = z.object({
  token: z
    .string()
    .check(z.minLength(1, 'github-token is empty: pass ${{ github.token }} or a token with contents: write')),
  artifactName: z.string().check(z.minLength(1)),
  runId: positiveInt('run-id'),
  resultsPath: z.optional(z.string()),
  format: z.enum(['auto', ...HARNESSES], { message: `format must be auto, ${HARNESSES.join(', ')}` }),
  branch: z
    .string()
    .check(
      z.regex(/^(?!\/|.*\/\/|.*\.\.|.*\.lock$|.*[\s~^:?*[\\]).+(?<!\/)$/, 'branch is not a valid git branch name'),
    ),
  path: z.string().check(z.minLength(1)),
  issueMode: z.enum(['per-test', 'per-root-cause'], { message: 'issue-mode must be per-test or per-root-cause' }),
  issueLabel: z.string(),
  comment: z.boolean(),
  prNumber: positiveInt('pr-number'),
  scriptArtifactName: z.string().check(z.minLength(1)),
  ifNoArtifact: z.enum(['fail', 'warn', 'ignore'], { message: 'if-no-artifact must be fail, warn or ignore' }),
  config: z
    .string()
    .check(
      z.regex(
        /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/-]+$/,
        'config must be a path in the repository (letters, digits, . _ - /), like .github/e2e-triage.yml',
      ),
    ),
  historyWindow: z.pipe(
    z.string().check(z.regex(/^\d+$/, 'history-window must be a whole number from 1 to 1000')),
    z.pipe(
      z.transform(Number),
      z
        .number()
        .check(
          z.minimum(1, 'history-window must be a whole number from 1 to 1000'),
          z.maximum(1000, 'history-window must be a whole number from 1 to 1000'),
        ),
    ),
  ),
});

export type Inputs = z.infer<typeof schema>;

/** Every input the action reads: action.yml declares exactly these (a test checks both ways). */
export const INPUT_NAMES = [
  'github-token',
  'artifact-name',
  'run-id',
  'results-path',
  'format',
  'branch',
  'path',
  'issue-mode',
  'issue-label',
  'comment',
  'pr-number',
  'script-artifact-name',
  'if-no-artifact',
  'history-window',
  'config',
] as const;

export type InputName = (typeof INPUT_NAMES)[number];

export function readInputs(): Inputs {
  const input = (name: InputName) => core.getInput(name);
  const optional = (name: InputName) => input(name) || undefined;
  const raw = {
    token: input('github-token'),
    artifactName: input('artifact-name') || 'e2e-results',
    runId: optional('run-id'),
    resultsPath: optional('results-path'),
    format: input('format') || 'auto',
    branch: input('branch') || 'e2e-analysis',
    path: input('path') || 'runs/{run-name}',
    issueMode: input('issue-mode') || 'per-test',
    issueLabel: input('issue-label'),
    comment: parseBoolean('comment', input('comment') || 'true'),
    prNumber: optional('pr-number'),
    scriptArtifactName: input('script-artifact-name') || 'file-issues',
    ifNoArtifact: input('if-no-artifact') || 'fail',
    historyWindow: input('history-window') || String(DEFAULT_WINDOW),
    config: input('config') || CONFIG_FILE,
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`input ${inputName(String(issue.path[0]))}: ${issue.message}`);
  }
  try {
    // The renderer's check, and its default when the input is empty.
    return { ...parsed.data, issueLabel: issueLabel(parsed.data.issueLabel) };
  } catch (error) {
    throw new UsageError(`input issue-label: ${formatError(error)}`);
  }
}

function parseBoolean(name: string, value: string): boolean {
  if (/^(true|yes|1|on)$/i.test(value)) return true;
  if (/^(false|no|0|off)$/i.test(value)) return false;
  throw new UsageError(`input ${name}: expected true or false, got ${JSON.stringify(value)}`);
}

function inputName(key: string): string {
  return key === 'token' ? 'github-token' : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
