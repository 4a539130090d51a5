// Streaming parser for legacy thread logs (`thread_logs/thread_N.log`): one block per test attempt, framed by
// lines of 70 '='; sessions are appended to the same file. Memory stays flat whatever the file size: a block
// keeps only bounded facts (footer, EXPERIMENT COMPLETE, a capped list of error lines), never its body.

import { emptyArray } from '../../util/exact-array.js';
import { firstCopy } from '../../util/intern.js';
import { scanLines } from '../line-scanner.js';
import { ExperimentReader, type ExperimentComplete } from './thread-log-experiment.js';
import { ErrorCollector, type LogError, type LogErrorKind } from './thread-log-errors.js';
import { threadFromFileName } from './file-names.js';

export type { ExperimentComplete, LogError, LogErrorKind };
export { threadFromFileName };

export interface LogBlock {
  file: string;
  thread: number | null;
  testId: string;
  /** 1-based line of the `Starting` line. */
  line: number;
  startedAt: string | null;
  completedAt: string | null;
  durationSeconds: number | null;
  exitCode: number | null;
  /**
   * The runner's flags from the `Command:` line, without the per-test parts (`--tiers-dir <test dir>`): only
   * they are used (to spot a new invocation), and the whole line was some 230 bytes a block. One string per
   * distinct value (thread-log-scan.ts makes the helper's copies one again).
   */
  flags: string | null;
  complete: boolean;
  experiment: ExperimentComplete | null;
  errors: LogError[];
  session: number;
}

const SEP = '='.repeat(70);
const STARTING = /^\[([^\]]+)\] Starting (\S+)$/;
const COMPLETED = /^\[([^\]]+)\] Completed (\S+) in (-?[0-9.]+)s \(exit code: (-?\d+)\)$/;
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Clean a raw line: NULs, colour codes. Cheap when there is nothing to clean. */
function clean(raw: string): string {
  let line = raw;
  if (line.includes('\u0000')) line = line.replaceAll('\u0000', '');
  if (line.includes('\u001b')) line = line.replace(ANSI, '');
  return line;
}

type State =
  | 'outside' // between blocks
  | 'header' // saw SEP, expecting `Starting`
  | 'command' // saw Starting, expecting Command / SEP
  | 'body'
  | 'footer' // saw SEP inside a body: a `Completed` line may follow
  | 'closing'; // saw `Completed`, expecting SEP

/** Lines the parser can act on whatever its state; everything else is only read while it asks for all. */
const FIRST_BYTES = '=[CEUTfe\u001b\u0000';
// Rate-limit wording outside ERROR/WARNING lines (HTTP 429 only counts on ERROR/WARNING lines). Each anchor
// costs one native pass over the bytes, so keep the list short.
const ANCHORS = ['imit', 'verloaded'];

