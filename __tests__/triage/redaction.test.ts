// Credentials planted in every place a results folder can carry them (summary rows of both formats, test names
// and ids, thread-log errors and tracebacks, result-folder files) never reach triage.json, any rendered page,
// the comment or the summary; they are counted per kind with their files; clusters do not change.

import { describe, expect, it } from 'vitest';

import type { TriageResult } from '../../src/model.js';
import { parseBatch } from '../../src/parse/index.js';
import { renderAnalysis, renderSummary } from '../../src/render/index.js';
import { triage } from '../../src/triage/index.js';
import { fakeCredentials, plantedPieces } from '../helpers/fake-credentials.js';
import { legacyRow, plantedBatch } from '../helpers/planted-batch.js';
import { MemorySource } from '../helpers/memory-source.js';

const creds = fakeCredentials();

async function analyse(files: Record<string, string>): Promise<{ result: TriageResult; secrets: string[] }> {
  const secrets: string[] = [];
  const parsed = await parseBatch(new MemorySource(files, 'planted'), { onSecrets: (v) => secrets.push(...v) });
  return { result: triage(parsed, { toolVersion: 'test' }), secrets };
}

/** Everything e2e-triage writes or says about a batch. */
function everything(result: TriageResult): string {
  const files = [
    ...renderAnalysis(result, { issueMode: 'per-test' }),
    ...renderAnalysis(result, { issueMode: 'per-root-cause' }),
  ];
  return [
    JSON.stringify(result),
    ...files.map((f) => `${f.path}\n${f.content}`),
    renderSummary(result, { limit: 65_536 }).markdown,
    renderSummary(result, { limit: 1_048_576, bytes: true }).markdown,
  ].join('\n');
}

describe('credentials in the results', () => {
  it('reach no output: not triage.json, a page, an issue body, the comment or the summary', async () => {
    const { result } = await analyse(plantedBatch());
    const text = everything(result);
    const leaked = plantedPieces(creds).filter((piece) => text.includes(piece));
    expect(leaked).toEqual([]);
    expect(text).toContain('[redacted:anthropic-api-key]');
    // Where each one was: a row error, a name, an id, log errors and tracebacks, result-folder files.
    const byId = (id: string) => result.tests.find((t) => t.testId === id)!;
    expect(byId('test-001').error).toContain('[redacted:anthropic-api-key]');
    expect(byId('test-003').error).toBe(
      'openai.AuthenticationError: Incorrect API key provided: [redacted:openai-api-key].',
    );
    expect(byId('test-004').name).toBe('Deploy with [redacted:github-token]');
    expect(result.tests.map((t) => t.testId)).toContain('test-[redacted:huggingface-token]');
    expect(
      byId('test-006')
        .evidence.map((e) => e.text)
        .join('\n'),
    ).toContain('[redacted:secret-assignment]');
    expect(byId('test-007').error).toContain('[redacted:private-key]');
    expect(byId('test-008').error).toContain('[redacted:slack-token]');
    expect(result.excluded[0]!.reason).toBe('Leaked [redacted:github-token] in the workspace');
  });

  it('are counted per kind with the files they were printed in, and never shown', async () => {
    const { result } = await analyse(plantedBatch());
    // Each distinct value once, named for what it is even inside a URL or an assignment.
    expect(result.redacted.map((r) => [r.kind, r.count])).toEqual([
      ['anthropic-api-key', 1],
      ['authorization-header', 1],
      ['aws-access-key-id', 1],
      ['github-token', 3],
      ['huggingface-token', 1],
      ['openai-api-key', 1],
      ['private-key', 1],
      ['secret-assignment', 2],
      ['slack-token', 1],
    ]);
    const files = (kind: string) => result.redacted.find((r) => r.kind === kind)!.files;
    expect(files('anthropic-api-key')).toEqual(['thread_logs/thread_0.log']);
    expect(files('github-token')).toEqual([
      'INVALID-2026-08-10T09-03-00-test-011',
      'batch_summary.json',
      'thread_logs/thread_0.log',
    ]);
    expect(files('private-key')).toEqual(['2026-02-14T00-41-00-test-007/T0/result.json']);
    const warnings = result.warnings.filter((w) => w.message.includes('printed by the harness'));
    expect(warnings).toHaveLength(9);
    expect(warnings.find((w) => w.message.startsWith('3 github-token'))!.message).toBe(
      '3 github-token credentials printed by the harness, redacted from this analysis (found in INVALID-2026-08-10T09-03-00-test-011, batch_summary.json, thread_logs/thread_0.log): rotate them',
    );
  });

  it('tell the team to rotate them, at the top of README.md, analysis.md and the comment', async () => {
    const { result } = await analyse(plantedBatch());
    const pages = renderAnalysis(result, { issueMode: 'per-test' });
    for (const text of [
      pages.find((f) => f.path === 'README.md')!.content,
      pages.find((f) => f.path === 'analysis.md')!.content,
      renderSummary(result, { limit: 65_536 }).markdown,
    ]) {
      expect(text).toMatch(
        /> \[!WARNING\]\n> \*\*Rotate these credentials\.\*\* The harness printed 12 credential\(s\)/,
      );
      expect(text).toContain(
        '3 github-token (in `INVALID-2026-08-10T09-03-00-test-011`, `batch_summary.json`, `thread_logs/thread_0.log`)',
      );
    }
  });

  it('hand the raw values to the runner masking, and nothing else', async () => {
    const { secrets } = await analyse(plantedBatch());
    for (const c of creds) expect(secrets).toContain(c.value);
  });

  it('do not split a root cause: one crash with three different keys stays one', async () => {
    const crash = (seed: number) =>
      `judge call failed: anthropic.AuthenticationError: invalid x-api-key ${fakeCredentials(seed)[0]!.value}`;
    const files = {
      'batch_summary.json': JSON.stringify({
        results: [1, 2, 3].map((i) => legacyRow(`test-00${i}`, { status: 'error', exit_code: 1, error: crash(i) })),
      }),
    };
    const { result } = await analyse(files);
    expect(result.rootCauses).toHaveLength(1);
    expect(result.rootCauses[0]!.tests).toEqual(['test-001', 'test-002', 'test-003']);
    expect(result.rootCauses[0]!.signature).toBe(
      'judge call failed: anthropic.AuthenticationError: invalid x-api-key [redacted:anthropic-api-key]',
    );
  });

  it('cost nothing to a batch without any: no warning, no notice', async () => {
    const harmless = creds.map((c, i) => ({ ...c, value: `value${i}`, line: `ClientError: request ${i} refused` }));
    const { result, secrets } = await analyse(plantedBatch(harmless));
    expect(result.redacted).toEqual([]);
    expect(secrets).toEqual([]);
    expect(renderAnalysis(result, { issueMode: 'per-test' })[0]!.content).not.toContain('Rotate');
  });
});
