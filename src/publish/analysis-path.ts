// Where the analysis lands in the branch: `path` with {run-name} = <model>-<tiers>-<date>-<run id>.
// Model and tiers come from the artifact, so every piece is reduced to safe path characters.

import type { TriageResult } from '../model.js';
import { configurationKey, safePart as safe } from '../triage/history/configuration.js';

/** Shared by every batch of the same configuration: how the previous analysis is recognised. */
export function configPrefix(result: TriageResult): string {
  return `${configurationKey(result.batch)}-`;
}

export function runName(result: TriageResult, runId: number): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(result.batch.startedAt ?? '')?.[0] ?? 'undated';
  return `${configPrefix(result)}${date}-${runId}`;
}

export function analysisPath(template: string, name: string): string {
  const parts = template
    .replaceAll('{run-name}', name)
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== '.' && p !== '..')
    .map(safe);
  return parts.length > 0 ? parts.join('/') : name;
}
