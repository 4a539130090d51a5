// A 10,000-sample .eval on disk parses in a few seconds: the summaries decide, and only the members of errored
// or retried samples are opened (their events are never kept).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { DirectorySource } from '../../../src/ingest/directory.js';
import { parseBatch } from '../../../src/parse/index.js';
import { triage } from '../../../src/triage/index.js';
import { evalLog, type SampleSpec } from './builders.js';

const SAMPLES = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'e2e-triage-inspect-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sample(i: number): SampleSpec {
  const id = i + 1;
  // A transcript's worth of events in every member, as real logs have: never read for a passing sample.
  const events = Array.from({ length: 20 }, (_, n) => ({ event: 'model', n, output: 'x'.repeat(200) }));
  const base = { id, usage: { tokens: 1000 + i, cost: 0.001 }, extra: { events } };
  if (i % 10 === 0) return { ...base, error: `RuntimeError('tool crashed on input ${id}')` };
  if (i % 20 === 1) return { ...base, score: 'C', retries: ["RuntimeError('No services started.')"] };
  if (i % 7 === 0) return { ...base, score: 'I', limit: { type: 'token', limit: 5000 } };
  return { ...base, score: i % 3 === 0 ? 'I' : 'C' };
}

describe(`a ${SAMPLES.toLocaleString('en')}-sample .eval`, () => {
  it('parses in a few seconds', async () => {
    const bytes = evalLog({ samples: Array.from({ length: SAMPLES }, (_, i) => sample(i)) }, { journalBatch: 100 });
    writeFileSync(join(dir, 'big.eval'), bytes);

    const started = performance.now();
    const parsed = await parseBatch(new DirectorySource(dir, 'large'));
    const seconds = (performance.now() - started) / 1000;
    const result = triage(parsed, { toolVersion: 'test' });

    console.log(
      `${SAMPLES} samples, ${(bytes.length / 1e6).toFixed(1)} MB .eval: parsed in ${seconds.toFixed(2)} s on ${process.version}`,
    );
    expect(result.tests).toHaveLength(SAMPLES);
    expect(result.summary.errors).toBe(SAMPLES / 10);
    expect(result.rootCauses[0]).toMatchObject({
      category: 'framework-bug',
      signature: 'RuntimeError: tool crashed on input <n>',
    });
    expect(result.rootCauses[0]!.tests).toHaveLength(SAMPLES / 10);
    expect(result.tests.filter((t) => t.attempts.length === 2)).toHaveLength(SAMPLES / 20);
    expect(seconds).toBeLessThan(15);
  });
});
