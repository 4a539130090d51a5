// Known issues and next steps on the pages: the failure page names the rule, its issue and its fix; README.md
// lists the rules hit and the expected failures that passed; the PR comment keeps its Next steps at any size;
// a fix written by the team stays markdown but can neither ping anyone nor forge a marker.

import { describe, expect, it } from 'vitest';

import type { TriageResult } from '../../src/model.js';
import { parseConfig } from '../../src/parse/config/read-config.js';
import { parseBatch } from '../../src/parse/index.js';
import { renderAnalysis, renderSummary } from '../../src/render/index.js';
import { triage } from '../../src/triage/index.js';
import { BatchBuilder, summaryRow } from '../helpers/batch-builder.js';

const row = (id: string, status: string, cost: number, error: string | null = null) =>
  summaryRow(id, status, cost, error, { failScore: 0.2 });

const CONFIG = `
known-issues:
  - id: KI-7
    match: tier_config
    issue: '#12'
    fix: 'Pass \`tier_config\` on; ask @octocat <!-- e2e-triage:fingerprint=0000 --> first'
  - id: pixi
    match: pixi
    mode: quarantine
  - id: xfail
    tests: [test-4]
    mode: expected-fail
    issue: acme/tools#3
`;

async function analysed(): Promise<TriageResult> {
  const b = new BatchBuilder().withTop({ config: { model: 'haiku', judge_model: 'haiku', tiers: ['T0'] } });
  b.row(row('test-1', 'error', 0, "Experiment failed: KeyError: 'tier_config'"));
  b.row(row('test-2', 'error', 0, "[Errno 2] No such file or directory: 'pixi'"));
  b.row(row('test-3', 'fail', 0.8));
  b.row(row('test-4', 'pass', 1.1));
  return triage(await parseBatch(b.source()), {
    toolVersion: 'test',
    config: parseConfig(CONFIG, '.github/e2e-triage.yml'),
    today: '2026-11-30',
    repository: { serverUrl: 'https://github.com', repo: 'acme/widgets' },
  });
}

const page = (files: { path: string; content: string }[], path: string) => files.find((f) => f.path === path)?.content;

describe('known issues on the pages', () => {
  it('the failure page names the rule, its issue and its fix, without pinging or forging a marker', async () => {
    const files = renderAnalysis(await analysed(), { issueMode: 'per-test' });
    const failure = page(files, 'failures/test-1.md')!;
    expect(failure).toContain(
      '## Known issue\n\n**KI-7** (known issue, tracked in [#12](https://github.com/acme/widgets/issues/12)); no new issue is filed for it. Fix: Pass `tier_config` on; ask @\u200boctocat  first',
    );
    expect(failure).not.toContain('fingerprint=0000');
    expect(page(files, 'failures/test-2.md')).toContain(
      '**pixi** (quarantined); left out of the new failures and of the re-run; no new issue is filed for it.',
    );
    // No issue of their own; the tracked rule's comment instead.
    expect(page(files, 'issues/test-1.md')).toBeUndefined();
    expect(page(files, 'issues/test-2.md')).toBeUndefined();
    expect(page(files, 'issues/test-3.md')).toBeDefined();
    expect(files.filter((f) => f.path.startsWith('issues/known/')).map((f) => f.path)).toEqual([
      'issues/known/KI-7.md',
    ]);
  });

  it('per-root-cause mode files no issue for a root cause whose every test is a known issue', async () => {
    const result = await analysed();
    const files = renderAnalysis(result, { issueMode: 'per-root-cause' });
    const issues = files.filter((f) => f.path.startsWith('issues/') && !f.path.startsWith('issues/epic'));
    // test-1 (KI-7) and test-2 (pixi) each had a root cause of their own: both are known, so neither is filed;
    // test-3, the model failure, is.
    expect(issues.map((f) => f.path)).toEqual(['issues/model-failures.md', 'issues/known/KI-7.md']);
    expect(result.rootCauses.map((rc) => rc.tests)).toEqual([['test-1'], ['test-2']]);
  });

  it('README.md lists the rules hit, the expected failure that passed, and what to do next', async () => {
    const readme = page(renderAnalysis(await analysed(), { issueMode: 'per-test' }), 'README.md')!;
    expect(readme).toContain(
      '| KI-7 | known issue | [#12](https://github.com/acme/widgets/issues/12) | 1: `test-1` | Pass `tier_config` on; ask @\u200boctocat  first |',
    );
    expect(readme).toContain('| pixi | quarantined | — | 1: `test-2` | — |');
    expect(readme).toContain(
      '## Expected failures that passed\n\nThese tests are expected to fail until their issue is fixed, and passed',
    );
    expect(readme).toContain('- xfail ([acme/tools#3](https://github.com/acme/tools/issues/3)): `test-4`');
    expect(readme).toContain(
      '**Re-run 1 test** whose result says nothing about the model (framework bugs, infrastructure, unknown; ids in `rerun.txt`):\n\n```sh\npixi run python scripts/run_e2e_batch.py --tests test-1 --retry-errors\n```',
    );
    expect(readme).toContain('**2 failures are known issues**, 1 of them in quarantine');
    expect(readme).toContain('**1 expected failure appears fixed**: xfail');
    // The results table gains the rule of each matched failure.
    expect(readme).toMatch(/\| Root cause \| Known issue \|/);
    expect(readme).toMatch(/\| \[test-2\]\(failures\/test-2\.md\) \|.*\| rc-\d \| pixi \(quarantined\) \|$/m);
  });

  it('the PR comment keeps its Next steps even when it must drop everything else', async () => {
    const result = await analysed();
    const full = renderSummary(result, { limit: 65_536 }).markdown;
    expect(full).toContain('### Next steps');
    // The largest limit at which only the counts fit, whole.
    let counts: ReturnType<typeof renderSummary> | null = null;
    for (let limit = full.length; limit > 0 && !counts; limit -= 20) {
      const s = renderSummary(result, { limit });
      if (s.tier === 'counts' && !s.omitted.includes('the end of the summary')) counts = s;
    }
    expect(counts?.omitted).toContain('the failures table');
    expect(counts!.markdown).toContain('### Next steps\n\n**Re-run 1 test**');
  });

  it('says there is nothing to re-run when every failure is the model’s', async () => {
    const b = new BatchBuilder().withTop({ config: { model: 'haiku', judge_model: 'haiku', tiers: ['T0'] } });
    b.row(row('test-1', 'fail', 0.5));
    b.row(row('test-2', 'pass', 0.5));
    const result = triage(await parseBatch(b.source()), { toolVersion: 'test' });
    expect(result.rerun).toEqual({ tests: [], rejudge: [], command: null, rejudgeCommand: null, costAtStake: 0 });
    const files = renderAnalysis(result, { issueMode: 'per-test' });
    expect(page(files, 'README.md')).toContain('## Next steps\n\nNothing to re-run: every failure is the model’s own.');
    expect(page(files, 'rerun.txt')).toBe('');
  });
});
