// Decides what happened to one ProjectScylla test (its cause, hence its category) and quotes the lines that
// decided it. Order matters: "the harness never ran" beats "it crashed", which beats "the model failed".
// Missing data is never a model failure.

import type { Cause, Evidence } from '../../model.js';
import { RATE_LIMIT_PATTERN } from './folder-findings.js';
import { hostResourceKinds, hostResourceSignature } from './host-resource.js';
import { checkpointFile } from './result-folders.js';
import type { LogError } from './thread-log.js';
import type { TestCase } from './assemble.js';
import { cutAtToken } from '../../util/cut-at-token.js';
import { exactArray } from '../../util/exact-array.js';
import { flat } from '../../util/flat.js';

const MISSING_TOOL = /No such file or directory: '[^']*'|command not found|not found on PATH|\bENOENT\b/;
const INFRA_EXIT_CODES = new Set([-1, 127]);
const INTERRUPTED_EXIT = 130;
const MAX_EVIDENCE = 8;

export interface Classification {
  cause: Cause;
  reason: string;
  evidence: Evidence[];
  /** The clustering key when the failure's family is known better than its text (preflight aborts). */
  signature?: string;
}

export function classify(test: TestCase): Classification {
  const evidence: Evidence[] = [];
  const add = (...items: (Evidence | null | undefined)[]) => {
    for (const item of items) if (item && evidence.length < MAX_EVIDENCE) evidence.push(item);
  };
  // Deciding is the last step: the list is copied to its exact size (an empty array grows room for 17 on its
  // first push, and the parsed tests are all held until the triage).
  const decide = (cause: Cause, reason: string): Classification => ({ cause, reason, evidence: exactArray(evidence) });

  add(rowEvidence(test));
  if (test.status === 'pass') {
    add(passEvidence(test));
    return decide('passed', 'the final status is pass');
  }

  const errors = test.finalBlock?.errors ?? [];
  const blockFile = test.finalBlock?.file ?? '';
  const logEvidence = (e: LogError): Evidence => ({ file: blockFile, line: e.line, text: e.text });
  const footer = footerEvidence(test);
  const findings = test.findings;
  const rowError = test.finalRow?.error ?? '';
  const cost = test.cost;
  const spent = cost !== null && cost > 0;

  // 1. The harness never really ran.
  const hostLine = errors.find((e) => hostResourceKinds(e.text).length > 0);
  const hostKinds = hostResourceKinds(hostLine?.text ?? rowError);
  if (hostKinds.length > 0) {
    add(hostLine ? logEvidence(hostLine) : null, checkpointEvidence(test));
    return {
      ...decide(
        'host-resource',
        `the runner's preflight check refused to start the test: the host was short of ${hostKinds.join(' and ')}`,
      ),
      signature: hostResourceSignature(hostKinds),
    };
  }
  if (test.exitCode !== null && INFRA_EXIT_CODES.has(test.exitCode)) {
    add(footer, ...errors.filter((e) => e.kind === 'launch').map(logEvidence));
    return decide('not-started', `exit code ${test.exitCode}: the test process never really started`);
  }
  const launch = errors.find((e) => e.kind === 'launch' || MISSING_TOOL.test(e.text));
  if (launch || MISSING_TOOL.test(rowError)) {
    add(launch ? logEvidence(launch) : null, footer);
    return decide('missing-tool', 'a required tool is missing');
  }
  const rateLimitLine = errors.find((e) => e.kind === 'rate-limit');
  const hardRateLimit =
    findings?.rateLimits[0] ?? (test.verdictFolder?.checkpoint?.rateLimited ? checkpointEvidence(test) : null);
  if (hardRateLimit || ((rateLimitLine || RATE_LIMIT_PATTERN.test(rowError)) && !(test.status === 'fail' && spent))) {
    add(hardRateLimit, rateLimitLine ? logEvidence(rateLimitLine) : null, footer);
    return decide('rate-limit', 'the run hit an API rate or usage limit');
  }
  if (findings && findings.judgeFailures.length > 0) {
    add(...findings.judgeFailures.slice(0, 3));
    return decide('judge-failed', 'the judges failed, so the score says nothing about the model');
  }
  if (test.exitCode !== null && (test.exitCode === INTERRUPTED_EXIT || test.exitCode < 0)) {
    add(footer);
    return decide('interrupted', `exit code ${test.exitCode}: interrupted or killed by a signal`);
  }

  // 2. The harness crashed.
  const crash = errors.filter((e) => e.kind !== 'rate-limit');
  const crashEvidence = [...crash.slice(-3).map(logEvidence), ...(findings?.workerErrors.slice(0, 2) ?? [])];
  const agentErrors = findings?.agentErrors.slice(0, 2) ?? [];
  if (test.status === 'error') {
    add(footer, ...crashEvidence);
    return decide('crash', 'the harness exited with an error');
  }
  if (test.status === 'fail' && cost === 0) {
    add(footer, experimentEvidence(test), ...crashEvidence);
    return decide('zero-cost', 'failed with zero cost: no tokens were spent, so the agent never really ran');
  }
  if (crashEvidence.length > 0 && !spent) {
    add(footer, ...crashEvidence);
    return decide('crash', 'the harness crashed');
  }

  // 3. The model ran and scored too low.
  if (test.status === 'fail' && spent) {
    add(experimentEvidence(test), reportEvidence(test));
    return decide('scored-low', 'tokens were spent and the score stayed at or under the threshold');
  }
  add(footer, ...agentErrors, checkpointEvidence(test));
  const setAside = test.verdictFolder ? undefined : test.excluded[0];
  if (setAside) {
    add({ file: `${setAside.path}/INVALID.md`, line: 1, text: setAside.reason });
    return decide('no-verdict', `its result folder was set aside as ${setAside.path}, so nothing says how it went`);
  }
  return decide('no-verdict', 'not enough data to tell');
}

