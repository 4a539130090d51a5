// The failing folders' scan, here or shared with the log helper: the same findings and the same warnings in the
// same order whoever scanned which folder, and whatever became of the helper.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs script without types
import { makeBatch } from '../../../scripts/make-batch.mjs';
import { DirectorySource } from '../../../src/ingest/directory.js';
import { scopeSource, type OnDisk, type ResultsSource } from '../../../src/ingest/source.js';
import type { Warning } from '../../../src/model.js';
import { scanFolderFindings } from '../../../src/parse/scylla/folder-findings.js';
import { scanFolders, type FolderOutcome, type FolderScanHelper } from '../../../src/parse/scylla/folder-scan-share.js';

let work: string;
let source: DirectorySource;
let folders: string[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'e2e-triage-folder-scan-'));
  makeBatch({ out: work, tests: 30, threads: 2, seed: 4 });
  folders = readdirSync(work)
    .filter((name) => /^\d{4}-/.test(name))
    .sort();
  // Warnings from some folders: a judge file that is not JSON, a tier result that is a link.
  const [first, second] = folders;
  mkdirSync(join(work, first!, 'T0', '00', 'run_01', 'judge'), { recursive: true });
  writeFileSync(join(work, first!, 'T0', '00', 'run_01', 'judge', 'result.json'), '{ not json');
  writeFileSync(join(work, first!, 'T0', '00', 'run_01', 'run_result.json'), '[1,');
  mkdirSync(join(work, second!, 'T2'), { recursive: true });
  symlinkSync('/etc/passwd', join(work, second!, 'T2', 'result.json'));
  source = new DirectorySource(work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each folder scanned here, one after the other: what any split must come back to. */
async function expected(names: readonly string[], from: ResultsSource = source) {
  const warnings: Warning[] = [];
  const findings = [];
  for (const name of names)
    findings.push(
      await scanFolderFindings(from, name, (file, path, message) => warnings.push({ file, path, message })),
    );
  return { findings, warnings };
}

async function scanned(names: readonly string[], helper?: FolderScanHelper, from: ResultsSource = source) {
  const warnings: Warning[] = [];
  const findings = await scanFolders(from, names, (w) => warnings.push(w), helper);
  return { findings, warnings };
}

/**
 * A helper that claims `take` folders from the shared queue as soon as it is given them, and answers
 * `answer(index)` for each (an outcome, or nothing: it died), in reverse order, some before it stops.
 */
function fakeHelper(
  take: number,
  answer: (index: number, name: string, onDisk: OnDisk) => Promise<FolderOutcome | null>,
) {
  const received = new Map<number, FolderOutcome>();
  const log: string[] = [];
  let count = 0;
  let next = 0;
  let work: Promise<void> = Promise.resolve();
  const helper: FolderScanHelper = {
    share(names, onDisk) {
      log.push(`share ${names.length} ${onDisk.root} '${onDisk.scope}'`);
      count = names.length;
      const claimed = [...Array(Math.min(take, names.length)).keys()];
      next = claimed.length;
      work = (async () => {
        for (const index of claimed.reverse()) {
          const outcome = await answer(index, names[index]!, onDisk);
          // A message brings a copy.
          if (outcome) received.set(index, structuredClone(outcome));
        }
      })();
    },
    claim: () => (next < count ? next++ : -1),
    received: () => received,
    stopped: async () => {
      log.push('waited');
      await work;
    },
  };
  return { helper, log };
}

/** What the helper thread does (log-helper-folders.ts): a source of its own on the same folder, scoped alike. */
async function scanThere(_index: number, name: string, { root, scope }: OnDisk): Promise<FolderOutcome> {
  const own = scopeSource(new DirectorySource(root), scope);
  const warnings: Warning[] = [];
  const findings = await scanFolderFindings(own, name, (file, path, message) => warnings.push({ file, path, message }));
  return { findings, warnings };
}

describe('scanFolders', () => {
  it('scans every folder here without a helper, with the findings and warnings of a scan one by one', async () => {
    const want = await expected(folders);
    expect(want.findings.some((f) => f.judgeFailures.length > 0)).toBe(true);
    expect(want.findings.some((f) => f.workerErrors.length > 0)).toBe(true);
    expect(want.warnings.map((w) => w.file)).toEqual([
      `${folders[0]}/T0/00/run_01/judge/result.json`,
      `${folders[0]}/T0/00/run_01/run_result.json`,
      `${folders[1]}/T2/result.json`,
    ]);
    expect(await scanned(folders)).toEqual(want);
  });

  it('shares the folders with the helper, takes what it leaves, and puts the warnings in folder order', async () => {
    const { helper, log } = fakeHelper(2, scanThere);
    const result = await scanned(folders, helper);
    expect(result).toEqual(await expected(folders));
    expect(log[0]).toBe(`share ${folders.length} ${work} ''`);
    // The helper's copies are made again as a scan here makes them: its empty lists are the one empty list.
    for (const findings of result.findings)
      for (const list of Object.values(findings)) if (list.length === 0) expect(Object.isFrozen(list)).toBe(true);
  });

  it('scans here the folders the helper claimed and never answered (it died), after it stopped', async () => {
    const { helper, log } = fakeHelper(5, async (index, name, onDisk) =>
      index === 1 || index === 3 ? null : scanThere(index, name, onDisk),
    );
    expect(await scanned(folders, helper)).toEqual(await expected(folders));
    expect(log).toContain('waited');
  });

  it('does not wait for a helper that claimed nothing, and scans here an error the helper met', async () => {
    const idle = fakeHelper(0, scanThere);
    expect(await scanned(folders, idle.helper)).toEqual(await expected(folders));
    expect(idle.log).not.toContain('waited');

    // A folder whose scan throws (unreadable): the helper leaves it unanswered (log-helper-folders.ts) and the
    // scan here meets the error, as it would have alone.
    const unreadable: ResultsSource = {
      ...source,
      label: source.label,
      onDisk: source.onDisk,
      list: async (dir) => {
        if (dir === folders[2]) throw new Error(`EACCES: permission denied, scandir '${dir}'`);
        return source.list(dir);
      },
      readText: (file) => source.readText(file),
      chunks: (file) => source.chunks(file),
      archive: (file) => source.archive(file),
    };
    const throwing = fakeHelper(4, async (index, name, onDisk) =>
      index === 2 ? null : scanThere(index, name, onDisk),
    );
    await expect(scanned(folders, throwing.helper, unreadable)).rejects.toThrow(
      `EACCES: permission denied, scandir '${folders[2]}'`,
    );
    expect(throwing.log).toContain('waited');
  });

  it('gives the helper the scope the results were found in, and nothing when not on disk', async () => {
    const outer = mkdtempSync(join(tmpdir(), 'e2e-triage-folder-scope-'));
    try {
      makeBatch({ out: join(outer, 'artifact', 'results'), tests: 12, threads: 1, seed: 6 });
      const scoped = scopeSource(new DirectorySource(outer), 'artifact/results');
      const names = readdirSync(join(outer, 'artifact', 'results'))
        .filter((name) => /^\d{4}-/.test(name))
        .sort();
      const { helper, log } = fakeHelper(3, scanThere);
      expect(await scanned(names, helper, scoped)).toEqual(await expected(names, scoped));
      expect(log[0]).toBe(`share ${names.length} ${outer} 'artifact/results'`);
    } finally {
      rmSync(outer, { recursive: true, force: true });
    }
    const notOnDisk: ResultsSource = {
      label: 'in memory',
      list: (dir) => source.list(dir),
      readText: (file) => source.readText(file),
      chunks: (file) => source.chunks(file),
      archive: (file) => source.archive(file),
    };
    const unused = fakeHelper(3, scanThere);
    expect(await scanned(folders, unused.helper, notOnDisk)).toEqual(await expected(folders));
    expect(unused.log).toEqual([]);
    // Narrowed to some files (the command line named them), a source is not shared either.
    expect(new DirectorySource(work, undefined, ['batch_summary.json']).onDisk).toBeUndefined();
  });
});
