import * as core from '@actions/core';

import type { TriageResult } from '../model.js';

/** Every output the action sets: action.yml declares exactly these (a test checks both ways). */
export const OUTPUT_NAMES = [
  'passed',
  'failed',
  'pass-rate',
  'framework-bugs',
  'model-failures',
  'masked-passes',
  'corrected-pass-rate',
  'analysis-path',
  'branch',
  'commit-sha',
  'comment-url',
  'artifact-id',
  'triage-json',
  'rerun-tests',
] as const;

export type OutputName = (typeof OUTPUT_NAMES)[number];

/** The outputs that come from the analysis: taken before the upload, when the tests are let go (main.ts). */
export type AnalysisOutputs = ReturnType<typeof analysisOutputs>;

/** The outputs that come from the publishing steps rather than the analysis. */
export type PublishOutputs = Record<Exclude<OutputName, keyof AnalysisOutputs>, string>;

export function analysisOutputs(triage: TriageResult) {
  const s = triage.summary;
  return {
    passed: String(s.passed),
    failed: String(s.failed),
    'pass-rate': String(s.passRate),
    'framework-bugs': String(s.frameworkBugs),
    'model-failures': String(s.modelFailures),
    'masked-passes': String(s.maskedPasses),
    'corrected-pass-rate': String(s.correctedPassRate),
    // Space-separated ids for a workflow to dispatch the batch again with; empty when nothing needs it.
    'rerun-tests': triage.rerun.tests.join(' '),
  };
}

export function writeOutputs(analysis: AnalysisOutputs, published: PublishOutputs): void {
  const outputs: Record<OutputName, string> = { ...analysis, ...published };
  for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name]);
}
