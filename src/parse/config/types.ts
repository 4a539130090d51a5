// The triage configuration (.github/e2e-triage.yml) as the rest of the pipeline sees it: checked, compiled,
// presets merged in. docs/configuration.md is the user's side of this.

import type { Category, KnownIssueMode } from '../../model.js';

/** A tracking issue: `#123` (this repository), `owner/repo#123`, or an issue URL. */
export interface IssueRef {
  /** As shown: `#123` or `owner/repo#123`. */
  text: string;
  repo: string | null;
  number: number;
  /** Known when the config gave a URL or a repository (or the action knows its own). */
  url: string | null;
}

export interface KnownIssueRule {
  id: string;
  /** Searched in the test's error text and its root cause's signature. */
  match: RegExp | null;
  /** Globs on test ids (picomatch). */
  tests: readonly string[];
  matchesTest: ((testId: string) => boolean) | null;
  /** Only failures in these categories (null: any failure). */
  categories: readonly Category[] | null;
  mode: KnownIssueMode;
  issue: IssueRef | null;
  /** Markdown, one line. */
  fix: string | null;
  /** YYYY-MM-DD: after it the rule still matches, with a warning. */
  expires: string | null;
  /** Where the rule is written, for warnings: the config file or the preset. */
  origin: { file: string; path: string; line: number | null };
}

export interface TriageConfig {
  /** The file read, or null for the defaults. */
  file: string | null;
  extends: string | null;
  /** User rules in order, then the preset's (a user rule with a preset rule's id replaces it). */
  knownIssues: readonly KnownIssueRule[];
  rerun: { command: string | null; rejudgeCommand: string | null };
}

export const DEFAULT_CONFIG: TriageConfig = {
  file: null,
  extends: null,
  knownIssues: [],
  rerun: { command: null, rejudgeCommand: null },
};
