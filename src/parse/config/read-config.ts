// .github/e2e-triage.yml from its text to a TriageConfig: YAML with line numbers, the zod shape, then the
// checks a schema cannot make. Every problem is one line naming the file, the line and the key. Pure.

import picomatch from 'picomatch';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

import { formatPath, UsageError } from '../../errors.js';
import type { KnownIssueMode } from '../../model.js';
import { CONFIG_FILE } from './file-name.js';
import { parseIssueRef } from './issue-ref.js';
import { PRESETS } from './presets.js';
import { ConfigFile, type KnownIssueEntryData } from './schema.js';
import { DEFAULT_CONFIG, type KnownIssueRule, type TriageConfig } from './types.js';

/** A config that cannot be used: `file:line: path: message`. */
export class ConfigError extends UsageError {}

const MAX_PATTERN = 1000;

export function parseConfig(text: string, file: string = CONFIG_FILE): TriageConfig {
  const own = readRules(text, file);
  if (!own.extends) return own;
  const preset = PRESETS[own.extends];
  if (preset === undefined) {
    throw own.error(
      ['extends'],
      `unknown preset ${JSON.stringify(own.extends)}; presets: ${Object.keys(PRESETS).join(', ')}`,
    );
  }
  const inherited = readRules(preset, `preset ${own.extends}`);
  const ids = new Set(own.knownIssues.map((r) => r.id));
  return {
    file,
    extends: own.extends,
    knownIssues: [...own.knownIssues, ...inherited.knownIssues.filter((r) => !ids.has(r.id))],
    rerun: {
      command: own.rerun.command ?? inherited.rerun.command,
      rejudgeCommand: own.rerun.rejudgeCommand ?? inherited.rerun.rejudgeCommand,
    },
  };
}

type Path = readonly (string | number)[];

function readRules(text: string, file: string): TriageConfig & { error: (path: Path, message: string) => ConfigError } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number) => lines.linePos(offset).line;
  const error = (path: Path, message: string, key?: string) =>
    new ConfigError(`${file}:${lineAt(doc, path, key, lineOf) ?? 1}: ${formatPath(path) || '(root)'}: ${message}`);
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lineOf(syntax.pos[0]);
    throw new ConfigError(`${file}:${line}: not valid YAML: ${syntax.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS() ?? {};
  const parsed = ConfigFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // `issue: #12` unquoted is a YAML comment: the key is there with nothing in it.
    const empty = unknown === undefined && path.length > 0 && valueAt(data, path) === null;
    const message = empty
      ? 'empty (a value that starts with # must be quoted: # starts a YAML comment)'
      : issue.message;
    throw error(unknown === undefined ? path : [...path, unknown], message, unknown);
  }
  const value = parsed.data;
  const seen = new Map<string, number>();
  const knownIssues = (value['known-issues'] ?? []).map((entry, i) => {
    const path = ['known-issues', i];
    const first = seen.get(entry.id);
    if (first !== undefined) throw error([...path, 'id'], `${entry.id} is already the id of known-issues[${first}]`);
    seen.set(entry.id, i);
    return rule(entry, path, (p, m) => error(p, m), {
      file,
      path: formatPath(path),
      line: lineAt(doc, path, undefined, lineOf),
    });
  });
  return {
    ...DEFAULT_CONFIG,
    file,
    extends: value.extends ?? null,
    knownIssues,
    rerun: { command: value.rerun?.command ?? null, rejudgeCommand: value.rerun?.['rejudge-command'] ?? null },
    error,
  };
}

function rule(
  entry: KnownIssueEntryData,
  path: Path,
  error: (path: Path, message: string) => ConfigError,
  origin: KnownIssueRule['origin'],
): KnownIssueRule {
  if (entry.match === undefined && entry.tests === undefined) {
    throw error(path, `${entry.id}: give match, tests or both (a rule with neither would claim every failure)`);
  }
  const tests = entry.tests === undefined ? [] : typeof entry.tests === 'string' ? [entry.tests] : entry.tests;
  tests.forEach((glob, i) => {
    const at = typeof entry.tests === 'string' ? [...path, 'tests'] : [...path, 'tests', i];
    if (glob.trim() === '') throw error(at, 'an empty glob matches nothing');
    try {
      picomatch.makeRe(glob, { strictBrackets: true });
    } catch (e) {
      throw error(at, `not a valid glob: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  let match: RegExp | null = null;
  if (entry.match !== undefined) {
    if (entry.match.length > MAX_PATTERN) throw error([...path, 'match'], `longer than ${MAX_PATTERN} characters`);
    try {
      match = new RegExp(entry.match);
    } catch (e) {
      throw error([...path, 'match'], `not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const issue = entry.issue === undefined ? null : parseIssueRef(entry.issue);
  if (entry.issue !== undefined && !issue) {
    throw error([...path, 'issue'], `${JSON.stringify(entry.issue)} is not #123, owner/repo#123 or an issue URL`);
  }
  if (entry.expires !== undefined && !isDate(entry.expires)) {
    throw error([...path, 'expires'], `${JSON.stringify(entry.expires)} is not a date (YYYY-MM-DD)`);
  }
  const matchers = tests.map((glob) => picomatch(glob, { strictBrackets: true, dot: true }));
  return {
    id: entry.id,
    match,
    tests,
    matchesTest: matchers.length === 0 ? null : (id) => matchers.some((m) => m(id)),
    categories: entry.categories ?? null,
    mode: (entry.mode ?? 'known') as KnownIssueMode,
    issue,
    fix: entry.fix?.trim() || null,
    expires: entry.expires ?? null,
    origin,
  };
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The line of the node at `path` (of its key `key` when given), or of the nearest ancestor that has one. */
function lineAt(doc: Document, path: Path, key: string | undefined, lineOf: (offset: number) => number): number | null {
  if (key !== undefined) {
    const parent = doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
      const range = isScalar(pair?.key) ? pair.key.range : undefined;
      if (range) return lineOf(range[0]);
    }
  }
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lineOf(range[0]);
  }
  return null;
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}
