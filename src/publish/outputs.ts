import * as core from '@actions/core';

import type { TriageResult } from '../model.js';

export function writeOutputs(triage: TriageResult, extra: Record<string, string>): void {
  const s = triage.summary;
  const outputs: Record<string, string> = {
    passed: String(s.passed),
    failed: String(s.failed),
    'pass-rate': String(s.passRate),
    'framework-bugs': String(s.frameworkBugs),
    'model-failures': String(s.modelFailures),
    'masked-passes': String(s.maskedPasses),
    'corrected-pass-rate': String(s.correctedPassRate),
    ...extra,
  };
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}
