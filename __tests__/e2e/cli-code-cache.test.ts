// The CLI runs its bundle (dist/cli-app.cjs) with V8's code cache of an earlier run (src/code-cache.ts): the
// cache must be made once, after an analysis, taken by later runs, never change an output byte, and never be
// run for a bundle other than the one it was made from.

import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadBundle } from '../../src/code-cache.js';
import { CLI, runProcess } from '../helpers/run-cli.js';

const SAMPLE = resolve('examples/sample-batch');

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out.set(relative(dir, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name), 'utf8'));
  }
  return out;
}

/** The code caches under a compile cache folder (Node adds a folder per version and user). */
function caches(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.parentPath.endsWith('e2e-triage'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'e2e-triage-code-cache-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('loadBundle', () => {
  const bundle = () => join(work, 'bundle.cjs');
  // A bundle as scripts/bundle-lib.mjs writes it: the function CommonJS would wrap the module in.
  const source = (answer: number) =>
    `(function (exports, require, module, __filename, __dirname) {\nconst { basename } = require('node:path');\nexports.answer = () => ${answer};\nexports.name = basename(__filename);\nexports.lazy = async () => (await import('node:os')).EOL;\n})`;

  it('runs a CommonJS bundle, writes its cache once, and a later load takes it', async () => {
    const dir = join(work, 'unit');
    writeFileSync(bundle(), source(41));
    const first = loadBundle<{ answer(): number; name: string; lazy(): Promise<string> }>(bundle(), 'test', dir);
    expect(first.exports.answer()).toBe(41);
    expect(first.exports.name).toBe('bundle.cjs');
    expect(await first.exports.lazy()).toBe('\n');
    first.saveCodeCache();
    const [made] = readdirSync(dir);
    expect(made).toMatch(/^test-[0-9a-z]+\.[0-9a-z-]+\.bin$/);
    const written = statSync(join(dir, made!)).mtimeMs;

    const second = loadBundle<{ answer(): number }>(bundle(), 'test', dir);
    expect(second.exports.answer()).toBe(41);
    second.saveCodeCache(); // nothing to write (a fresh process reading it is the CLI's test below)
    expect(readdirSync(dir)).toEqual([made]);
    expect(statSync(join(dir, made!)).mtimeMs).toBe(written);
  });

  it('never runs the cache of another build of the same length: the new build gets its own, the old one goes', () => {
    const dir = join(work, 'rebuilt');
    writeFileSync(bundle(), source(41));
    loadBundle(bundle(), 'test', dir).saveCodeCache();
    const [old] = readdirSync(dir);
    writeFileSync(bundle(), source(42)); // same length
    utimesSync(bundle(), new Date(), new Date(Date.now() + 5000));
    const rebuilt = loadBundle<{ answer(): number }>(bundle(), 'test', dir);
    expect(rebuilt.exports.answer()).toBe(42);
    rebuilt.saveCodeCache();
    expect(readdirSync(dir)).toHaveLength(1);
    expect(readdirSync(dir)).not.toEqual([old]);
  });

  it('keeps going when the cache cannot be written', () => {
    writeFileSync(bundle(), source(7));
    const blocked = join(work, 'a-file');
    writeFileSync(blocked, '');
    const nowhere = loadBundle<{ answer(): number }>(bundle(), 'test', join(blocked, 'cache'));
    expect(nowhere.exports.answer()).toBe(7);
    expect(() => nowhere.saveCodeCache()).not.toThrow();
  });

  it('refuses a file that is not such a function, naming it', () => {
    writeFileSync(bundle(), `'a plain script';\n`);
    expect(() => loadBundle(bundle(), 'test', join(work, 'plain'))).toThrow(/bundle\.cjs: not a bundle made by/);
  });
});

describe('the CLI with its code cache', () => {
  it('has a bundle that is one function expression: code-cache.ts compiles it as it is', () => {
    const text = readFileSync(resolve('dist/cli-app.cjs'), 'latin1');
    expect(text.startsWith('(function (exports, require, module, __filename, __dirname) {\n')).toBe(true);
    expect(text.endsWith('\n})\n')).toBe(true);
  });

  it('has an ASCII bundle: code-cache.ts reads it as Latin-1', () => {
    expect(readFileSync(resolve('dist/cli-app.cjs')).findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  // Node takes NODE_DISABLE_COMPILE_CACHE set to anything, even empty, as "off".
  const { NODE_DISABLE_COMPILE_CACHE: _off, ...inherited } = process.env;
  const run = (env: NodeJS.ProcessEnv, ...args: string[]) =>
    runProcess(process.execPath, [CLI, ...args], { env: { ...inherited, ...env } });

  it('makes the cache after an analysis (not after --version), takes it later, and writes the same files', async () => {
    const cacheRoot = join(work, 'compile-cache');
    const env = { NODE_COMPILE_CACHE: cacheRoot };

    expect((await run(env, '--version')).code).toBe(0);
    expect(caches(cacheRoot)).toEqual([]);

    const outputs: Map<string, string>[] = [];
    for (const name of ['first', 'second']) {
      const out = join(work, name);
      const result = await run(env, SAMPLE, '--out', out, '--no-config');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      outputs.push(files(out));
    }
    const made = caches(cacheRoot);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/[/\\]cli-[0-9a-z]+\.[0-9a-z-]+\.bin$/);
    const written = statSync(made[0]!).mtimeMs;

    const out = join(work, 'third');
    expect((await run(env, SAMPLE, '--out', out, '--no-config')).code).toBe(0);
    expect(statSync(made[0]!).mtimeMs).toBe(written); // taken, not made again

    // A cache V8 refuses (damaged, or another V8's) is only made again.
    writeFileSync(made[0]!, 'not a code cache');
    const fourth = join(work, 'fourth');
    expect((await run(env, SAMPLE, '--out', fourth, '--no-config')).code).toBe(0);
    expect(statSync(made[0]!).size).toBeGreaterThan(100_000);

    // Without any cache: the same files, byte for byte.
    const plain = join(work, 'plain');
    expect((await run({ NODE_DISABLE_COMPILE_CACHE: '1' }, SAMPLE, '--out', plain, '--no-config')).code).toBe(0);
    const expected = files(plain);
    expect(expected.size).toBeGreaterThan(50);
    for (const output of [...outputs, files(out), files(fourth)]) expect(output).toEqual(expected);
  }, 60_000);
});
