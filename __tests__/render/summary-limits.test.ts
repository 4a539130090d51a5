import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// @ts-expect-error plain JS script without types
import { makeBatch } from '../../scripts/make-batch.mjs';
import { DirectorySource } from '../../src/ingest/directory.js';
import type { TriageResult } from '../../src/model.js';
import { parseBatch } from '../../src/parse/index.js';
import { LIMITS, renderSummary } from '../../src/render/index.js';
import { triage } from '../../src/triage/index.js';

const dir = mkdtempSync(join(tmpdir(), 'e2e-triage-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let big: TriageResult;
async function tenThousand(): Promise<TriageResult> {
  if (!big) {
    makeBatch({ out: dir, tests: 10_000, threads: 8, seed: 4 });
    big = triage(await parseBatch(new DirectorySource(dir)), { toolVersion: 'test' });
  }
  return big;
}

const marker = '<!-- e2e-triage:comment artifact=e2e-results -->';

describe('summaries of a 10,000-test batch', () => {
  it('fit the PR comment limit, summarise instead of listing every test, and say what they left out', async () => {
    const result = await tenThousand();
    const { markdown, omitted } = renderSummary(result, {
      limit: LIMITS.prComment,
      marker,
      links: { analysisUrl: 'https://github.com/a/b/blob/0/runs/x' },
    });
    expect(markdown.length).toBeLessThanOrEqual(LIMITS.prComment);
    expect(markdown.endsWith(`${marker}\n`)).toBe(true);
    expect(omitted.length).toBeGreaterThan(0);
    expect(markdown).toMatch(/Left out to fit: .*Everything is in the committed analysis/);
    expect(markdown).toContain('https://github.com/a/b/blob/0/runs/x/README.md');
    expect((markdown.match(/^\| test-\d+/gm) ?? []).length).toBeLessThanOrEqual(250);
  }, 60_000);

  it('fit the job summary in bytes, and any tiny limit without breaking a fence', async () => {
    const result = await tenThousand();
    const job = renderSummary(result, { limit: LIMITS.jobSummary, bytes: true });
    expect(Buffer.byteLength(job.markdown)).toBeLessThanOrEqual(LIMITS.jobSummary);
    for (const limit of [300, 1000, 5000]) {
      const small = renderSummary(result, { limit, marker });
      expect(small.markdown.length).toBeLessThanOrEqual(limit);
      expect((small.markdown.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
  }, 60_000);
});
