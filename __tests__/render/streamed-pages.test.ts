// A large batch's summary pages are streamed, their tables rendered a stretch of rows at a time as they are
// written: the text must be the page rendered whole, hostile names and fences across stretches included.

import { describe, expect, it } from 'vitest';

import { fileText, renderFiles, type OutputFile } from '../../src/render/index.js';
import { template, type TemplateName } from '../../src/render/templates.js';
import { tidy } from '../../src/render/tidy.js';
import { DEFAULT_LABEL, buildView } from '../../src/render/view-model.js';
import { syntheticResult } from './support/synthetic-result.js';

/** The files before the per-test pages: the summary pages. */
function summaryFiles(result: ReturnType<typeof syntheticResult>): OutputFile[] {
  const files: OutputFile[] = [];
  for (const file of renderFiles(result, { issueMode: 'per-test' })) {
    files.push(file);
    if (file.path === 'issues/epic-analysis.md') break;
  }
  return files;
}

/** The pages, their template, and whether they hold a list long enough to be left for later (over 1,024). */
const PAGES: [string, TemplateName, boolean][] = [
  ['README.md', 'readme', true],
  ['analysis.md', 'analysis', false],
  ['failures/summary.md', 'failuresSummary', true],
  ['results.md', 'results', true],
];

describe('summary pages of a large batch', () => {
  it('are streamed, and their text is the page rendered whole', () => {
    const result = syntheticResult(11_000);
    // Names that escape into backticks, blank lines and fences, spread over several stretches of rows.
    result.tests.forEach((test, i) => {
      if (i % 97 === 5) test.name = '```\n\n\n`x` $(id) @org/team <b>|</b>\u0000\n';
      if (i % 89 === 3) test.error = '```\n\n\n\n```';
    });
    const files = summaryFiles(result);
    const view = buildView(result, DEFAULT_LABEL);
    for (const [path, name, streamed] of PAGES) {
      const file = files.find((f) => f.path === path)!;
      expect(file, path).toBeDefined();
      expect('parts' in file, `${path} is streamed`).toBe(streamed);
      const whole = tidy(template(name)(view));
      expect(fileText(file), path).toBe(whole);
      // Written twice (the action measures a file, then sends it): the same text each time.
      expect(fileText(file), path).toBe(whole);
    }
    expect(fileText(files.find((f) => f.path === 'results.md')!)).toContain('| 11000 |');
  });

  it('are whole pages on a small batch', () => {
    const files = summaryFiles(syntheticResult(200));
    expect(files.map((f) => f.path)).toEqual([
      'README.md',
      'analysis.md',
      'failures/summary.md',
      'issues/epic.md',
      'issues/epic-analysis.md',
    ]);
    for (const file of files) expect('content' in file, file.path).toBe(true);
  });
});
