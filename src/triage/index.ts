// triage: the parsed batch in, the result model out. Pure: no IO, no clock.

import {
  SCHEMA_VERSION,
  type BatchFormat,
  type BatchInfo,
  type TestResult,
  type TriageResult,
  type Warning,
} from '../model.js';
import type { ParsedBatch } from '../parse/index.js';
import { exactArray } from '../util/exact-array.js';
import { assembleCases, type TestCase } from './assemble.js';
import { collectAttempts } from './attempts.js';
import { findCascades } from './cascades.js';
import { classify } from './classify.js';
import { clusterRootCauses } from './clusters.js';
import { detectMaskedPass } from './masked.js';
import { computeSummary, computeTierMetrics } from './metrics.js';
import { primaryError } from './primary-error.js';

export interface TriageOptions {
  toolVersion: string;
}

export function triage(parsed: ParsedBatch, options: TriageOptions): TriageResult {
  const warnings: Warning[] = [...parsed.warnings];
  const cases = assembleCases(parsed, warnings);

  const partial = cases.map((test, order) => {
    const attempts = collectAttempts(test);
    const { category, evidence } = classify(test);
    const masked = detectMaskedPass(test, attempts);
    if (masked.proof) {
      evidence.push({
        file: masked.proof.file,
        line: masked.proof.line,
        text: `earlier attempt passed: ${masked.proof.bestTier ?? '?'} score ${masked.proof.score ?? '?'}, cost $${masked.proof.cost}`,
      });
    }
    const error = primaryError(test, category);
    return { test, order, attempts, category, evidence, masked: masked.masked, error };
  });

  const { rootCauses, byTest } = clusterRootCauses(
    partial.map((p) => ({
      testId: p.test.testId,
      category: p.category,
      error: p.error?.text ?? null,
      thread: p.test.thread,
      order: p.order,
    })),
  );
  const causedBy = findCascades(
    rootCauses,
    partial.map((p) => ({
      testId: p.test.testId,
      rootCause: byTest.get(p.test.testId) ?? null,
      thread: p.test.thread,
      session: p.test.finalBlock?.session ?? null,
      startMs: startMs(p.test),
      order: p.test.finalRow?.index ?? p.order,
    })),
  );
  for (const rc of rootCauses) rc.causedBy = causedBy.get(rc.id) ?? null;

  const tests: TestResult[] = partial.map((p) => {
    const rootCause = byTest.get(p.test.testId) ?? null;
    const t = p.test;
    return {
      testId: t.testId,
      name: t.name,
      thread: t.thread,
      status: t.status,
      category: p.category,
      maskedPass: p.masked,
      rootCause,
      causedBy: rootCause ? (causedBy.get(rootCause) ?? null) : null,
      cost: t.cost,
      score: t.score,
      bestTier: t.bestTier,
      cop: t.cop,
      durationSeconds: t.durationSeconds,
      exitCode: t.exitCode,
      error: p.error?.real ? p.error.text : null,
      resultDir: t.verdictFolder?.name ?? t.finalRow?.resultDir ?? null,
      startedAt: t.startedAt,
      tiers: t.tiers,
      attempts: exactArray(p.attempts),
      evidence: exactArray(p.evidence),
    };
  });

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'e2e-triage', version: options.toolVersion },
    batch: batchInfo(parsed, cases),
    summary: computeSummary(tests, parsed.sessions),
    tests,
    rootCauses,
    tierMetrics: computeTierMetrics(tests),
    warnings,
  };
}

function startMs(test: TestCase): number | null {
  if (!test.startedAt) return null;
  const ms = Date.parse(test.startedAt);
  return Number.isNaN(ms) ? null : ms;
}

function batchInfo(parsed: ParsedBatch, cases: TestCase[]): BatchInfo {
  const summary = parsed.summary;
  const config = summary.config;
  const fallback = parsed.experimentConfig;
  const starts = [...summary.rows.map((r) => r.startedAt), ...parsed.logBlocks.map((b) => b.startedAt)].filter(
    (s): s is string => Boolean(s),
  );
  const ends = [...parsed.logBlocks.map((b) => b.completedAt)].filter((s): s is string => Boolean(s));
  const threads = new Set(cases.map((c) => c.thread).filter((t) => t !== null));
  return {
    model: config?.model ?? fallback?.model ?? null,
    judgeModel: config?.judgeModel ?? fallback?.judgeModel ?? null,
    tiers: config?.tiers.length ? config.tiers : (fallback?.tiers ?? []),
    startedAt: summary.startedAt ?? earliest(starts),
    completedAt: summary.completedAt ?? latest(ends),
    format: batchFormat(parsed),
    runs: config?.runs ?? fallback?.runs ?? null,
    maxSubtests: config?.maxSubtests ?? fallback?.maxSubtests ?? null,
    thinking: config?.thinking ?? fallback?.thinking ?? null,
    threads: summary.threadCount ?? (parsed.logFiles.length || threads.size || null),
    source: parsed.label,
  };
}

function batchFormat(parsed: ParsedBatch): BatchFormat {
  const rows = parsed.summary.rows;
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
