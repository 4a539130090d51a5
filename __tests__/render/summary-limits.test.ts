import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { LIMITS, renderSummary } from '../../src/render/index.js';
import { fixture } from './support/fixtures.js';
import { syntheticResult } from './support/synthetic-result.js';

const big = syntheticResult(10_000);
const marker = '<!-- e2e-triage:comment artifact=e2e-results -->';
const links = {
  analysisUrl: 'https://github.com/a/b/blob/0/runs/x',
  artifactUrl: 'https://github.com/a/b/actions/runs/1/artifacts/2',
  runUrl: 'https://github.com/a/b/actions/runs/1',
};
const rows = (markdown: string) => (markdown.match(/^\| \[?test-\d+/gm) ?? []).length;
const fences = (markdown: string) => (markdown.match(/^```/gm) ?? []).length;

describe('summaries of a 10,000-test batch', () => {
  it('fit the PR comment limit, summarise instead of listing every test, and say what they left out', () => {
    const { markdown, omitted, tier } = renderSummary(big, { limit: LIMITS.prComment, marker, links });
    expect(markdown.length).toBeLessThanOrEqual(LIMITS.prComment);
    expect(markdown.endsWith(`${marker}\n`)).toBe(true);
    expect(tier).toBe('full');
    expect(omitted).toContain('3750 of 4000 failures in the table');
    expect(markdown).toMatch(
      /Left out to fit: 3750 of 4000 failures in the table.*Everything is in the committed analysis/,
    );
    expect(markdown).toContain('https://github.com/a/b/blob/0/runs/x/README.md');
    expect(markdown).toContain('https://github.com/a/b/blob/0/runs/x/failures/summary.md');
    expect(markdown).toContain('(https://github.com/a/b/actions/runs/1/artifacts/2)');
    expect(rows(markdown)).toBe(250);
  });

  it('fit the job summary in bytes', () => {
    const job = renderSummary(big, { limit: LIMITS.jobSummary, bytes: true });
    expect(Buffer.byteLength(job.markdown)).toBeLessThanOrEqual(LIMITS.jobSummary);
  });

  it('step down to failures only, then counts and links, and say so', () => {
    const full = renderSummary(big, { limit: LIMITS.prComment, marker, links }).markdown;
    const failures = renderSummary(big, { limit: full.length - 1, marker, links });
    expect(failures.tier).toBe('failures');
    expect(rows(failures.markdown)).toBe(50);
    expect(failures.markdown).toContain('Left out to fit: 3950 of 4000 failures in the table');
    const counts = renderSummary(big, { limit: 2_500, marker, links });
    expect(counts.tier).toBe('counts');
    expect(rows(counts.markdown)).toBe(0);
    expect(counts.omitted).toContain('the failures table');
    expect(counts.markdown).toContain('https://github.com/a/b/blob/0/runs/x/README.md');
    expect(counts.markdown).toContain('6000 of 10000 tests passed');
  });

  it('cut the headline at a word when a tiny limit leaves less than its line, instead of dropping it', () => {
    for (const limit of [140, 200 + marker.length, 260]) {
      const { markdown } = renderSummary(big, { limit, marker, links });
      expect(markdown.length).toBeLessThanOrEqual(limit);
      expect(markdown).toMatch(
        /^## E2E triage: synthetic-10000\n\n6000 of 10000 tests passed[^\n]* …\n\n_… cut to fit/,
      );
      expect(markdown.endsWith(`${marker}\n`)).toBe(true);
    }
    // Nor half a table row, a heading or a fence: only prose is cut inside a line.
    const tight = renderSummary(big, { limit: 330, marker, links }).markdown;
    expect(tight).not.toMatch(/^(\||#|```|\*\*).* …$/m);
  });

  it('never exceed any limit, in characters or bytes, never leave a fence open, and keep the marker last', () => {
    const small = fixture('hostile');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8_000 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (limit, bytes, withMarker, useBig) => {
          const result = useBig ? big : small;
          const out = renderSummary(result, { limit, bytes, marker: withMarker ? marker : undefined, links });
          const size = bytes ? Buffer.byteLength(out.markdown) : out.markdown.length;
          expect(size).toBeLessThanOrEqual(limit);
          expect(fences(out.markdown) % 2).toBe(0);
          if (withMarker && out.markdown !== '') expect(out.markdown.endsWith(`${marker}\n`)).toBe(true);
          if (limit >= 200 + marker.length) expect(out.markdown).toContain('tests passed');
        },
      ),
      { numRuns: 40 },
    );
  });
});
