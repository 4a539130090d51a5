// The ProjectScylla adapter: batch_summary.json (every era), thread logs and result folders, turned into the
// harness-neutral ParsedBatch. Its rules are in docs/triage-rules.md ("ProjectScylla").

import { CAUSE_CATEGORY, type BatchFormat, type BatchInfo, type Warning } from '../../model.js';
import type { ResultsSource } from '../../ingest/source.js';
import { exactArray } from '../../util/exact-array.js';
import type { HarnessAdapter, ParseHelpers } from '../adapter.js';
import type { ParsedBatch, ParsedTest } from '../parsed-batch.js';
import { takeCases, type TestCase } from './assemble.js';
import { SUMMARY_FILE } from './batch-summary.js';
import { collectAttempts } from './attempts.js';
import { classify } from './classify.js';
import { primaryError } from './primary-error.js';
import { readScyllaFiles, type ScyllaFiles } from './read.js';

export const scyllaAdapter: HarnessAdapter = {
  harness: 'scylla',
  looksFor: `a ${SUMMARY_FILE} (ProjectScylla)`,
  detect: async (_source, entries) => entries.some((e) => !e.isDirectory && e.name === SUMMARY_FILE),
  parse: (source, helpers) => parseScylla(source, helpers),
};

export async function parseScylla(source: ResultsSource, helpers: ParseHelpers = {}): Promise<ParsedBatch> {
  const files = await readScyllaFiles(source, helpers.threadLogs);
  const warnings: Warning[] = [...files.warnings];
  // Before takeCases consumes the rows and the log blocks it is read from.
  const batch = batchInfo(files);
  const tests: ParsedTest[] = [];
  for (const testCase of takeCases(files, warnings)) tests.push(toParsedTest(testCase, tests.length));
  batch.threads ??= new Set(tests.map((t) => t.thread).filter((t) => t !== null)).size || null;
  return { label: files.label, batch, sessions: files.sessions, tests, excluded: files.excluded, warnings };
}

function toParsedTest(test: TestCase, position: number): ParsedTest {
  const { cause, reason, evidence, signature } = classify(test);
  return {
    testId: test.testId,
    name: test.name,
    status: test.status,
    cause,
    reason,
    evidence,
    error: primaryError(test, CAUSE_CATEGORY[cause]),
    ...(signature ? { signature } : {}),
    cost: test.cost,
    score: test.score,
    bestTier: test.bestTier,
    cop: test.cop,
    durationSeconds: test.durationSeconds,
    exitCode: test.exitCode,
    startedAt: test.startedAt,
    resultDir: test.verdictFolder?.name ?? test.finalRow?.resultDir ?? null,
    tiers: test.tiers,
    attempts: exactArray(collectAttempts(test)),
    thread: test.thread,
    session: test.finalBlock?.session ?? null,
    order: test.finalRow?.index ?? position,
  };
}

/** `threads` is null when neither the summary nor the thread logs say: the tests' own threads tell then. */
function batchInfo(files: ScyllaFiles): Omit<BatchInfo, 'source'> {
  const summary = files.summary;
  const config = summary.config;
  const fallback = files.experimentConfig;
  const starts = [...summary.rows.map((r) => r.startedAt), ...files.logBlocks.map((b) => b.startedAt)].filter(
    (s): s is string => Boolean(s),
  );
  const ends = [...files.logBlocks.map((b) => b.completedAt)].filter((s): s is string => Boolean(s));
  return {
    harness: 'scylla',
    model: config?.model ?? fallback?.model ?? null,
    judgeModel: config?.judgeModel ?? fallback?.judgeModel ?? null,
    tiers: config?.tiers.length ? config.tiers : (fallback?.tiers ?? []),
    startedAt: summary.startedAt ?? earliest(starts),
    completedAt: summary.completedAt ?? latest(ends),
    format: batchFormat(files),
    runs: config?.runs ?? fallback?.runs ?? null,
    maxSubtests: config?.maxSubtests ?? fallback?.maxSubtests ?? null,
    thinking: config?.thinking ?? fallback?.thinking ?? null,
    threads: summary.threadCount ?? (files.logFiles.length || null),
  };
}

function batchFormat(files: ScyllaFiles): BatchFormat {
  const rows = files.summary.rows;
  if (rows.length === 0) return 'none';
  const legacy = rows.some((r) => r.kind === 'legacy');
  const current = rows.some((r) => r.kind === 'current');
  if (legacy && current) return 'mixed';
  if (current) return 'current';
  return rows.every((r) => r.l1) ? 'legacy-l1' : 'legacy';
}

function earliest(values: string[]): string | null {
  return values.reduce<string | null>((min, v) => (min === null || Date.parse(v) < Date.parse(min) ? v : min), null);
}

function latest(values: string[]): string | null {
  return values.reduce<string | null>((max, v) => (max === null || Date.parse(v) > Date.parse(max) ? v : max), null);
}
