// ingest -> parse -> triage -> render, shared by the CLI and the action. Writing and publishing are
// the callers' job, so this stays free of GitHub and of the output folder.

import type { ResultsSource } from './ingest/source.js';
import type { TriageResult } from './model.js';
import { parseBatch } from './parse/index.js';
import { renderAnalysis, type IssueMode, type RenderedFile } from './render/index.js';
import { triage } from './triage/index.js';
import { VERSION } from './version.js';

export interface AnalyzeOptions {
  issueMode: IssueMode;
  /** Name shown for the batch (folder or artifact name); defaults to the source's label. */
  label?: string;
}

export interface Analysis {
  triage: TriageResult;
  files: RenderedFile[];
}

export async function analyze(source: ResultsSource, options: AnalyzeOptions): Promise<Analysis> {
  const parsed = await parseBatch(source);
  if (options.label) parsed.label = options.label;
  const result = triage(parsed, { toolVersion: VERSION });
  return { triage: result, files: renderAnalysis(result, { issueMode: options.issueMode }) };
}
