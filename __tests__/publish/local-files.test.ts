import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';

import { InputError } from '../../src/errors.js';
import { IN_FLIGHT, WRITE_PIECE, writeFiles, type PageSink } from '../../src/publish/local-files.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-triage-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function allFiles(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).map((f) => resolve(root, f));
}

describe('writeFiles', () => {
  it('never writes outside the output folder, whatever the path', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '', '/', '\\\\', 'a', 'failures', '..\\\\x', '\u0000'),
      fc.string({ maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 4 }), async (parts) => {
        const out = join(dir, 'out');
        const path = parts.join('/');
        try {
          await writeFiles(out, [{ path, content: 'x' }]);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
        for (const f of await allFiles(dir)) expect(f === out || f.startsWith(out + sep)).toBe(true);
        await rm(out, { recursive: true, force: true });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an output folder that is a symbolic link: its target is neither written nor cleaned', async () => {
    // The default output is <results>/analysis, and the results come from an artifact.
    const victim = join(dir, 'victim');
    await mkdir(join(victim, 'issues'), { recursive: true });
    await writeFile(join(victim, 'issues', 'notes.md'), 'keep me');
    const out = join(dir, 'results', 'analysis');
    await mkdir(join(dir, 'results'));
    await symlink(victim, out);
    const written = writeFiles(out, [{ path: 'README.md', content: 'x' }]);
    await expect(written).rejects.toBeInstanceOf(InputError);
    await expect(written).rejects.toThrow(/output folder is a symbolic link/);
    expect(await readdir(victim)).toEqual(['issues']);
    expect(await readFile(join(victim, 'issues', 'notes.md'), 'utf8')).toBe('keep me');
  });

  it('sets the executable bit only where asked, and removes stale per-test files of an earlier run', async () => {
    const out = join(dir, 'analysis');
    await mkdir(join(out, 'failures'), { recursive: true });
    await writeFile(join(out, 'failures', 'old-test.md'), 'stale');
    await writeFile(join(out, 'notes.txt'), 'mine');
    const count = await writeFiles(out, [
      { path: 'file_issues.sh', content: '#!/bin/bash\n', executable: true },
      { path: 'failures/test-1.md', content: 'new' },
    ]);
    expect(count).toBe(2);
    expect((await stat(join(out, 'file_issues.sh'))).mode & 0o111).toBe(0o111);
    expect((await stat(join(out, 'failures', 'test-1.md'))).mode & 0o111).toBe(0);
    expect(existsSync(join(out, 'failures', 'old-test.md'))).toBe(false);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('writes a streamed file piece by piece, byte for byte, and replaces a symlink instead of writing through it', async () => {
    const out = join(dir, 'analysis');
    await mkdir(out, { recursive: true });
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'keep me');
    await symlink(victim, join(out, 'triage.json'));
    // Pieces that straddle the write size, with multi-byte characters on the edges.
    const parts = Array.from({ length: 40 }, (_, i) => `${'é'.repeat(5000 + i)}✓${i}\n`);
    await writeFiles(out, [{ path: 'triage.json', parts: () => parts }]);
    expect(await readFile(join(out, 'triage.json'), 'utf8')).toBe(parts.join(''));
    expect((await lstat(join(out, 'triage.json'))).isSymbolicLink()).toBe(false);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
  });

  it('writes a page longer than a write piece byte for byte, a surrogate pair on every possible cut', async () => {
    // Emoji are two UTF-16 units: at each offset, a cut after WRITE_PIECE units falls inside one somewhere.
    const pages = [0, 1, 2].map((shift) => `${'a'.repeat(shift)}${'😀é'.repeat(90_000)}✓ end`);
    await writeFiles(
      dir,
      pages.map((content, i) => ({ path: `page-${i}.md`, content })),
    );
    for (const [i, content] of pages.entries()) {
      const bytes = await readFile(join(dir, `page-${i}.md`));
      expect(bytes.equals(Buffer.from(content, 'utf8'))).toBe(true);
    }
  });

  it('writes a long page at once, as safely: a symlink in the way is replaced, a folder refused', async () => {
    const out = join(dir, 'analysis');
    await mkdir(join(out, 'failures', 'summary.md'), { recursive: true });
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'keep me');
    await symlink(victim, join(out, 'README.md'));
    const long = `${'row\n'.repeat(WRITE_PIECE)}end`;
    expect(await writeFiles(out, [{ path: 'README.md', content: long }])).toBe(1);
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe(long);
    expect((await lstat(join(out, 'README.md'))).isSymbolicLink()).toBe(false);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    await expect(writeFiles(out, [{ path: 'failures/summary.md', content: long }])).rejects.toThrow(
      /a folder is in the way/,
    );
    await expect(writeFiles(out, [{ path: '../escape.md', content: long }])).rejects.toBeInstanceOf(InputError);
    expect(existsSync(join(dir, 'escape.md'))).toBe(false);
  });

  it('creates files on libuv threads as safely: a symlink in the way is replaced, a folder refused', async () => {
    const out = join(dir, 'analysis');
    await mkdir(join(out, 'failures', 'in-the-way.md'), { recursive: true });
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'keep me');
    await symlink(victim, join(out, 'README.md'));
    const pages = Array.from({ length: 300 }, (_, i) => ({ path: `failures/test-${i}.md`, content: `page ${i}\n` }));
    expect(await writeFiles(out, [{ path: 'README.md', content: 'index' }, ...pages])).toBe(301);
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe('index');
    expect((await lstat(join(out, 'README.md'))).isSymbolicLink()).toBe(false);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    // Past the 64 that may be in flight at once too.
    for (const i of [0, 63, 64, 299])
      expect(await readFile(join(out, 'failures', `test-${i}.md`), 'utf8')).toBe(`page ${i}\n`);

    // And stops soon after: no more than the files already in flight are started.
    const after = Array.from({ length: 200 }, (_, i) => ({ path: `issues/later-${i}.md`, content: 'x' }));
    await expect(writeFiles(out, [{ path: 'failures/in-the-way.md', content: 'x' }, ...after])).rejects.toThrow(
      /a folder is in the way/,
    );
    expect(existsSync(join(out, 'issues', 'later-199.md'))).toBe(false);
    await expect(
      writeFiles(out, [
        { path: 'a.md', content: '1' },
        { path: 'a.md', content: '2' },
      ]),
    ).rejects.toThrow(/a.md: written twice/);
  });

  it("writes a background file in the pages' gaps, byte for byte, never through a link", async () => {
    const log: string[] = [];
    const sink = new SteppingSink(log);
    const out = join(dir, 'analysis');
    await mkdir(out, { recursive: true });
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'keep me');
    await symlink(victim, join(out, 'triage.json'));
    const parts = Array.from({ length: 400 }, (_, i) => `${'é'.repeat(400 + i)}✓${i}\n`);
    function* background() {
      for (const part of parts) {
        log.push('part');
        yield part;
      }
    }
    const pages = Array.from({ length: 300 }, (_, i) => ({ path: `failures/test-${i}.md`, content: `page ${i}\n` }));
    const files = [
      { path: 'README.md', content: 'index' },
      { path: 'triage.json', parts: background, background: true },
    ];
    expect(await writeFiles(out, [...files, ...pages], sink)).toBe(302);

    expect(await readFile(join(out, 'triage.json'), 'utf8')).toBe(parts.join(''));
    expect((await lstat(join(out, 'triage.json'))).isSymbolicLink()).toBe(false);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    for (const i of [0, 150, 299])
      expect(await readFile(join(out, 'failures', `test-${i}.md`), 'utf8')).toBe(`page ${i}\n`);
    // Interleaved: parts were taken while pages waited, and pages were written between parts.
    const firstPart = log.indexOf('part');
    const lastPart = log.lastIndexOf('part');
    expect(log.slice(firstPart, lastPart).filter((e) => e === 'page').length).toBeGreaterThan(50);
    expect(log.indexOf('page')).toBeLessThan(firstPart);
  });

  it('stops on a failing background file once the pages handed over are written, its file closed', async () => {
    const sink = new SteppingSink([]);
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    function* background() {
      for (let i = 0; i < 100; i++) {
        if (i === 40) throw new Error('broken part');
        yield `part ${i}\n`;
      }
    }
    const pages = Array.from({ length: 200 }, (_, i) => ({ path: `issues/test-${i}.md`, content: `page ${i}` }));
    await expect(
      writeFiles(dir, [{ path: 'triage.json', parts: background, background: true }, ...pages], sink),
    ).rejects.toThrow('broken part');
    expect(sink.waiting).toBe(0);
    expect(openFiles()).toBe(before);
  });
});

/** A page sink whose writer makes progress each time it is asked whether it is full, as a thread would. */
class SteppingSink implements PageSink {
  private readonly queue: [string, string][] = [];
  private asked = 0;
  constructor(private readonly log: string[]) {}
  get waiting(): number {
    return this.queue.length;
  }
  write(target: string, _mode: number, content: string): void {
    this.queue.push([target, content]);
  }
  full(): boolean {
    if (++this.asked % 3 === 0) this.step();
    return this.queue.length >= IN_FLIGHT;
  }
  async room(): Promise<void> {
    while (this.queue.length >= IN_FLIGHT) this.step();
  }
  async finish(): Promise<void> {
    while (this.queue.length > 0) this.step();
  }
  private step(): void {
    const page = this.queue.shift();
    if (!page) return;
    writeFileSync(page[0], page[1]);
    this.log.push('page');
  }
}
