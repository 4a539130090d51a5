import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';

import { parseBatch } from '../../src/parse/index.js';
import { openResults } from '../../src/ingest/open-results.js';
import { manyEntriesZip } from '../helpers/many-entries-zip.js';
import { DEFAULT_ZIP_LIMITS } from '../../src/ingest/zip-limits.js';
import { extractZip } from '../../src/ingest/zip.js';

type Entry = { name: string; data?: Buffer; mode?: number; dir?: boolean; stored?: boolean };

async function makeZip(entries: Entry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (e.dir) zip.addEmptyDirectory(e.name);
    else
      zip.addBuffer(e.data ?? Buffer.from(`content of ${e.name}\n`), e.name, {
        ...(e.mode ? { mode: e.mode } : {}),
        ...(e.stored ? { compress: false } : {}),
      });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** yazl refuses hostile names, as it should: write a harmless one and swap the bytes for the same length. */
function rename(zip: Buffer, from: string, to: string): Buffer {
  expect(to.length).toBe(from.length);
  const out = Buffer.from(zip);
  let at = out.indexOf(from);
  while (at !== -1) {
    out.write(to, at, 'latin1');
    at = out.indexOf(from, at + from.length);
  }
  return out;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-triage-zip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function attempt(zip: Buffer, limits = DEFAULT_ZIP_LIMITS): Promise<{ error: string | null; dest: string }> {
  const path = join(dir, 'in.zip');
  await writeFile(path, zip);
  const dest = join(dir, 'out', 'results');
  try {
    await extractZip(path, dest, limits);
    return { error: null, dest };
  } catch (error) {
    return { error: (error as Error).message, dest };
  }
}

describe('extractZip', () => {
  it('extracts a good archive, folders included', async () => {
    const { error, dest } = await attempt(
      await makeZip([
        { name: 'r/', dir: true },
        { name: 'r/batch_summary.json', data: Buffer.from('{"results": []}') },
        { name: 'r/thread_logs/thread_0.log' },
      ]),
    );
    expect(error).toBeNull();
    expect(await readFile(join(dest, 'r', 'batch_summary.json'), 'utf8')).toBe('{"results": []}');
    expect(existsSync(join(dest, 'r', 'thread_logs', 'thread_0.log'))).toBe(true);
  });

  it.each([
    ['a `..` entry', 'aa/evil.txt', '../evil.txt', /invalid relative path|leaves the extraction folder/],
    ['an absolute path', 'tmpx/evil.txt', '/tmp/evil.txt', /absolute path/],
    ['a backslash path', 'aa/evil2.txt', '..\\evil2.txt', /invalid characters|invalid relative path/],
  ])('refuses %s, writes nothing outside, and removes the partial output', async (_label, safe, hostile, message) => {
    const zip = rename(await makeZip([{ name: 'ok.txt' }, { name: safe }]), safe, hostile);
    const { error, dest } = await attempt(zip);
    expect(error).toMatch(message);
    expect(error).toContain('in.zip');
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(join(dir, 'out', 'evil.txt'))).toBe(false);
    expect(existsSync('/tmp/evil.txt')).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(['in.zip', 'out']);
  });

  it('refuses a symbolic link entry', async () => {
    const { error } = await attempt(
      await makeZip([{ name: 'link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]),
    );
    expect(error).toMatch(/entry "link": symbolic links are not allowed/);
  });

  it('refuses a zip bomb from its declared size, before inflating it', async () => {
    const bomb = await makeZip([{ name: 'zeros.log', data: Buffer.alloc(50 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200_000);
    const { error, dest } = await attempt(bomb, { ...DEFAULT_ZIP_LIMITS, maxFileBytes: 1024 * 1024 });
    expect(error).toMatch(/52428800 bytes is over the per-file limit/);
    expect(existsSync(dest)).toBe(false);
    const total = await attempt(
      await makeZip([
        { name: 'a', data: Buffer.alloc(600) },
        { name: 'b', data: Buffer.alloc(600) },
      ]),
      { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1000 },
    );
    expect(total.error).toMatch(/over the total size limit/);
  });

  it('catches a header that lies about the size', async () => {
    const zip = await makeZip([{ name: 'liar.log', data: Buffer.alloc(5 * 1024 * 1024, 0x41) }]);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, central + 24);
    const { error, dest } = await attempt(zip);
    expect(error).toMatch(/too many bytes|more than 10 bytes|expected 10/);
    expect(existsSync(dest)).toBe(false);
  });

  it('catches a small entry whose header lies either way, stored or deflated', async () => {
    for (const stored of [false, true]) {
      for (const declared of [10, 900]) {
        const zip = await makeZip([
          { name: 'ok.json', data: Buffer.from('{"fine": true}\n') },
          { name: 'liar.json', data: Buffer.alloc(500, 0x41), stored },
        ]);
        let central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
        central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 4);
        zip.writeUInt32LE(declared, central + 24);
        const { error, dest } = await attempt(zip);
        // A stored entry's two sizes must agree: yauzl refuses that one while reading the directory.
        expect(error, `stored ${stored}, declared ${declared}`).toMatch(
          stored
            ? /size mismatch for stored file: 500 != (10|900)/
            : declared === 10
              ? /liar\.json.*more than 10 bytes/
              : /liar\.json.*inflates to 500 bytes, expected 900/,
        );
        expect(existsSync(dest)).toBe(false);
      }
    }
  });

  it('extracts stored and deflated entries, small and large, byte for byte', async () => {
    const large = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < large.length; i++) large[i] = (i * 7919) % 251;
    const entries: Entry[] = [
      { name: 'a/small-deflated.json', data: Buffer.from('{"x": 1}\n'.repeat(50)) },
      { name: 'a/small-stored.json', data: Buffer.from('{"y": 2}\n'), stored: true },
      { name: 'a/empty.txt', data: Buffer.alloc(0) },
      { name: 'b/c/large-deflated.log', data: large },
      { name: 'b/large-stored.log', data: large, stored: true },
    ];
    const { error, dest } = await attempt(await makeZip(entries));
    expect(error).toBeNull();
    for (const e of entries) expect((await readFile(join(dest, e.name))).equals(e.data!), e.name).toBe(true);
  });

  it('refuses more entries than the limit (100,000 by default), before extracting any', async () => {
    expect(DEFAULT_ZIP_LIMITS.maxEntries).toBe(100_000);
    const entries = Array.from({ length: 51 }, (_, i) => ({ name: `f/${i}`, data: Buffer.alloc(0) }));
    const { error, dest } = await attempt(await makeZip(entries), { ...DEFAULT_ZIP_LIMITS, maxEntries: 50 });
    expect(error).toMatch(/51 entries is over the limit of 50/);
    expect(existsSync(dest)).toBe(false);
  });

  it('refuses a real 100,001-entry archive with the default limits, and reads a small one of the same make', async () => {
    const { error, dest } = await attempt(manyEntriesZip(100_001));
    expect(error).toMatch(/100001 entries is over the limit of 100000/);
    expect(existsSync(dest)).toBe(false);
    const small = await attempt(manyEntriesZip(3));
    expect(small.error).toBeNull();
    expect((await readdir(join(small.dest, 'f'))).sort()).toEqual(['0', '1', '2']);
  });

  it('opens a zip whose batch sits one folder down, and cleans up after itself', async () => {
    const path = join(dir, 'results.zip');
    await writeFile(
      path,
      await makeZip([{ name: 'e2e-results/batch_summary.json', data: Buffer.from('{"results": []}') }]),
    );
    const opened = await openResults(path);
    expect(opened.source.label).toBe('results');
    expect(await opened.source.readText('e2e-results/batch_summary.json')).toBe('{"results": []}');
    // Which folder holds the results is recognised by parse.
    const parsed = await parseBatch(opened.source);
    expect(parsed.batch.harness).toBe('scylla');
    expect(parsed.warnings.map((w) => w.message)).toEqual(['the results list is empty']);
    await opened.cleanup();
    expect(existsSync(opened.root)).toBe(false);
    await expect(openResults(join(dir, 'nothing-here'))).rejects.toThrow(/no such file or folder/);
  });
});
