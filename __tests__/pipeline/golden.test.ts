// The whole of triage.json for real inputs, byte for byte: the shipped sample batch (whose triage.json is
// also the render fixture, so pages and pipeline stay in step) and generated batches of both summary
// formats. Any change of behaviour shows here as a reviewed diff.
// `UPDATE_GOLDEN=1 npx vitest run __tests__/pipeline` rewrites them.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// @ts-expect-error plain JS script without types
import { makeBatch } from '../../scripts/make-batch.mjs';
// @ts-expect-error plain JS script without types
import { makeCurrentBatch } from '../../scripts/make-current-batch.mjs';
import { DirectorySource } from '../../src/ingest/directory.js';
import { parseBatch } from '../../src/parse/index.js';
import { triageJsonParts } from '../../src/render/index.js';
import { triage } from '../../src/triage/index.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const work = mkdtempSync(join(tmpdir(), 'e2e-triage-pipeline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function triageJson(dir: string, label: string): Promise<string> {
  const result = triage(await parseBatch(new DirectorySource(dir, label)), { toolVersion: 'golden' });
  return [...triageJsonParts(result)].join('');
}

function check(golden: string, actual: string): void {
  if (UPDATE || !existsSync(golden)) {
    mkdirSync(dirname(golden), { recursive: true });
    writeFileSync(golden, actual);
  }
  expect(actual).toBe(readFileSync(golden, 'utf8'));
}

describe('triage.json of real inputs', () => {
  it('the shipped sample batch is the render fixture', async () => {
    const text = await triageJson('examples/sample-batch', 'sample-batch');
    check('__tests__/render/fixtures/sample/triage.json', text.replace('"version": "golden"', '"version": "0.1.0"'));
  });

  it.each([
    { name: 'legacy-47', tests: 47, threads: 2, seed: 3 },
    { name: 'legacy-30', tests: 30, threads: 3, seed: 99 },
  ])('a generated batch ($name)', async ({ name, ...shape }) => {
    const dir = join(work, name);
    makeBatch({ out: dir, ...shape });
    check(join(__dirname, 'golden', `${name}.json`), await triageJson(dir, name));
  });

  it('a generated batch as the August 2026 runner writes it (current-40)', async () => {
    const dir = join(work, 'current-40');
    makeCurrentBatch({ out: dir, tests: 40, seed: 1 });
    check(join(__dirname, 'golden', 'current-40.json'), await triageJson(dir, 'current-40'));
  });
});
