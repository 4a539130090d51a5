// The thread logs of a batch, parsed file by file. Each file is independent of the others, so a large batch's
// logs (a gigabyte at 10,000 tests) can be shared with a helper thread that the caller provides: the helper
// starts on them while this thread reads the result folders, then both take the files left, one at a time,
// from one queue. Without a helper, or for whatever it did not finish, the files are parsed here. The blocks
// come back in file order either way, so the result does not depend on who parsed what.

import type { ResultsSource } from '../../ingest/source.js';
import { emptyArray } from '../../util/exact-array.js';
import { firstCopy, intern } from '../../util/intern.js';
import type { FolderScanHelper } from './folder-scan-share.js';
import { parseThreadLog, type LogBlock } from './thread-log.js';

/** A file for the helper: its name in the results (LogBlock.file) and where it is on disk. */
export interface HelperFile {
  file: string;
  path: string;
}

/** What the helper made of the files it claimed: blocks, or why the file could not be read. */
export type HelperOutcome = { blocks: LogBlock[] } | { error: string };

/** One file's outcome, on whichever thread parses it: a file that cannot be read is an answer, not a throw. */
export async function parseLogFile(file: string, chunks: AsyncIterable<Buffer>): Promise<HelperOutcome> {
  try {
    return { blocks: await parseThreadLog(file, chunks) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Parses thread logs on another thread (the CLI's helper for large batches). */
export interface LogScanHelper {
  start(files: readonly HelperFile[]): HelperScan;
}

export interface HelperScan {
  /** The next file nobody has claimed yet, now this thread's; -1 when every file is taken. */
  claim(): number;
  /**
   * Takes in, without waiting, what the helper has sent so far. Its answers otherwise wait as messages until
   * `finished`, and are then held twice for a moment, as messages and as blocks: at 100,000 tests that was
   * about 90 MB more at the run's peak.
   */
  poll(): void;
  /**
   * Settles when the helper has stopped (done, or failed): its outcomes by file index. A file it claimed
   * but did not finish is missing, and is parsed by the caller. Until this is called, the helper does not keep
   * the process alive: an analysis that fails before it waits for the logs is not held up by them. Called
   * before any folders were shared (`folders`), it tells the helper there are none: it ends after its logs.
   */
  finished(): Promise<Map<number, HelperOutcome>>;
  /** The same thread's help with the failing folders, once its logs are done (folder-scan-share.ts). */
  folders?: FolderScanHelper;
}

export interface LogScanResult {
  blocks: LogBlock[];
  /** Files that could not be read, with the reason. */
  failures: { file: string; message: string }[];
}

export interface LogScan {
  /** Takes in what the helper has finished so far (see HelperScan.poll): call it now and then meanwhile. */
  poll(): void;
  /** The helper's help with the failing folders, when it has a thread that can give it; before `finish` only. */
  folders: FolderScanHelper | undefined;
  /** Parses what is left on this thread, waits for the helper, and returns every file's blocks in file order. */
  finish(): Promise<LogScanResult>;
}

/**
 * Starts the helper on `files` when given one (the CLI lends one to large batches only: a thread costs some
 * 30 ms to start) and the files are on disk; even one file is worth it, parsed there while the folders are
 * read here. `finish` collects.
 */
export function startLogScan(source: ResultsSource, files: readonly string[], helper?: LogScanHelper): LogScan {
  const diskPath = source.diskPath?.bind(source);
  const scan =
    helper && diskPath && files.length > 0 ? helper.start(files.map((file) => ({ file, path: diskPath(file) }))) : null;
  const outcomes: (HelperOutcome | undefined)[] = new Array(files.length);
  const parseHere = (index: number) => parseLogFile(files[index]!, source.chunks(files[index]!));
  return {
    poll: () => scan?.poll(),
    folders: scan?.folders,
    async finish() {
      const copied = new Set<number>();
      if (scan) {
        for (let index = scan.claim(); index !== -1; index = scan.claim()) outcomes[index] = await parseHere(index);
        const answers = await scan.finished();
        for (const [index, outcome] of answers) {
          if (outcomes[index]) continue;
          outcomes[index] = outcome;
          copied.add(index);
        }
        // The helper's side can outlive the scan (its thread's listeners): it must not keep the blocks alive.
        answers.clear();
      }
      const result: LogScanResult = { blocks: [], failures: [] };
      const flags = new Map<string, string>();
      for (let index = 0; index < files.length; index++) {
        const outcome = outcomes[index] ?? (await parseHere(index));
        outcomes[index] = undefined;
        if ('error' in outcome) {
          result.failures.push({ file: files[index]!, message: outcome.error });
          continue;
        }
        const file = files[index]!;
        if (copied.has(index)) for (const block of outcome.blocks) result.blocks.push(adoptBlock(block, file, flags));
        else for (const block of outcome.blocks) result.blocks.push(block);
      }
      return result;
    },
  };
}

/**
 * A block the helper sent, made again as a block parsed here is. A message brings a copy of every string in
 * it (the file name, the runner's flags, each tier's name and error's kind) and makes its objects property by
 * property, past the room a literal has (a second array for each: 12 MB of property arrays on 100,000 tests).
 * The same properties in the same order as parseThreadLog's, so both share one shape.
 */
function adoptBlock(copy: LogBlock, file: string, flags: Map<string, string>): LogBlock {
  const experiment = copy.experiment;
  return {
    file,
    thread: copy.thread,
    testId: copy.testId,
    line: copy.line,
    startedAt: copy.startedAt,
    completedAt: copy.completedAt,
    durationSeconds: copy.durationSeconds,
    exitCode: copy.exitCode,
    flags: copy.flags === null ? null : firstCopy(flags, copy.flags),
    complete: copy.complete,
    experiment: experiment && {
      line: experiment.line,
      durationSeconds: experiment.durationSeconds,
      totalCost: experiment.totalCost,
      bestTier: intern(experiment.bestTier),
      bestSubtest: intern(experiment.bestSubtest),
      frontierCop: experiment.frontierCop,
      noPassingResults: experiment.noPassingResults,
      tiers: experiment.tiers.map((t) => ({ tier: intern(t.tier), passed: t.passed, score: t.score, cost: t.cost })),
    },
    errors:
      copy.errors.length === 0
        ? emptyArray()
        : copy.errors.map((e) => ({ line: e.line, text: e.text, kind: intern(e.kind) })),
    session: copy.session,
  };
}
