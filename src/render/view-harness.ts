// What differs between harnesses on the page: the words for what to do next, what a masked pass means, which
// facts exist at all (ProjectScylla has threads, exit codes and result folders; Inspect and promptfoo have
// tokens and archive members), and the name to show. Everything else is the same page for every harness.

import type { Attempt, Cause, Evidence, Harness, TestResult } from '../model.js';

export const HARNESS_LABEL: Record<Harness, string> = {
  scylla: 'ProjectScylla',
  inspect: 'Inspect AI',
  promptfoo: 'promptfoo',
};

/** A quote's place: `file:line`, or `archive › member` for a file inside an Inspect `.eval`. */
export function placeOf(place: Pick<Evidence, 'file' | 'line' | 'member'>): string {
  const file = place.line > 0 ? `${place.file}:${place.line}` : place.file;
  return place.member ? `${file} › ${place.member}` : file;
}

/** ProjectScylla's own words, by category, then where the cause says more. */
const SCYLLA_STEP: Record<string, string> = {
  pass: 'Nothing to do.',
  'framework-bug':
    'Fix the harness bug behind this root cause, then re-run the test fresh (`--fresh`): its result says nothing about the model.',
  infrastructure:
    'Fix the environment (tool on PATH, rate limit, judge availability) and re-run: the model was never really evaluated.',
  'model-failure':
    "Read the rubric and the judges' reasoning for this test: the agent ran, spent tokens and scored at or under the threshold.",
  unknown: 'Not enough data to tell: check the thread log and the result folder, or re-run the test.',
};

const SCYLLA_STEP_BY_CAUSE: Partial<Record<Cause, string>> = {
  'host-resource':
    'Nothing is wrong with the harness or the model: the host was short of memory or disk. Free memory or disk on the machine that runs the batch (old experiment workspaces), or run fewer tests at once (`--threads`, `--max-concurrent-agents`), then re-run this test.',
  'rate-limit': 'Wait for the rate or usage limit to reset, then re-run: the model was never really evaluated.',
  'missing-tool': 'Put the missing tool on the PATH of the machine that runs the batch, then re-run.',
  'judge-failed':
    "Re-run the judges only (the agent's work is kept), once the judge model answers again: the score says nothing about the model.",
  limit:
    'The agent ran out of its budget before finishing: read the transcript, then decide whether the limit or the agent is at fault.',
};

/** For every other harness: one step per cause, in words no harness owns. */
const STEP_BY_CAUSE: Record<Cause, string> = {
  passed: 'Nothing to do.',
  'scored-low':
    "Read the grader's reasoning and the transcript for this test: the agent ran and was graded below the threshold.",
  limit:
    'The agent ran out of a budget (tokens, messages, turns, time or cost), or went over a latency or cost threshold: read the transcript, then decide whether the limit or the agent is at fault.',
  crash:
    'Fix the bug behind this root cause (in the harness, the solver, the scorer or the provider code), then re-run the test: its result says nothing about the model.',
  'zero-cost': 'The test failed before the model spent anything: fix what stopped it, then re-run the test.',
  'not-started': 'The test never started: fix the environment it runs in, then re-run it.',
  'missing-tool':
    'Install the missing tool where the evaluation runs, then re-run: the model was never really evaluated.',
  'rate-limit':
    'Wait for the rate or usage limit to reset (or run fewer tests at once), then re-run: the model was never really evaluated.',
  'api-error':
    'The model provider could not be reached, timed out or failed: check its status and the network, then re-run.',
  'judge-failed':
    'The grader failed, so the score says nothing about the model: fix the grader (its model, prompt or output format), then grade this test again.',
  interrupted: 'The run was stopped before this test finished: re-run it.',
  'host-resource': 'The machine was short of memory or disk: free some, or run fewer tests at once, then re-run.',
  sandbox:
    'The sandbox the agent runs in (a container or VM) failed: check Docker or the sandbox provider, then re-run the test.',
  'no-verdict': 'Not enough data to tell: check the log of this test, or re-run it.',
};

export function nextStep(test: TestResult, harness: Harness): string {
  if (harness === 'scylla') {
    if (test.maskedPass)
      return 'An earlier attempt passed: the final verdict comes from a broken re-run. Re-run the test fresh to confirm the pass.';
    return SCYLLA_STEP_BY_CAUSE[test.cause] ?? SCYLLA_STEP[test.category]!;
  }
  if (test.maskedPass) return MASKED_STEP[harness];
  return STEP_BY_CAUSE[test.cause];
}

/** What a masked pass means, per harness: a broken re-run (ProjectScylla), a later log (Inspect), a flaky test. */
export const MASKED_MEANING: Record<
  Harness,
  { intro: string; advice: (tests: string, it: string, rate: string) => string }
> = {
  scylla: {
    intro:
      'These tests did not pass in the final verdict, but an earlier attempt passed with real cost: a later, broken re-run overwrote the result.',
    advice: (tests, it, rate) =>
      `${tests} passed in an earlier attempt and ${it === 'it' ? 'was' : 'were'} overwritten by a broken re-run: the corrected pass rate is ${rate}. Re-run ${it} fresh to confirm.`,
  },
  inspect: {
    intro:
      'These samples did not pass in the final verdict, but an earlier log passed them with real cost: a later run replaced the result.',
    advice: (tests, it, rate) =>
      `${tests} passed in an earlier log and a later run replaced that result: the corrected pass rate is ${rate}. Re-run ${it} to see which holds.`,
  },
  promptfoo: {
    intro:
      'These tests did not pass in the final verdict, but an earlier repeat passed: they are flaky rather than broken.',
    advice: (tests, it, rate) =>
      `${tests} passed in an earlier repeat and failed in the last: the corrected pass rate is ${rate}. Run ${it} a few more times (\`--repeat\`) before trusting either verdict.`,
  },
};

const MASKED_STEP: Record<Harness, string> = {
  scylla: '',
  inspect:
    'An earlier log of this task passed this sample, and a later run replaced it with this result: re-run the sample to see which holds.',
  promptfoo:
    'An earlier repeat of this test passed and the last one did not: the test is flaky rather than broken. Run it a few more times (`--repeat`) before trusting either verdict.',
};

/** Which facts this batch has at all: a column of dashes says nothing. ProjectScylla's pages never change. */
export interface ShownFacts {
  thread: boolean;
  exit: boolean;
  cop: boolean;
  resultDir: boolean;
  session: boolean;
  bestTier: boolean;
  tokens: boolean;
}

export function shownFacts(harness: Harness, tests: readonly TestResult[]): ShownFacts {
  if (harness === 'scylla')
    return { thread: true, exit: true, cop: true, resultDir: true, session: true, bestTier: true, tokens: false };
  const any = (pick: (t: TestResult) => unknown) => tests.some((t) => pick(t) !== null && pick(t) !== undefined);
  const anyAttempt = (pick: (a: Attempt) => unknown) =>
    tests.some((t) => t.attempts.some((a) => pick(a) !== null && pick(a) !== undefined));
  return {
    thread: any((t) => t.thread),
    exit: any((t) => t.exitCode),
    cop: any((t) => t.cop),
    resultDir: any((t) => t.resultDir),
    session: anyAttempt((a) => a.session),
    bestTier: anyAttempt((a) => a.bestTier),
    tokens: any((t) => t.tokens) || anyAttempt((a) => a.tokens),
  };
}
