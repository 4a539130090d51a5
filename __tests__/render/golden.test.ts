// Golden files for every rendered file. `UPDATE_GOLDEN=1 npx vitest run __tests__/render/golden.test.ts`
// rewrites them; the diff is reviewed in the commit.

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

// @ts-expect-error plain JS script without types
import { makeBatch } from '../../scripts/make-batch.mjs';
import { DirectorySource } from '../../src/ingest/directory.js';
import type { ResultsSource } from '../../src/ingest/source.js';
import { analyze } from '../../src/pipeline.js';
import { renderSummary, type IssueMode, type RenderedFile } from '../../src/render/index.js';
import { hostileBatch } from '../helpers/hostile-batch.js';

const GOLDEN = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

function checkGolden(name: string, files: RenderedFile[], only?: (path: string) => boolean): void {
  const dir = join(GOLDEN, name);
  // file_issues.sh is fixed text, the same for every batch: it is checked against its template instead.
  const script = files.find((f) => f.path === 'file_issues.sh');
  if (script) expect(script.content).toBe(readFileSync('src/render/templates/file_issues.sh', 'utf8'));
  const kept = files.filter((f) => f.path !== 'file_issues.sh' && (!only || only(f.path)));
  if (UPDATE) {
    rmSync(dir, { recursive: true, force: true });
    for (const f of kept) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
  }
  expect(kept.map((f) => f.path).sort()).toEqual(listFiles(dir));
  for (const f of kept) expect(f.content, `${name}/${f.path}`).toBe(readFileSync(join(dir, f.path), 'utf8'));
}

const tmp = mkdtempSync(join(tmpdir(), 'e2e-triage-golden-'));
function generated(seed: number, tests: number, threads: number): ResultsSource {
  const dir = join(tmp, `g-${seed}-${tests}`);
  if (!existsSync(dir)) makeBatch({ out: dir, tests, threads, seed });
  return new DirectorySource(dir, `generated-${seed}`);
}

const cases: {
  name: string;
  source: () => ResultsSource;
  mode: IssueMode;
  baseline?: () => Promise<string>;
  only?: (p: string) => boolean;
}[] = [
  { name: 'sample', source: () => new DirectorySource('examples/sample-batch'), mode: 'per-test' },
  {
    name: 'sample-per-root-cause',
    source: () => new DirectorySource('examples/sample-batch'),
    mode: 'per-root-cause',
    only: (p) => p.startsWith('issues/'),
  },
  { name: 'hostile', source: () => hostileBatch().source('hostile <b>@everyone</b>'), mode: 'per-test' },
  {
    name: 'compared',
    source: () => generated(5, 47, 2),
    mode: 'per-test',
    baseline: async () =>
      (await analyze(new DirectorySource('examples/sample-batch'), { issueMode: 'per-test' })).files.find(
        (f) => f.path === 'triage.json',
      )!.content,
    only: (p) => ['README.md', 'analysis.md', 'triage.json', 'issues/epic.md', 'issues/test-004.md'].includes(p),
  },
  {
    name: 'large',
    source: () => generated(3, 400, 4),
    mode: 'per-test',
    only: (p) => ['README.md', 'results.md', 'analysis.md', 'failures/summary.md'].includes(p),
  },
];

describe('golden files', () => {
  for (const c of cases) {
    it(`renders ${c.name} exactly as reviewed`, async () => {
      const baseline = c.baseline ? { text: await c.baseline(), file: 'previous/triage.json' } : undefined;
      const { triage, files } = await analyze(c.source(), { issueMode: c.mode, baseline });
      checkGolden(c.name, files, c.only);
      const summaries: RenderedFile[] = [
        {
          path: 'comment.md',
          content: renderSummary(triage, {
            limit: 65_536,
            marker: '<!-- e2e-triage:comment -->',
            links: {
              analysisUrl: 'https://github.com/acme/widgets/blob/0123abc/runs/x',
              artifactUrl: 'https://github.com/acme/widgets/actions/runs/42/artifacts/7',
              runUrl: 'https://github.com/acme/widgets/actions/runs/42',
            },
          }).markdown,
        },
        {
          path: 'comment-small.md',
          content: renderSummary(triage, { limit: 2_000, marker: '<!-- e2e-triage:comment -->' }).markdown,
        },
      ];
      checkGolden(`${c.name}-summary`, summaries);
      expect(summaries[0]!.content.length).toBeLessThanOrEqual(65_536);
      expect(summaries[1]!.content.length).toBeLessThanOrEqual(2_000);
    });
  }

  it('writes every per-test file for a large batch, and lists only failures in README.md', async () => {
    const { triage, files } = await analyze(generated(3, 400, 4), { issueMode: 'per-test' });
    const paths = new Set(files.map((f) => f.path));
    for (const t of triage.tests) expect(paths.has(`issues/${t.testId}.md`)).toBe(true);
    const readme = files.find((f) => f.path === 'README.md')!.content;
    const results = files.find((f) => f.path === 'results.md')!.content;
    const failing = triage.tests.filter((t) => t.status !== 'pass' || t.category !== 'pass');
    expect(readme.split('\n').filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(failing.length);
    expect(results.split('\n').filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(400);
  });
});
