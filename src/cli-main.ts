// e2e-triage <results> [--out DIR] [--format HARNESS] [--json] [--issue-mode MODE] [--issue-label NAME] [--baseline PATH] [--debug]
// Exit 0 when the analysis completed (failing tests are not an error), 1 on unusable input, 2 on usage errors.

import { once } from 'node:events';
import { statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { InputError, UsageError, formatError } from './errors.js';
import { readBaselineFile } from './ingest/baseline-file.js';
import { openResults } from './ingest/open-results.js';
import { HARNESSES, type Harness, type TriageResult } from './model.js';
import { analyze } from './pipeline.js';
import { writeFiles } from './publish/local-files.js';
import { issueLabel, triageJsonParts, type IssueMode } from './render/index.js';
import { VERSION } from './version.js';

const USAGE = `Usage: e2e-triage <results> [options]

Triage an end-to-end evaluation batch: categorise every test, find masked passes,
root causes and cascades, and write the analysis folder (README.md, analysis.md,
failures/, issues/, file_issues.sh, triage.json).

<results> is a results folder or a zip of one (ProjectScylla: the folder holding
batch_summary.json; Inspect AI: a folder of logs), or one result file (an Inspect
.eval or .json log, a promptfoo output .json or .jsonl).

Options:
  --out DIR                output folder (default: <results>/analysis)
  --format HARNESS         read the results as scylla, inspect or promptfoo
                           (default: recognised from the files)
  --issue-mode MODE        per-test (default) or per-root-cause
  --issue-label NAME       label every filed issue gets (default: e2e-triage)
  --baseline PATH          previous triage.json (or its folder) to compare with
  --json                   print triage.json to stdout instead of the summary
  --debug                  show stack traces
  -h, --help               show this help
  -v, --version            show the version`;

interface CliOptions {
  input: string;
  out: string | null;
  harness: Harness | undefined;
  issueMode: IssueMode;
  issueLabel: string;
  json: boolean;
  debug: boolean;
  baseline: string | null;
}

function parseCli(argv: string[]): CliOptions | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        format: { type: 'string' },
        'issue-mode': { type: 'string' },
        'issue-label': { type: 'string' },
        json: { type: 'boolean' },
        baseline: { type: 'string' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(formatError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  if (positionals.length !== 1) throw new UsageError('expected exactly one results folder, zip or result file');
  const format = values.format;
  if (format !== undefined && !HARNESSES.includes(format as Harness)) {
    throw new UsageError(`--format must be ${HARNESSES.join(', ')}, not ${JSON.stringify(format)}`);
  }
  const issueMode = values['issue-mode'] ?? 'per-test';
  if (issueMode !== 'per-test' && issueMode !== 'per-root-cause') {
    throw new UsageError(`--issue-mode must be per-test or per-root-cause, not ${JSON.stringify(issueMode)}`);
  }
  return {
    input: positionals[0]!,
    out: values.out ?? null,
    harness: format as Harness | undefined,
    issueMode,
    issueLabel: checkedLabel('--issue-label', values['issue-label']),
    json: values.json ?? false,
    debug: values.debug ?? false,
    baseline: values.baseline ?? null,
  };
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
  if (statSync(full, { throwIfNoEntry: false })?.isFile() || extname(full).toLowerCase() === '.zip')
    return join(dirname(full), `${basename(full, extname(full))}-analysis`);
  return join(full, 'analysis');
}

/** Artifact text reaches a terminal here: control characters could drive it, so they are shown as '?'. */
function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const usd = (value: number | null) => (value === null ? 'n/a' : `$${value.toFixed(2)}`);

function summaryTable(result: TriageResult, outDir: string, fileCount: number): string {
  const s = result.summary;
  const b = result.batch;
  const rows: [string, string][] = [
    ['tests', String(s.total)],
    ['passed', `${s.passed} (${pct(s.passRate)})`],
    ['failed', String(s.failed)],
    ['errors', String(s.errors)],
    ['framework bugs', String(s.frameworkBugs)],
    ['model failures', String(s.modelFailures)],
    ['infrastructure', String(s.infrastructure)],
    ['unknown', String(s.unknown)],
    ['masked passes', String(s.maskedPasses)],
    ['corrected pass rate', `${s.correctedPassed} (${pct(s.correctedPassRate)})`],
    ['total cost', usd(s.totalCost)],
    ['cost of passes', usd(s.passCost)],
    ['mean / median CoP', `${usd(s.meanCop)} / ${usd(s.medianCop)}`],
    ['root causes', String(result.rootCauses.length)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [
    `e2e-triage ${VERSION}: ${b.source} (${[
      b.format,
      `model ${b.model ?? '?'}`,
      b.threads === null ? null : `${b.threads} threads`,
      s.sessions > 0 ? `${s.sessions} log sessions` : null,
    ]
      .filter(Boolean)
      .join(', ')})`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
  ];
  for (const rc of result.rootCauses.slice(0, 3)) {
    const cascade = rc.causedBy ? `, cascade of ${rc.causedBy}` : '';
    lines.push(`  ${rc.id} ${rc.category} x${rc.tests.length}${cascade}: ${rc.signature.slice(0, 100)}`);
  }
  if (result.comparison === null) lines.push('  since last batch: no previous analysis found');
  else if (result.comparison && !result.comparison.comparable)
    lines.push(`  since last batch: not compared, ${result.comparison.reason}`);
  else if (result.comparison) {
    const c = result.comparison.counts;
    lines.push(
      `  since last batch: ${c['new-failure']} new failures, ${c.fixed} fixed, ${c['still-failing']} still failing, ${c['new-test']} new, ${c.removed} removed`,
    );
  }
  if (result.warnings.length > 0) {
    lines.push(`  ${result.warnings.length} warning(s): data skipped, see analysis.md`);
    for (const w of result.warnings.slice(0, 5))
      lines.push(`    ${w.file}${w.path ? `: ${w.path}` : ''}: ${w.message}`);
  }
  lines.push(`Wrote ${fileCount} files to ${outDir}`);
  return terminalSafe(lines.join('\n'));
}

/** Writes a long text piece by piece, waiting when the pipe is full instead of buffering it all. */
async function writeParts(out: NodeJS.WritableStream, parts: Iterable<string>): Promise<void> {
  for (const part of parts) {
    if (!out.write(part)) await once(out, 'drain');
  }
}

export async function main(argv: string[], stderrIsTTY = Boolean(process.stderr.isTTY)): Promise<number> {
  let options: CliOptions | 'help' | 'version';
  try {
    options = parseCli(argv);
  } catch (error) {
    process.stderr.write(`e2e-triage: ${formatError(error)}\n${USAGE.split('\n')[0]}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const outDir = resolve(options.out ?? defaultOut(options.input));
  let opened: Awaited<ReturnType<typeof openResults>> | null = null;
  try {
    opened = await openResults(options.input);
    if (stderrIsTTY && !options.json) process.stderr.write(`Analysing ${terminalSafe(options.input)}…\n`);
    const baseline = options.baseline === null ? undefined : await readBaselineFile(options.baseline);
    const { triage, files } = await analyze(opened.source, {
      issueMode: options.issueMode,
      harness: options.harness,
      issueLabel: options.issueLabel,
      baseline,
    });
    const count = writeFiles(outDir, files);
    if (options.json) await writeParts(process.stdout, triageJsonParts(triage));
    else process.stdout.write(`${summaryTable(triage, outDir, count)}\n`);
    return 0;
  } catch (error) {
    if (options.debug)
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    const prefix = error instanceof InputError || error instanceof UsageError ? '' : 'unexpected error: ';
    process.stderr.write(`e2e-triage: ${prefix}${terminalSafe(formatError(error))}\n`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await opened?.cleanup();
  }
}
