// The page writer's thread (publish/page-writer-thread.ts with the bundled dist/page-writer-worker.js): the
// same files, as safely, as libuv's threads write them; and nothing lost when the thread cannot start or dies.

import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { InputError } from '../../src/errors.js';
import { writeFiles } from '../../src/publish/local-files.js';
import { pageWriterThread } from '../../src/publish/page-writer-thread.js';

const WORKER = resolve('dist/page-writer-worker.js');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-triage-pages-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pages = (count: number, folder = 'failures') =>
  Array.from({ length: count }, (_, i) => ({ path: `${folder}/test-${i}.md`, content: `page ${i} ✓\n` }));

/** The bundled writer, which leaves `marker` behind once it has seen the end of the pages. */
async function markedWorker(marker: string): Promise<string> {
  const wrapper = join(dir, 'marked-worker.mjs');
  await writeFile(
    wrapper,
    `import ${JSON.stringify(pathToFileURL(WORKER).href)};\nimport { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'done');\n`,
  );
  return wrapper;
}

async function expectPages(out: string, count: number, folder = 'failures') {
  for (let i = 0; i < count; i++)
    expect(await readFile(join(out, folder, `test-${i}.md`), 'utf8')).toBe(`page ${i} ✓\n`);
}

describe('pageWriterThread', () => {
  it('writes every page on its thread: modes kept, a symlink in the way replaced, a folder refused', async () => {
    const out = join(dir, 'analysis');
    await mkdir(join(out, 'failures', 'in-the-way.md'), { recursive: true });
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'keep me');
    await symlink(victim, join(out, 'README.md'));
    const files = [
      { path: 'README.md', content: 'index' },
      { path: 'file_issues.sh', content: '#!/bin/bash\n', executable: true },
      ...pages(500),
    ];
    const marker = join(dir, 'marker');
    expect(await writeFiles(out, files, pageWriterThread(await markedWorker(marker)))).toBe(502);
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe('index');
    expect((await lstat(join(out, 'README.md'))).isSymbolicLink()).toBe(false);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    expect((await stat(join(out, 'file_issues.sh'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(out, 'failures', 'test-0.md'))).mode & 0o777).toBe(0o644);
    await expectPages(out, 500);
    // Written by that thread, which then ended: not by the fallback.
    await expect.poll(() => existsSync(marker)).toBe(true);

    // A page it cannot write stops the analysis with the same error, soon after: at most the pages in flight.
    const after = pages(300, 'issues');
    const failed = writeFiles(
      out,
      [{ path: 'failures/in-the-way.md', content: 'x' }, ...after],
      pageWriterThread(WORKER),
    );
    await expect(failed).rejects.toThrow(/a folder is in the way/);
    await expect(failed).rejects.toBeInstanceOf(InputError);
    expect(existsSync(join(out, 'issues', 'test-299.md'))).toBe(false);
  });

  it('writes a background file in the gaps while the thread writes the pages', async () => {
    const out = join(dir, 'analysis');
    const parts = Array.from({ length: 3000 }, (_, i) => `{"row": ${i}, "text": "${'✓'.repeat(i % 90)}"}\n`);
    const background = { path: 'triage.json', parts: () => parts, background: true };
    expect(await writeFiles(out, [background, ...pages(2000)], pageWriterThread(WORKER))).toBe(2001);
    expect(await readFile(join(out, 'triage.json'), 'utf8')).toBe(parts.join(''));
    await expectPages(out, 2000);
  });

  it('reports a failure of the system as it is, with its code', async () => {
    const out = join(dir, 'analysis');
    await mkdir(join(out, 'failures'), { recursive: true });
    // A dangling link for a parent would be refused before; a name too long for the file system reaches open().
    const long = { path: `failures/${'x'.repeat(300)}.md`, content: 'x' };
    const failed = writeFiles(out, [long], pageWriterThread(WORKER));
    await expect(failed).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    await expect(failed).rejects.not.toBeInstanceOf(InputError);
  });

  it('writes everything itself when the thread cannot start', async () => {
    const out = join(dir, 'analysis');
    const missing = join(dir, 'no-such-worker.js');
    expect(await writeFiles(out, pages(300), pageWriterThread(missing))).toBe(300);
    await expectPages(out, 300);
  });

  it('takes over the pages a thread that died had not finished, and the ones after', async () => {
    // A writer that does the first 10 pages as the real one does, then ends without a word.
    const dying = join(dir, 'dying-worker.mjs');
    await writeFile(
      dying,
      `import { writeFileSync } from 'node:fs';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
const { counters, port } = workerData;
let received = 0;
while (received < 10) {
  const message = receiveMessageOnPort(port);
  if (!message) { Atomics.wait(counters, 0, received, 50); continue; }
  received++;
  const [target, mode, content] = message.message;
  writeFileSync(target, content, { mode, flag: 'wx' });
  Atomics.add(counters, 1, 1);
  Atomics.notify(counters, 1);
}
process.exit(3);
`,
    );
    const out = join(dir, 'analysis');
    expect(await writeFiles(out, pages(400), pageWriterThread(dying))).toBe(400);
    await expectPages(out, 400);
  });
});
