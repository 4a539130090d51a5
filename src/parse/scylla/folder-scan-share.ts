// The failing folders' scan (folder-findings.ts), shared with the log helper thread once its logs are parsed:
// the analysis thread scanned them alone, the second core idle if the logs were done first (0.6-0.9 s of a
// 20,000-test run with small logs, now 0.5; on the bench's 10,000 tests with 1 GB of logs the helper is
// rarely done in time to take much, bench/notes.md). Both threads claim folders from one queue. The findings and warnings come back in
// folder order whoever scanned which folder, and a folder the helper claimed but never answered (it died, or
// the scan threw there) is scanned here, where an error is the analysis's own as before.

import type { OnDisk, ResultsSource } from '../../ingest/source.js';
import type { Warning } from '../../model.js';
import { emptyArray } from '../../util/exact-array.js';
import { mapLimit } from '../../util/map-limit.js';
import { scanFolderFindings, type FolderFindings } from './folder-findings.js';

/** One folder's scan, on whichever thread: its findings and the warnings it raised, in order. */
export interface FolderOutcome {
  findings: FolderFindings;
  warnings: Warning[];
}

/** The log helper's side of the folder scan (log-helper.ts). */
export interface FolderScanHelper {
  /** Gives the helper `folders`, read from `onDisk`: it claims them from the shared queue once its logs are done. */
  share(folders: readonly string[], onDisk: OnDisk): void;
  /** The next folder nobody has claimed yet, now this thread's; -1 when every one is taken. */
  claim(): number;
  /** What the helper has sent so far, by folder index: taken in by the log scan's `poll`. */
  received(): ReadonlyMap<number, FolderOutcome>;
  /** Settles when the helper has stopped (done, or failed): nothing more will be received. */
  stopped(): Promise<void>;
}

const IO_CONCURRENCY = 16;
/** Folders scanned between two looks at what the helper has sent (a look is one native call). */
const POLL_EVERY = 64;

/** One folder scanned, its warnings kept with it (on either thread: log-helper-folders.ts too). */
export async function scanFolder(source: ResultsSource, folder: string): Promise<FolderOutcome> {
  const warnings: Warning[] = [];
  const findings = await scanFolderFindings(source, folder, (file, path, message) =>
    warnings.push({ file, path, message }),
  );
  return { findings, warnings };
}

/** Every folder's findings, in the order given; warnings go to `warn` folder by folder, in that order too. */
export async function scanFolders(
  source: ResultsSource,
  folders: readonly string[],
  warn: (warning: Warning) => void,
  helper?: FolderScanHelper,
  poll: () => void = () => {},
): Promise<FolderFindings[]> {
  const outcomes: (FolderOutcome | undefined)[] = new Array(folders.length);
  const scanHere = (index: number) => scanFolder(source, folders[index]!);
  const onDisk = source.onDisk;
  if (helper && onDisk && folders.length > 0) {
    helper.share(folders, onDisk);
    for (let index = helper.claim(), n = 0; index !== -1; index = helper.claim(), n++) {
      if (n % POLL_EVERY === 0) poll();
      outcomes[index] = await scanHere(index);
    }
    poll();
    // The helper's claims are the indexes not scanned here: wait only while one of them has no answer yet.
    for (let index = 0; index < folders.length; index++) {
      if (outcomes[index] === undefined && !helper.received().has(index)) {
        await helper.stopped();
        break;
      }
    }
    for (const [index, outcome] of helper.received()) outcomes[index] ??= adopt(outcome);
  } else {
    const scanned = await mapLimit(folders, IO_CONCURRENCY, (_name, index) => {
      if (index % POLL_EVERY === 0) poll();
      return scanHere(index);
    });
    scanned.forEach((outcome, index) => (outcomes[index] = outcome));
  }
  const findings: FolderFindings[] = [];
  for (let index = 0; index < folders.length; index++) {
    const outcome = outcomes[index] ?? (await scanHere(index));
    outcomes[index] = undefined;
    for (const warning of outcome.warnings) warn(warning);
    findings.push(outcome.findings);
  }
  return findings;
}

/**
 * An outcome the helper sent, made again as one scanned here is: a message brings a new empty array for each
 * empty list, where a scan here shares one (util/exact-array.ts), and objects of another shape than the literal.
 */
function adopt({ findings, warnings }: FolderOutcome): FolderOutcome {
  const list = <T>(items: T[]): T[] => (items.length === 0 ? emptyArray() : items);
  return {
    findings: {
      workerErrors: list(findings.workerErrors),
      judgeFailures: list(findings.judgeFailures),
      rateLimits: list(findings.rateLimits),
      agentErrors: list(findings.agentErrors),
    },
    warnings,
  };
}
