// triage: the parsed batch in, the result model out. Harness-neutral and pure: no IO, no clock.

import { CAUSE_CATEGORY, SCHEMA_VERSION, type TestResult, type TriageResult, type Warning } from '../model.js';
import type { RepositoryPlace } from '../parse/config/issue-ref.js';
import { DEFAULT_CONFIG, type TriageConfig } from '../parse/config/types.js';
import type { ParsedBatch } from '../parse/index.js';
import { exactArray } from '../util/exact-array.js';
import { findCascades } from './cascades.js';
import { clusterRootCauses } from './clusters.js';
import { matchKnownIssues } from './known-issues.js';
import { detectMaskedPass } from './masked.js';
import { computeSummary, computeTierMetrics } from './metrics.js';
import { planRerun } from './rerun.js';
import { flat } from '../util/flat.js';

export interface TriageOptions {
  toolVersion: string;
  /** Known issues and re-run commands (.github/e2e-triage.yml); the defaults when absent. */
  config?: TriageConfig;
  /** YYYY-MM-DD, for the known issues' `expires` (the caller's clock; none: nothing expires). */
  today?: string | null;
  /** Where the analysis is published: `#123` in the config links there. */
  repository?: RepositoryPlace | null;
}

export function triage(parsed: ParsedBatch, options: TriageOptions): TriageResult {
  const warnings: Warning[] = [...parsed.warnings];

  const partial = parsed.tests.map((test) => {
    const evidence = [...test.evidence];
    const masked = detectMaskedPass(test.status, test.attempts);
    if (masked.proof) {
      const p = masked.proof;
      const spent =
        p.cost !== null && p.cost !== undefined ? `cost $${p.cost}` : `${p.tokens ?? 0} tokens (no price in the log)`;
      evidence.push({
        file: p.file,
        ...(p.member ? { member: p.member } : {}),
        line: p.line,
        text: flat`earlier attempt passed: ${p.bestTier ? `${p.bestTier} ` : ''}score ${p.score ?? '?'}, ${spent}`,
      });
    }
    return { test, evidence, masked: masked.masked };
  });

  const { rootCauses, byTest } = clusterRootCauses(
    parsed.tests.map((t, order) => ({
      testId: t.testId,
      category: CAUSE_CATEGORY[t.cause],
      error: t.error?.text ?? null,
      signature: t.signature ?? null,
      thread: t.thread,
      order,
    })),
  );
  const causedBy = findCascades(
    rootCauses,
    parsed.tests.map((t) => ({
      testId: t.testId,
      rootCause: byTest.get(t.testId) ?? null,
      thread: t.thread,
      session: t.session,
      startMs: startMs(t.startedAt),
      order: t.order,
    })),
  );
  for (const rc of rootCauses) rc.causedBy = causedBy.get(rc.id) ?? null;

  const tests: TestResult[] = partial.map(({ test: t, evidence, masked }) => {
    const rootCause = byTest.get(t.testId) ?? null;
    return {
      testId: t.testId,
      name: t.name,
      thread: t.thread,
      status: t.status,
      category: CAUSE_CATEGORY[t.cause],
      cause: t.cause,
      reason: t.reason,
      maskedPass: masked,
      rootCause,
      causedBy: rootCause ? (causedBy.get(rootCause) ?? null) : null,
      cost: t.cost,
      ...(t.tokens !== undefined ? { tokens: t.tokens } : {}),
      score: t.score,
      bestTier: t.bestTier,
      cop: t.cop,
      durationSeconds: t.durationSeconds,
      exitCode: t.exitCode,
      error: t.error?.real ? t.error.text : null,
      resultDir: t.resultDir,
      startedAt: t.startedAt,
      tiers: t.tiers,
      attempts: t.attempts,
      evidence: exactArray(evidence),
      knownIssue: null,
    };
  });

  const config = options.config ?? DEFAULT_CONFIG;
  const known = matchKnownIssues(tests, rootCauses, config, {
    today: options.today ?? null,
    repository: options.repository ?? null,
  });
  for (const test of tests) test.knownIssue = known.byTest.get(test.testId) ?? null;
  warnings.push(...known.warnings);

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'e2e-triage', version: options.toolVersion },
    batch: { ...parsed.batch, source: parsed.label },
    summary: {
      ...computeSummary(tests, parsed.sessions),
      knownIssues: known.byTest.size,
      quarantined: tests.filter((t) => t.knownIssue?.mode === 'quarantine').length,
      appearsFixed: new Set(known.hits.flatMap((h) => h.appearsFixed)).size,
    },
    tests,
    rootCauses,
    tierMetrics: computeTierMetrics(tests),
    excluded: parsed.excluded,
    redacted: parsed.redacted ?? [],
    knownIssues: known.hits,
    rerun: planRerun(tests, parsed.batch, config),
    warnings,
  };
}

function startMs(startedAt: string | null): number | null {
  if (!startedAt) return null;
  const ms = Date.parse(startedAt);
  return Number.isNaN(ms) ? null : ms;
}