export async function parseThreadLog(file: string, chunks: AsyncIterable<Buffer>): Promise<LogBlock[]> {
  const blocks: LogBlock[] = [];
  const thread = threadFromFileName(file);
  let state: State = 'outside';
  let current: LogBlock | null = null;
  let errors: ErrorCollector | null = null;
  let experiment: ExperimentReader | null = null;
  let lastClosed: { block: LogBlock; errors: ErrorCollector } | null = null;
  const seenFlags = new Map<string, string>();
  let lineNo = 0;

  const finish = (complete: boolean) => {
    if (!current || !errors) return;
    current.complete = complete;
    current.experiment = experiment?.result() ?? null;
    current.errors = errors.result();
    blocks.push(current);
    lastClosed = complete ? { block: current, errors } : null;
    current = null;
    errors = null;
    experiment = null;
  };
  const open = (m: RegExpExecArray) => {
    current = {
      file,
      thread,
      testId: m[2]!,
      line: lineNo,
      startedAt: m[1]!,
      completedAt: null,
      durationSeconds: null,
      exitCode: null,
      flags: null,
      complete: false,
      experiment: null,
      errors: emptyArray(),
      session: 0,
    };
    errors = new ErrorCollector();
    experiment = new ExperimentReader();
    lastClosed = null;
  };

  // Outside a block, or inside an EXPERIMENT COMPLETE block or a traceback, every line matters.
  const needsEveryLine = () => state !== 'body' || (experiment?.active ?? false) || (errors?.busy ?? false);
  const scan = { firstBytes: FIRST_BYTES, anchors: ANCHORS, all: true };
  for await (const lines of scanLines(chunks, scan))
    for (const [number, raw] of lines) {
      lineNo = number;
      const line = raw.length > 0 && (raw.includes('\u0000') || raw.includes('\u001b')) ? clean(raw) : raw;
      const isSep = line.length === 70 && line === SEP;

      try {
        switch (state) {
          case 'outside': {
            if (isSep) state = 'header';
            else if (lastClosed && line.startsWith('UNEXPECTED ERROR:')) {
              const closed: { block: LogBlock; errors: ErrorCollector } = lastClosed;
              closed.errors.add(lineNo, line, 'unexpected');
              closed.block.errors = closed.errors.result();
            }
            continue;
          }
          case 'header': {
            const m = line.charCodeAt(0) === 0x5b ? STARTING.exec(line) : null;
            if (m) {
              open(m);
              state = 'command';
            } else state = isSep ? 'header' : 'outside';
            continue;
          }
          case 'command': {
            if (line.startsWith('Command: ') && line.length > 9) {
              current!.flags = firstCopy(seenFlags, commandFlags(line.slice(9)));
            } else if (isSep) state = 'body';
            continue;
          }
          case 'closing': {
            state = 'outside';
            continue;
          }
          case 'footer': {
            if (line.charCodeAt(0) === 0x5b) {
              const done = COMPLETED.exec(line);
              if (done && done[2] === current!.testId) {
                current!.completedAt = done[1]!;
                current!.durationSeconds = Number(done[3]);
                current!.exitCode = Number(done[4]);
                finish(true);
                state = 'closing';
                continue;
              }
              const start = STARTING.exec(line);
              if (start) {
                // A header right after a separator inside a body: the previous session was killed mid-test.
                finish(false);
                open(start);
                state = 'command';
                continue;
              }
            }
            // The separator was child output after all: treat both lines as body.
            state = isSep ? 'footer' : 'body';
            if (!isSep) bodyLine(line);
            continue;
          }
          case 'body': {
            if (isSep) state = 'footer';
            else bodyLine(line);
            continue;
          }
        }
      } finally {
        // The scanner decides about the next lines from this flag; only lines it hands over change the state.
        scan.all = needsEveryLine();
      }
    }
  if (current) finish(false);
  return blocks;

  function bodyLine(line: string) {
    if (line.length === 0) return;
    experiment!.feed(line, lineNo);
    errors!.feed(line, lineNo);
  }
}

/**
 * Numbers the sessions across all thread files of a batch. A batch session spans every thread and runs them
 * back to back, so a new session starts when a block begins more than `gapSeconds` after every earlier block
 * ended, or when the runner's command flags change.
 */
export function assignSessions(blocks: LogBlock[], gapSeconds = 60): number {
  const timed = blocks
    .map((block, index) => ({ block, index, start: toMs(block.startedAt) }))
    .sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || a.index - b.index);
  let session = 0;
  let latestEnd = -Infinity;
  // Flags are compared per thread file: all threads of one session share them, but a test's own
  // flags (--fresh on some runs) must not split a session when threads interleave.
  const flagsByFile = new Map<string, string>();
  let sessionFlags = new Set<string>();
  for (const { block, start } of timed) {
    const blockFlags = block.flags;
    const previous = flagsByFile.get(block.file);
    const gap = start !== null && start - latestEnd > gapSeconds * 1000;
    const changed =
      previous !== undefined && blockFlags !== null && blockFlags !== previous && !sessionFlags.has(blockFlags);
    if (session === 0 || gap || changed) {
      session++;
      sessionFlags = new Set();
      flagsByFile.clear();
    }
    block.session = session;
    if (blockFlags !== null) {
      flagsByFile.set(block.file, blockFlags);
      sessionFlags.add(blockFlags);
    }
    const end = toMs(block.completedAt) ?? start;
    if (end !== null && end > latestEnd) latestEnd = end;
  }
  return session;
}

/** The runner's flags without the per-test parts (`--tiers-dir <test dir>`), to spot a new invocation. */
function commandFlags(command: string): string {
  return command
    .replace(/--tiers-dir\s+\S+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function toMs(iso: string | null): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
