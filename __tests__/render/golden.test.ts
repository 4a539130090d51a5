// Golden files for every rendered file, from TriageResult fixtures (render only: no parsing, no triage).
// `UPDATE_GOLDEN=1 npx vitest run __tests__/render/golden.test.ts` rewrites them; the diff is reviewed in the commit.

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { TriageResult } from '../../src/model.js';
import { renderAnalysis, renderSummary, type IssueMode, type RenderedFile } from '../../src/render/index.js';
import { fixture } from './support/fixtures.js';
import { syntheticResult } from './support/synthetic-result.js';

const GOLDEN = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const SCRIPT = readFileSync(join(__dirname, '../../src/render/templates/file_issues.sh'), 'utf8');

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

function checkGolden(name: string, files: RenderedFile[], only?: (path: string) => boolean): void {
  const dir = join(GOLDEN, name);
  // file_issues.sh is fixed text, the same for every batch: it is checked against its source instead.
  const script = files.find((f) => f.path === 'file_issues.sh');
  if (script) {
    expect(script.content).toBe(SCRIPT);
    expect(script.executable).toBe(true);
  }
  // triage.json is the fixture itself, checked below.
  const kept = files.filter((f) => f.path !== 'file_issues.sh' && f.path !== 'triage.json' && (!only || only(f.path)));
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

const LINKS = {
  analysisUrl: 'https://github.com/acme/widgets/blob/0123abc/runs/x',
  artifactUrl: 'https://github.com/acme/widgets/actions/runs/42/artifacts/7',
  runUrl: 'https://github.com/acme/widgets/actions/runs/42',
};
const MARKER = '<!-- e2e-triage:comment -->';

const cases: { name: string; result: () => TriageResult; mode: IssueMode; only?: (p: string) => boolean }[] = [
  { name: 'mixed', result: () => fixture('mixed'), mode: 'per-test' },
  { name: 'mixed-per-root-cause', result: () => fixture('mixed'), mode: 'per-root-cause' },
  { name: 'sample', result: () => fixture('sample'), mode: 'per-test' },
  { name: 'sample-per-root-cause', result: () => fixture('sample'), mode: 'per-root-cause' },
  { name: 'hostile', result: () => fixture('hostile'), mode: 'per-test' },
  {
    name: 'compared',
    result: () => fixture('compared'),
    mode: 'per-test',
    only: (p) => ['README.md', 'analysis.md', 'issues/epic.md', 'issues/test-004.md'].includes(p),
  },
  {
    name: 'large',
    result: () => syntheticResult(400),
    mode: 'per-test',
    only: (p) =>
      ['README.md', 'results.md', 'analysis.md', 'failures/summary.md', 'issues/epic.md'].includes(p) ||
      /^(failures|issues)\/test-01[0-9]\.md$/.test(p),
  },
];

describe('golden files', () => {
  for (const c of cases) {
    it(`renders ${c.name} exactly as reviewed`, () => {
      const result = c.result();
      const files = renderAnalysis(result, { issueMode: c.mode });
      // The per-root-cause variants differ from their per-test twin in issues/ only.
      const only = c.only ?? (c.mode === 'per-root-cause' ? (p: string) => p.startsWith('issues/') : undefined);
      checkGolden(c.name, files, only);
      expect(files.find((f) => f.path === 'triage.json')!.content).toBe(`${JSON.stringify(result, null, 2)}\n`);
      const summaries: RenderedFile[] = [
        {
          path: 'comment.md',
          content: renderSummary(result, { limit: 65_536, marker: MARKER, links: LINKS }).markdown,
        },
        { path: 'comment-small.md', content: renderSummary(result, { limit: 2_000, marker: MARKER }).markdown },
      ];
      checkGolden(`${c.name}-summary`, summaries);
      expect(summaries[0]!.content.length).toBeLessThanOrEqual(65_536);
      expect(summaries[1]!.content.length).toBeLessThanOrEqual(2_000);
    });
  }

  it('per-root-cause changes issues/ only', () => {
    const perTest = renderAnalysis(fixture('mixed'), { issueMode: 'per-test' });
    const perCause = renderAnalysis(fixture('mixed'), { issueMode: 'per-root-cause' });
    const outside = (files: RenderedFile[]) => files.filter((f) => !f.path.startsWith('issues/'));
    expect(outside(perCause)).toEqual(outside(perTest));
    const keep = (files: RenderedFile[], path: string) => files.find((f) => f.path === path)?.content;
    expect(keep(perCause, 'issues/epic.md')).toBe(keep(perTest, 'issues/epic.md'));
  });

  it('writes every per-test file of a 400-test batch, and lists only the failures in README.md', () => {
    const result = syntheticResult(400);
    const files = renderAnalysis(result, { issueMode: 'per-test' });
    const paths = new Set(files.map((f) => f.path));
    const failing = result.tests.filter((t) => t.status !== 'pass' || t.category !== 'pass');
    for (const t of result.tests) expect(paths.has(`issues/${t.testId}.md`)).toBe(true);
    for (const t of failing) expect(paths.has(`failures/${t.testId}.md`)).toBe(true);
    expect(files.filter((f) => f.path.startsWith('failures/test-'))).toHaveLength(failing.length);
    const table = (path: string) =>
      files
        .find((f) => f.path === path)!
        .content.split('\n')
        .filter((l) => /^\| \d+ \|/.test(l));
    expect(table('README.md')).toHaveLength(failing.length);
    expect(table('results.md')).toHaveLength(400);
    expect(files.find((f) => f.path === 'README.md')!.content).toContain('[results.md](results.md)');
    // A batch at the threshold keeps the single full table.
    const small = renderAnalysis(syntheticResult(300), { issueMode: 'per-test' });
    expect(small.some((f) => f.path === 'results.md')).toBe(false);
  });

  it('quotes an error literally in its fence, blank lines included, and keeps the result model intact', () => {
    const result = fixture('mixed');
    const before = JSON.stringify(result);
    result.tests.find((t) => t.testId === 'test-3')!.error = 'Traceback\n\n\n\n  File "x.py", line 1\n\tKeyError';
    const page = renderAnalysis(result, { issueMode: 'per-test' }).find((f) => f.path === 'failures/test-3.md')!;
    expect(page.content).toContain('```text\nTraceback\n\n\n\n  File "x.py", line 1\n\tKeyError\n```\n');
    const again = fixture('mixed');
    renderAnalysis(again, { issueMode: 'per-root-cause' });
    renderSummary(again, { limit: 1000 });
    expect(JSON.stringify(again)).toBe(before);
  });
});
