import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI = resolve('dist/cli.js');

/** The files every analysis folder has, whatever the batch. */
export const ANALYSIS_FILES = [
  'README.md',
  'analysis.md',
  'failures/summary.md',
  'issues/epic.md',
  'file_issues.sh',
  'triage.json',
];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI exactly as a user would, with plain node and no loader. */
export function runCli(args: string[], node = process.execPath): Promise<CliRun> {
  return runProcess(node, [CLI, ...args]);
}

/** A child process, asynchronously (stand-ins may live in this process), with its output collected. */
export function runProcess(
  cmd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}
