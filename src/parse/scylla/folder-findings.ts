// For tests that did not pass, the result tree says *why* when the summary and logs do not: crashed
// sub-test workers (selection_reason), judges that failed (their cost-spent runs look like model failures),
// and agent calls that hit a usage limit. Bounded so a huge tree cannot stall the analysis.

import type { Evidence } from '../../model.js';
import type { ResultsSource, SourceEntry } from '../../ingest/source.js';
import { exactArray } from '../../util/exact-array.js';
import { flat } from '../../util/flat.js';
import { readJson } from './result-folders.js';
import { judgeResultSchema, judgeTimingSchema, runResultSchema, tierResultSchema } from './schemas.js';

export interface FolderFindings {
  workerErrors: Evidence[];
  judgeFailures: Evidence[];
  rateLimits: Evidence[];
  agentErrors: Evidence[];
}

const MAX_FILES = 400;
const MAX_FINDINGS = 20;
export const RATE_LIMIT_PATTERN =
  /you've hit your limit|rate[ -]?limit|\b429\b|overloaded|weekly usage limit|upgrade to continue|resets \d/i;

type Warn = (file: string, path: string, message: string) => void;

export async function scanFolderFindings(source: ResultsSource, folder: string, warn: Warn): Promise<FolderFindings> {
  const findings: FolderFindings = { workerErrors: [], judgeFailures: [], rateLimits: [], agentErrors: [] };
  let budget = MAX_FILES;
  const add = (list: Evidence[], evidence: Evidence) => {
    if (list.length < MAX_FINDINGS) list.push(evidence);
  };
  const read = async (file: string) => (budget-- > 0 ? readJson(source, file, warn) : undefined);

  for (const tierDir of await tierFolders(source, folder)) {
    const tierResult = tierResultSchema.safeParse(await read(`${tierDir}/result.json`));
    if (tierResult.success) {
      for (const [sub, result] of Object.entries(tierResult.data.subtest_results ?? {})) {
        const reason = result.selection_reason ?? '';
        const file = `${tierDir}/result.json`;
        const text = `${sub}: ${reason}`;
        if (/^RateLimitError/.test(reason) || result.rate_limit_info) add(findings.rateLimits, { file, line: 0, text });
        else if (/^WorkerError/.test(reason)) add(findings.workerErrors, { file, line: 0, text });
      }
    }
    for (const sub of await source.list(tierDir)) {
      if (!sub.isDirectory || !/^\d+$/.test(sub.name)) continue;
      for (const run of await source.list(`${tierDir}/${sub.name}`)) {
        if (!run.isDirectory || !/^run_\d+$/.test(run.name) || budget <= 0) continue;
        await scanRun(`${tierDir}/${sub.name}/${run.name}`, read, source, findings, add);
      }
    }
  }
  return {
    workerErrors: exactArray(findings.workerErrors),
    judgeFailures: exactArray(findings.judgeFailures),
    rateLimits: exactArray(findings.rateLimits),
    agentErrors: exactArray(findings.agentErrors),
  };
}

async function tierFolders(source: ResultsSource, folder: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await source.list(folder);
  const tiers = (base: string, list: readonly SourceEntry[]) => {
    for (const entry of list) if (entry.isDirectory && /^T\d+$/.test(entry.name)) found.push(`${base}/${entry.name}`);
  };
  tiers(folder, entries);
  // Looked into only when listed: most result folders have none, and each look was a call that found nothing.
  if (entries.some((entry) => entry.isDirectory && entry.name === 'completed')) {
    tiers(`${folder}/completed`, await source.list(`${folder}/completed`));
  }
  return found;
}

async function scanRun(
  runDir: string,
  read: (file: string) => Promise<unknown>,
  source: ResultsSource,
  findings: FolderFindings,
  add: (list: Evidence[], evidence: Evidence) => void,
): Promise<void> {
  const judge = judgeResultSchema.safeParse(await read(`${runDir}/judge/result.json`));
  if (judge.success && (judge.data.is_valid === false || /all judges failed/i.test(judge.data.reasoning ?? ''))) {
    add(findings.judgeFailures, {
      file: flat`${runDir}/judge/result.json`,
      line: 0,
      text: judge.data.reasoning ?? 'is_valid: false',
    });
  }
  const runResult = runResultSchema.safeParse(await read(`${runDir}/run_result.json`));
  if (runResult.success) {
    const invalid = (runResult.data.judges ?? []).filter((j) => j.is_valid === false);
    if (invalid.length > 0 && invalid.length === (runResult.data.judges ?? []).length) {
      add(findings.judgeFailures, {
        file: flat`${runDir}/run_result.json`,
        line: 0,
        text: flat`all ${invalid.length} judges invalid: ${invalid[0]?.reasoning ?? ''}`.trim(),
      });
    }
  }
  for (const entry of await source.list(`${runDir}/judge`)) {
    if (!entry.isDirectory || !/^judge_\d+$/.test(entry.name)) continue;
    const file = flat`${runDir}/judge/${entry.name}/timing.json`;
    const timing = judgeTimingSchema.safeParse(await read(file));
    if (timing.success && timing.data.failed === true) {
      const text = flat`judge failed: ${timing.data.error ?? 'no message'}`;
      add(RATE_LIMIT_PATTERN.test(text) ? findings.rateLimits : findings.judgeFailures, { file, line: 0, text });
    }
  }
  const agent = await read(`${runDir}/agent/result.json`);
  const envelope = agentEnvelope(agent);
  if (envelope?.isError) {
    const file = flat`${runDir}/agent/result.json`;
    const text = flat`agent error: ${envelope.result}`;
    add(RATE_LIMIT_PATTERN.test(envelope.result) ? findings.rateLimits : findings.agentErrors, { file, line: 0, text });
  }
}

/** The Claude CLI envelope lives as a JSON string in agent/result.json `stdout`. */
function agentEnvelope(raw: unknown): { isError: boolean; result: string } | null {
  if (!raw || typeof raw !== 'object') return null;
  const stdout = (raw as { stdout?: unknown }).stdout;
  if (typeof stdout !== 'string' || !stdout.includes('is_error')) return null;
  try {
    const parsed = JSON.parse(stdout.trim()) as { is_error?: unknown; result?: unknown };
    return { isError: parsed.is_error === true, result: typeof parsed.result === 'string' ? parsed.result : '' };
  } catch {
    return null;
  }
}
