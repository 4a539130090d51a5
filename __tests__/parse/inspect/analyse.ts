// Runs Inspect logs held in memory through the real stages: parseBatch (detection included), then triage.

import type { TestResult, TriageResult } from '../../../src/model.js';
import { parseBatch, type ParsedBatch } from '../../../src/parse/index.js';
import { triage } from '../../../src/triage/index.js';
import { MemorySource } from '../../helpers/memory-source.js';
import { evalLog, jsonLog, type EvalOptions, type LogSpec } from './builders.js';

export interface Analysis {
  parsed: ParsedBatch;
  result: TriageResult;
  test(id: string): TestResult;
}

export async function analyse(files: Record<string, string | Buffer>, label = 'logs'): Promise<Analysis> {
  const parsed = await parseBatch(new MemorySource(files, label));
  const result = triage(parsed, { toolVersion: 'test' });
  return {
    parsed,
    result,
    test(id) {
      const found = result.tests.find((t) => t.testId === id);
      if (!found) throw new Error(`no test ${id}; have ${result.tests.map((t) => t.testId).join(', ')}`);
      return found;
    },
  };
}

export type Format = 'json' | 'eval';

/** One log in the given format, under the file name Inspect would give it. */
export function logFile(format: Format, spec: LogSpec, options: EvalOptions = {}, name?: string) {
  const base =
    name ?? `2026-08-20T14-03-07-00-00_${spec.task ?? 'ctf_lite'}_${spec.taskId ?? 'ZemHoVhkVXirrSeb6Uqtjo'}`;
  return format === 'json' ? { [`${base}.json`]: jsonLog(spec) } : { [`${base}.eval`]: evalLog(spec, options) };
}

export async function analyseLog(format: Format, spec: LogSpec, options: EvalOptions = {}): Promise<Analysis> {
  return analyse(logFile(format, spec, options));
}
