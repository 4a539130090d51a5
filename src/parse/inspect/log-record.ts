// One Inspect log as the adapter keeps it, whichever format it came in: the header facts that identify the
// task and the run, and per sample only what decides a verdict. Built by read-eval-log.ts / read-json-log.ts.

import { InputError } from '../../errors.js';
import { parseJsonTolerant } from '../json-tolerant.js';
import type { LogStatus } from './schemas.js';
import type { ScoreVerdict } from './scores.js';
import type { Usage } from './usage.js';

export interface ErrorRecord {
  message: string;
  traceback: string | null;
}

export interface SampleRecord {
  id: string | number;
  epoch: number;
  /** The archive member the facts were read from (.eval), null in a .json log. */
  member: string | null;
  /** Where in that file or member: `samples[3]` in a .json log, `[12]` in summaries.json, '' for a member. */
  where: string;
  scores: ScoreVerdict | null;
  error: ErrorRecord | null;
  /** Earlier tries `--retry-on-error` (or an eval-retry) recorded; a message-less entry when only counted. */
  errorRetries: ErrorRecord[];
  limit: { type: string; value: number | null } | null;
  usage: Usage;
  startedAt: string | null;
  completedAt: string | null;
  totalTime: number | null;
  /** false only when the summary says the sample had not finished. */
  completed: boolean | null;
}

export interface InspectLog {
  /** Path relative to the results root. */
  file: string;
  format: 'eval' | 'json';
  status: LogStatus;
  /** The member the header was read from: `header.json`, or `_journal/start.json` for a crashed log. */
  headerMember: string | null;
  task: string;
  taskId: string | null;
  model: string | null;
  judgeModel: string | null;
  /** task_args as canonical text (`k=v,…`), '' when none. */
  taskArgs: string;
  created: string | null;
  startedAt: string | null;
  completedAt: string | null;
  epochs: number | null;
  sampleIds: (string | number)[] | null;
  error: ErrorRecord | null;
  samples: SampleRecord[];
}

export type LogWarn = (member: string | null, path: string, message: string) => void;

/** JSON as Python writes it: JSON.parse first (fast); bare NaN/Infinity through the tolerant parser. */
export function parseLogJson(text: string, where: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    return parseJsonTolerant(body, where).value;
  }
}

/** An error as a warning's message; the file or member it names itself is dropped (the warning names it). */
export function describeError(error: unknown, name: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.lastIndexOf(`${name}: `);
  const text = at >= 0 ? message.slice(at + name.length + 2) : message;
  return error instanceof InputError ? text : `could not be read (${text})`;
}

/** `k=v,k2=v2`, keys sorted: the same arguments give the same text in every log. */
export function canonicalArgs(args: Record<string, unknown> | null | undefined): string {
  return Object.keys(args ?? {})
    .sort()
    .map((key) => {
      const value = args![key];
      return `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
    })
    .join(',');
}
