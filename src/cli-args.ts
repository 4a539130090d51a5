// The CLI's command line: what it accepts, checked before any work, a usage error naming the flag.

import { statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { CLI_OPTIONS } from './cli-options.js';
import { UsageError, formatError } from './errors.js';
import { HARNESSES, type Harness } from './model.js';
import { issueLabel, type IssueMode } from './render/index.js';
import { DEFAULT_WINDOW } from './triage/history/index.js';

export const USAGE = `Usage: e2e-triage <results> [options]
       e2e-triage history <dir> [--history-window N]

Triage an end-to-end evaluation batch: categorise every test, find masked passes,
root causes and cascades, and write the analysis folder (README.md, analysis.md,
failures/, issues/, file_issues.sh, triage.json).

<results> is a results folder or a zip of one (ProjectScylla: the folder holding
batch_summary.json; Inspect AI: a folder of logs), or one result file (an Inspect
.eval or .json log, a promptfoo output .json or .jsonl).

Options:
  --out DIR                output folder (default: <results>/analysis; with
                           --history, <history dir>/<results name>)
  --format HARNESS         read the results as scylla, inspect or promptfoo
                           (default: recognised from the files)
  --issue-mode MODE        per-test (default) or per-root-cause
  --issue-label NAME       label every filed issue gets (default: e2e-triage)
  --baseline PATH          previous triage.json (or its folder) to compare with
                           (with --history: the previous batch of the same
                           configuration in the history folder)
  --history DIR            the folder of earlier analyses: judge this batch on
                           their history, and update DIR/history.json and the
                           index DIR/README.md
  --history-window N       batches a test's state is judged on (default ${DEFAULT_WINDOW})
  --config FILE            known issues and re-run commands (default:
                           .github/e2e-triage.yml in the current folder, when
                           present; docs/configuration.md)
  --no-config              ignore .github/e2e-triage.yml
  --json                   print triage.json to stdout instead of the summary
  --debug                  show stack traces
  -h, --help               show this help
  -v, --version            show the version

e2e-triage history <dir> rebuilds <dir>/history.json and <dir>/README.md from the
analyses in <dir> (their triage.json).`;

export interface AnalyseCommand {
  command: 'analyse';
  input: string;
  out: string;
  harness: Harness | undefined;
  issueMode: IssueMode;
  issueLabel: string;
  json: boolean;
  debug: boolean;
  baseline: string | null;
  history: string | null;
  historyWindow: number;
  /** The config named by --config; null: the current folder's, when present; false: none (--no-config). */
  config: string | null | false;
}

export interface RebuildCommand {
  command: 'history';
  dir: string;
  historyWindow: number;
  debug: boolean;
}

export type Command = AnalyseCommand | RebuildCommand | { command: 'help' } | { command: 'version' };

export function parseCommandLine(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: CLI_OPTIONS,
    });
  } catch (error) {
    throw new UsageError(formatError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const historyWindow = windowOf(values['history-window']);
  if (positionals[0] === 'history' && positionals.length === 2) {
    // The rebuild writes only into DIR: an option of the analysis would be silently ignored.
    const stray = Object.keys(values).find((name) => name !== 'history-window' && name !== 'debug');
    if (stray) throw new UsageError(`history DIR takes --history-window and --debug only, not --${stray}`);
    return { command: 'history', dir: positionals[1]!, historyWindow, debug: values.debug ?? false };
  }
  if (positionals.length !== 1) throw new UsageError('expected exactly one results folder, zip or result file');
  const format = values.format;
  if (format !== undefined && !HARNESSES.includes(format as Harness)) {
    throw new UsageError(`--format must be ${HARNESSES.join(', ')}, not ${JSON.stringify(format)}`);
  }
  const issueMode = values['issue-mode'] ?? 'per-test';
  if (issueMode !== 'per-test' && issueMode !== 'per-root-cause') {
    throw new UsageError(`--issue-mode must be per-test or per-root-cause, not ${JSON.stringify(issueMode)}`);
  }
  if (values['history-window'] !== undefined && values.history === undefined) {
    throw new UsageError('--history-window needs --history DIR');
  }
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config contradict');
  const input = positionals[0]!;
  const history = values.history ?? null;
  return {
    command: 'analyse',
    input,
    out: resolve(values.out ?? (history ? join(history, runNameOf(input)) : defaultOut(input))),
    harness: format as Harness | undefined,
    issueMode,
    issueLabel: checkedLabel('--issue-label', values['issue-label']),
    json: values.json ?? false,
    debug: values.debug ?? false,
    baseline: values.baseline ?? null,
    history,
    historyWindow,
    config: values['no-config'] ? false : (values.config ?? null),
  };
}

function windowOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WINDOW;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1000) {
    throw new UsageError(`--history-window must be a whole number from 1 to 1000, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function checkedLabel(flag: string, label: string | undefined): string {
  try {
    return issueLabel(label);
  } catch (error) {
    throw new UsageError(`${flag}: ${formatError(error)}`);
  }
}

/** `<folder>/analysis`; for a zip or a single result file, `<name>-analysis/` beside it. */
function defaultOut(input: string): string {
  const full = resolve(input);
  if (isFile(full) || extname(full).toLowerCase() === '.zip')
    return join(dirname(full), `${basename(full, extname(full))}-analysis`);
  return join(full, 'analysis');
}

/** The analysis folder's name in a history folder: the results' own name, in safe characters. */
function runNameOf(input: string): string {
  const full = resolve(input);
  const name = isFile(full) ? basename(full, extname(full)) : basename(full);
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'batch';
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