function rowEvidence(test: TestCase): Evidence | null {
  const row = test.finalRow;
  if (!row) return null;
  const fields: Record<string, unknown> = { status: row.status };
  if (row.exitCode !== null) fields.exit_code = row.exitCode;
  if (row.hasMetrics) {
    fields.total_cost = row.totalCost;
    fields.best_tier = row.bestTier;
    fields.best_score = row.bestScore;
  }
  if (row.error) fields.error = row.error.length > 200 ? `${cutAtToken(row.error, 200)}…` : row.error;
  if (row.bogusMetrics) fields.note = 'L1 metrics ignored';
  return { file: 'batch_summary.json', line: row.line, text: JSON.stringify({ test_id: row.testId, ...fields }) };
}

function passEvidence(test: TestCase): Evidence | null {
  return reportEvidence(test) ?? experimentEvidence(test);
}

function reportEvidence(test: TestCase): Evidence | null {
  const report = test.verdictFolder?.report;
  if (!report) return null;
  const text = flat`best_tier ${report.bestTier ?? 'null'}, best_score ${report.bestScore}, total_cost ${report.totalCost ?? 'null'}`;
  return { file: report.file, line: 0, text };
}

function experimentEvidence(test: TestCase): Evidence | null {
  const block = test.finalBlock;
  const experiment = block?.experiment;
  if (!block || !experiment) return null;
  const verdict = experiment.bestTier ? `Best Tier: ${experiment.bestTier}` : 'No passing results found';
  const cost = experiment.totalCost === null ? '?' : experiment.totalCost.toFixed(4);
  return { file: block.file, line: experiment.line, text: flat`EXPERIMENT COMPLETE: Total Cost: $${cost}, ${verdict}` };
}

function footerEvidence(test: TestCase): Evidence | null {
  const block = test.finalBlock;
  if (!block) return null;
  if (!block.complete)
    return { file: block.file, line: block.line, text: flat`Starting ${block.testId} (no Completed line: killed)` };
  const duration = block.durationSeconds === null ? '?' : `${block.durationSeconds}s`;
  return {
    file: block.file,
    line: block.line,
    text: flat`Completed ${block.testId} in ${duration} (exit code: ${block.exitCode ?? '?'})`,
  };
}

function checkpointEvidence(test: TestCase): Evidence | null {
  const folder = test.verdictFolder;
  const checkpoint = folder?.checkpoint;
  if (!folder || !checkpoint) return null;
  const parts = [`status ${checkpoint.status ?? 'null'}`];
  if (checkpoint.experimentState) parts.push(`experiment_state ${checkpoint.experimentState}`);
  if (checkpoint.rateLimited) parts.push('rate limited');
  if (checkpoint.stale) parts.push('one save older than checkpoint.json, which is missing or unreadable');
  return { file: checkpointFile(folder.name, checkpoint), line: 0, text: parts.join(', ') };
}
