// A results folder on disk: links inside it are never followed (out of it or not), as a zip's are refused.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DirectorySource } from '../../src/ingest/directory.js';

let work: string;
let root: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'e2e-triage-directory-'));
  root = join(work, 'results');
  const outside = join(work, 'outside');
  mkdirSync(join(root, 'F', 'T0'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.json'), '{"secret":"outside"}');
  writeFileSync(join(root, 'F', 'report.json'), '{"ok":true}');
  writeFileSync(join(root, 'F', 'T0', 'result.json'), '{"tier":"T0"}');
  symlinkSync(join(outside, 'secret.json'), join(root, 'F', 'linked.json'));
  symlinkSync('report.json', join(root, 'F', 'inside.json'));
  symlinkSync(outside, join(root, 'F', 'judge'));
  symlinkSync(outside, join(root, 'G'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('DirectorySource and links', () => {
  it('reads files and folders as before, and a missing one as absent', async () => {
    const source = new DirectorySource(root);
    expect(await source.list('')).toEqual([{ name: 'F', isDirectory: true }]);
    expect(await source.list('F')).toEqual([
      { name: 'T0', isDirectory: true },
      { name: 'report.json', isDirectory: false },
    ]);
    expect(await source.readText('F/report.json')).toBe('{"ok":true}');
    expect(await source.readText('F/T0/result.json')).toBe('{"tier":"T0"}');
    expect(await source.readText('F/missing.json')).toBeNull();
    expect(await source.readText('F/T0/none/result.json')).toBeNull();
    expect(await source.list('F/completed')).toEqual([]);
  });

  it('refuses a file that is a link, whether it points out of the folder or into it', async () => {
    const source = new DirectorySource(root);
    await expect(source.readText('F/linked.json')).rejects.toThrow('F/linked.json: a symbolic link, not followed');
    await expect(source.readText('F/inside.json')).rejects.toThrow('F/inside.json: a symbolic link, not followed');
    expect(() => source.diskPath('F/linked.json')).toThrow('a symbolic link, not followed');
    await expect(source.chunks('F/linked.json')[Symbol.asyncIterator]().next()).rejects.toThrow(
      'a symbolic link, not followed',
    );
  });

  it('refuses a file in a folder that is a link, and lists such a folder as empty', async () => {
    // Listed first or not: the folder's own listing showed the link, so it vouches for nothing.
    for (const listedFirst of [false, true]) {
      const source = new DirectorySource(root);
      if (listedFirst) await source.list('F');
      await expect(source.readText('F/judge/secret.json')).rejects.toThrow(
        'F/judge/secret.json: F/judge is a symbolic link, not followed',
      );
      expect(await source.list('F/judge')).toEqual([]);
      await expect(source.readText('G/secret.json')).rejects.toThrow('G is a symbolic link, not followed');
      expect(await source.list('G')).toEqual([]);
    }
  });

  it('takes a file the command line names as it is, a link included', async () => {
    const source = new DirectorySource(join(root, 'F'), 'linked.json', ['linked.json']);
    expect(await source.readText('linked.json')).toBe('{"secret":"outside"}');
  });
});

describe('DirectorySource reading a large file', () => {
  it('reads a file past a megabyte as the small-file read does: multi-byte text, a BOM and bad bytes alike', async () => {
    const dir = join(work, 'large');
    mkdirSync(dir);
    const row = '{"test_id":"t-é","name":"Ünïcödé 测试 🙂","error":"boom"},\n';
    const text = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`[\n${row.repeat(Math.ceil((1.5 * 1024 * 1024) / row.length))}`),
      Buffer.from([0xc3, 0x28, 0xff, 0xe2, 0x82]),
      Buffer.from('\n]\n'),
    ]);
    writeFileSync(join(dir, 'batch_summary.json'), text);
    const read = await new DirectorySource(dir).readText('batch_summary.json');
    expect(read).toBe(readFileSync(join(dir, 'batch_summary.json'), 'utf8'));
    expect(read!.length).toBeGreaterThan(1024 * 1024);
    expect(read!.startsWith('\uFEFF[')).toBe(true);
    expect(read).toContain('\uFFFD');
  });
});
