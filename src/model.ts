// The one result model that flows through the pipeline. triage.json is this object serialised;
// render/ and publish/ only ever see this, never the raw files.

export const SCHEMA_VERSION = 1;

/** Final verdict of a test, as the batch recorded it (last row wins). */
export type TestStatus = 'pass' | 'fail' | 'error' | 'unknown';

export type Category = 'pass' | 'model-failure' | 'framework-bug' | 'infrastructure' | 'unknown';

export const CATEGORIES: readonly Category[] = ['pass', 'model-failure', 'framework-bug', 'infrastructure', 'unknown'];

/**
 * What happened to a test, in words no harness owns. Each adapter maps its own facts to one of these
 * (docs/triage-rules.md, per harness); the category follows from it, and so does the advice on what to do.
 */
export type Cause =
  | 'passed'
  /** Graded at or under the threshold after the agent ran and spent tokens. */
  | 'scored-low'
  /** The agent ran out of a budget (tokens, messages, turns, time, cost) before it finished. */
  | 'limit'
  /** The harness raised or exited with an error. */
  | 'crash'
  /** Failed with a cost of exactly zero: the agent never really ran (crashed workers exit 0). */
  | 'zero-cost'
  /** The test process never started (could not be launched). */
  | 'not-started'
  | 'missing-tool'
  | 'rate-limit'
  /** The model provider could not be reached or answered with a server error. */
  | 'api-error'
  /** The judges failed, so the score says nothing about the model. */
  | 'judge-failed'
  | 'interrupted'
  /** The runner refused to start the test: the host was short of memory or disk. */
  | 'host-resource'
  /** The sandbox (container, VM) the agent runs in failed. */
  | 'sandbox'
  | 'no-verdict';

export const CAUSE_CATEGORY: Readonly<Record<Cause, Category>> = {
  passed: 'pass',
  'scored-low': 'model-failure',
  limit: 'model-failure',
  crash: 'framework-bug',
  'zero-cost': 'framework-bug',
  'not-started': 'infrastructure',
  'missing-tool': 'infrastructure',
  'rate-limit': 'infrastructure',
  'api-error': 'infrastructure',
  'judge-failed': 'infrastructure',
  interrupted: 'infrastructure',
  'host-resource': 'infrastructure',
  sandbox: 'infrastructure',
  'no-verdict': 'unknown',
};

/** The evaluation harness whose results were read: one adapter each under src/parse/. */
export type Harness = 'scylla' | 'inspect' | 'promptfoo';

export const HARNESSES: readonly Harness[] = ['scylla', 'inspect', 'promptfoo'];

/**
 * What exactly was read. ProjectScylla: which batch_summary.json writer produced the file (see
 * docs/triage-rules.md). Inspect: `.eval` archives, `.json` logs, or both. promptfoo: `-o x.json` or `x.jsonl`.
 */
export type BatchFormat =
  | 'legacy'
  | 'legacy-l1'
  | 'current'
  | 'mixed'
  | 'none'
  | 'inspect-eval'
  | 'inspect-json'
  | 'inspect-mixed'
  | 'promptfoo-json'
  | 'promptfoo-jsonl';

/** A quoted line that supports a decision: file relative to the results folder, 1-based line (0 = whole file). */
export interface Evidence {
  file: string;
  /** The member of an archive `file` (an Inspect `.eval`) the quote comes from. */
  member?: string;
  line: number;
  text: string;
}

/**
 * One try at running a test: a thread-log block, a batch_summary row or a result folder (ProjectScylla); a
 * sample in a log, or an earlier try its `error_retries` recorded (Inspect); a row of the output (promptfoo).
 */
export interface Attempt {
  source: 'log' | 'row' | 'result-dir' | 'sample' | 'error-retry';
  file: string;
  /** The member of an archive `file` (an Inspect `.eval`). */
  member?: string;
  line: number;
  /** 1-based session number (thread logs: split on idle gaps; rows: position in history). */
  session: number | null;
  thread: number | null;
  startedAt: string | null;
  completedAt: string | null;
  durationSeconds: number | null;
  exitCode: number | null;
  /** `incomplete` = a log block with a header but no footer (killed session). */
  status: TestStatus | 'incomplete';
  passed: boolean;
  cost: number | null;
  /** Tokens spent, where the harness counts them and no price is known (Inspect, promptfoo). */
  tokens?: number | null;
  score: number | null;
  bestTier: string | null;
  error: string | null;
}

export interface TierResult {
  tier: string;
  score: number | null;
  cost: number | null;
  passed: boolean | null;
}

export interface TestResult {
  testId: string;
  name: string | null;
  thread: number | null;
  status: TestStatus;
  category: Category;
  /** What happened, harness-neutral; the category follows from it (CAUSE_CATEGORY). */
  cause: Cause;
  /** Why, in one sentence. */
  reason: string;
  maskedPass: boolean;
  /** id of the root-cause cluster (every non-pass test with an error signature has one). */
  rootCause: string | null;
  /** Root cause this test's failure is attributed to when it is a cascade of an earlier crash. */
  causedBy: string | null;
  cost: number | null;
  /** Tokens spent (harnesses that count them); absent where only cost is known. */
  tokens?: number | null;
  score: number | null;
  bestTier: string | null;
  cop: number | null;
  durationSeconds: number | null;
  exitCode: number | null;
  error: string | null;
  resultDir: string | null;
  startedAt: string | null;
  tiers: TierResult[];
  attempts: Attempt[];
  evidence: Evidence[];
  /** The known-issue rule this failure matched (the config's, first match wins), or null. */
  knownIssue: KnownIssueMatch | null;
}

/**
 * known: a failure the team already tracks (no new issue); quarantine: also left out of the comparison's new
 * failures and of the re-run; expected-fail: expected to fail until fixed (a pass says it appears fixed).
 */
export type KnownIssueMode = 'known' | 'quarantine' | 'expected-fail';

export interface KnownIssueMatch {
  id: string;
  mode: KnownIssueMode;
  /** The tracking issue: `#123` or `owner/repo#123`. */
  issue: string | null;
}

/** A known-issue rule as this batch met it: the failures it matched, the expected failures that passed. */
export interface KnownIssueHit {
  id: string;
  mode: KnownIssueMode;
  issue: string | null;
  issueUrl: string | null;
  fix: string | null;
  expires: string | null;
  expired: boolean;
  /** Failures it matched, natural order. */
  tests: string[];
  /** expected-fail: tests its `tests` globs name that passed (the signal that the issue can be closed). */
  appearsFixed: string[];
}

/** What to run next: the tests the harness broke, and the ones whose judges alone failed. */
export interface RerunPlan {
  /** Framework bugs, infrastructure and unknowns that are not quarantined, natural order (rerun.txt). */
  tests: string[];
  /** Of those, the ones whose agent finished and only the judging failed (cost spent): re-judge them. */
  rejudge: string[];
  /** The command that re-runs `tests` (null when there is none to run). */
  command: string | null;
  rejudgeCommand: string | null;
  /** What the agents of `rejudge` cost: spent again by a full re-run, kept by re-judging. */
  costAtStake: number;
}

export interface RootCause {
  id: string;
  category: Category;
  /** Normalised error text: the clustering key, stable across batches. */
  signature: string;
  /** One real error line of the cluster, unnormalised. */
  example: string;
  tests: string[];
  causedBy: string | null;
  threads: number[];
  /** With a history: the run of the window where this signature first appears. */
  firstSeen?: string | null;
  /** With a history: true when this configuration never had this signature before this batch. */
  new?: boolean;
}

export interface TierMetrics {
  tier: string;
  tests: number;
  passed: number;
  meanScore: number | null;
  totalCost: number;
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  unknownStatus: number;
  passRate: number;
  totalCost: number;
  /** Tokens spent, where the harness counts them (absent otherwise). */
  totalTokens?: number;
  passCost: number;
  meanCop: number | null;
  medianCop: number | null;
  frameworkBugs: number;
  modelFailures: number;
  infrastructure: number;
  unknown: number;
  maskedPasses: number;
  /** Failures a known-issue rule matched. */
  knownIssues: number;
  /** Of those, the ones in quarantine. */
  quarantined: number;
  /** Tests an expected-fail rule names that passed. */
  appearsFixed: number;
  correctedPassed: number;
  correctedPassRate: number;
  /** Tests the model passed: a pass, or a masked pass (an earlier attempt passed). */
  modelPassed: number;
  /** Tests the model failed: a model failure that is not a masked pass. */
  modelFailed: number;
  /**
   * modelPassed / (modelPassed + modelFailed): framework bugs, infrastructure and unknowns are missing data, not
   * failures. Null when no test has a model verdict.
   */
  modelPassRate: number | null;
  /** Wilson score interval of modelPassRate, z = 1.96. */
  modelPassRateCi95: [number, number] | null;
  totalDurationSeconds: number;
  meanDurationSeconds: number | null;
  medianDurationSeconds: number | null;
  sessions: number;
}

export interface BatchInfo {
  harness: Harness;
  model: string | null;
  judgeModel: string | null;
  tiers: string[];
  startedAt: string | null;
  completedAt: string | null;
  format: BatchFormat;
  runs: number | null;
  maxSubtests: number | null;
  thinking: string | null;
  threads: number | null;
  /** Name given on the command line or by the action (folder name, artifact name). */
  source: string;
}

export interface Warning {
  file: string;
  /** zod-style path inside the file (`results[12].total_cost`), empty for whole-file problems. */
  path: string;
  message: string;
  /** `config`: about the team's config (an expired rule), not data that was skipped. */
  kind?: 'config';
}

export type Transition = 'new-failure' | 'fixed' | 'still-failing' | 'still-passing' | 'new-test' | 'removed';

export const TRANSITIONS: readonly Transition[] = [
  'new-failure',
  'fixed',
  'still-failing',
  'still-passing',
  'new-test',
  'removed',
];

export interface TestComparison {
  testId: string;
  transition: Transition;
  /** rootCause: the test's root-cause id in the previous batch. */
  before: { status: TestStatus; category: Category; name: string | null; rootCause: string | null } | null;
  after: { status: TestStatus; category: Category; name: string | null } | null;
  /** A new failure of a quarantined test: listed apart, not counted in `counts['new-failure']`. */
  quarantined?: true;
  /** With a history: the test's state and its outcomes over the window (a flaky test failing is noise). */
  state?: HistoryState;
  outcomes?: string;
}

export interface RootCauseComparison {
  signature: string;
  category: Category;
  status: 'new' | 'persisting' | 'gone';
  /** Root-cause id in this batch (null when gone). */
  id: string | null;
  /** Root-cause id in the previous batch (null when new). */
  baselineId: string | null;
  tests: number;
  baselineTests: number;
}

/** "What changed since last time": this batch against the previous analysis of the same configuration. */
export interface Comparison {
  baseline: {
    source: string;
    startedAt: string | null;
    schemaVersion: number;
    model: string | null;
    tiers: string[];
  };
  /** False when the configuration (model, tiers) differs: nothing below is filled then. */
  comparable: boolean;
  reason: string | null;
  counts: Record<Transition, number>;
  /** New failures of quarantined tests, left out of `counts['new-failure']`. */
  quarantinedFailures: number;
  tests: TestComparison[];
  rootCauses: RootCauseComparison[];
  passRateDelta: number | null;
  correctedPassRateDelta: number | null;
  totalCostDelta: number | null;
  passCostDelta: number | null;
  /** The paired test on the tests with a model verdict in both batches (null when not comparable). */
  statistics: ComparisonStatistics | null;
}

/** docs/history.md: McNemar on the paired P/F verdicts, the difference with its interval, what it can detect. */
export interface ComparisonStatistics {
  pairedTests: number;
  passToFail: number;
  failToPass: number;
  passRateBefore: number | null;
  passRateAfter: number | null;
  delta: number | null;
  ci95: [number, number] | null;
  mcnemarP: number;
  mcnemarMidP: number;
  mde: number | null;
  verdict: 'regression' | 'improvement' | 'no-detectable-change';
}

/** A test's outcome in one batch: P passed (or masked pass), F model failure, X no model signal, . absent. */
export type Outcome = 'P' | 'F' | 'X' | '.';

/** docs/history.md states the rules, first match wins, on the P/F letters only. */
export type HistoryState = 'new' | 'flaky' | 'regressed' | 'fixed' | 'failing' | 'passing';

/** This batch's tests over the newest batches of the same configuration (the window), this one included. */
export interface TriageHistory {
  /** Batches in the window: the length of every outcomes string. */
  batches: number;
  window: number;
  /** The window's runs, oldest first. */
  runs: { run: string; startedAt: string | null }[];
  tests: TestHistory[];
}

export interface TestHistory {
  testId: string;
  /** One letter per batch of the window, oldest first. */
  outcomes: string;
  state: HistoryState;
  /** Changes between neighbours of the P/F letters. */
  flips: number;
  passes: number;
  fails: number;
}

export const HISTORY_SCHEMA_VERSION = 1;

/** history.json beside the analyses: every batch of every configuration, compact, O(tests x window). */
export interface HistoryFile {
  schemaVersion: typeof HISTORY_SCHEMA_VERSION;
  configurations: HistoryConfiguration[];
}

export interface HistoryConfiguration {
  /** model + tiers, as the analysis folders are named. */
  key: string;
  model: string | null;
  tiers: string[];
  /** Test ids in natural order; every batch's `outcomes` has one letter per id, in this order. */
  tests: string[];
  /** Every root cause this configuration has seen, with the run where it first appeared. */
  signatures: HistorySignature[];
  /** Oldest first by startedAt; at most the window. */
  batches: HistoryBatch[];
}

export interface HistorySignature {
  id: string;
  category: Category;
  signature: string;
  firstSeen: string;
  firstSeenAt: string | null;
}

export interface HistoryBatch {
  /** The analysis folder's name: analysing into it again replaces this entry. */
  run: string;
  startedAt: string | null;
  source: string;
  tests: number;
  passed: number;
  maskedPasses: number;
  correctedPassRate: number;
  modelPassed: number;
  modelFailed: number;
  modelPassRate: number | null;
  modelPassRateCi95: [number, number] | null;
  frameworkBugs: number;
  infrastructure: number;
  unknown: number;
  totalCost: number;
  /** One letter per configuration test (P, F, X or . when absent). */
  outcomes: string;
  /** Ids of the signatures of this batch's root causes. */
  rootCauses: string[];
}

export interface TriageResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'e2e-triage'; version: string };
  batch: BatchInfo;
  summary: Summary;
  tests: TestResult[];
  rootCauses: RootCause[];
  tierMetrics: TierMetrics[];
  warnings: Warning[];
  /** Results the harness's operators set aside (ProjectScylla `INVALID-<folder>/`): never read as attempts. */
  excluded: Excluded[];
  /** Credentials found in the results and redacted from everything this analysis writes. */
  redacted: Redaction[];
  /** The known-issue rules this batch met, in the config's order. */
  knownIssues: KnownIssueHit[];
  rerun: RerunPlan;
  /** Present when a previous analysis was given; null when none was found. */
  comparison?: Comparison | null;
  /** Present when the analysis was made with a history (the action, or the CLI with --history). */
  history?: TriageHistory;
}

/** Credentials the harness printed into the results, redacted everywhere: counted, never shown. */
export interface Redaction {
  /** e.g. `anthropic-api-key`: the placeholder is `[redacted:<kind>]`. */
  kind: string;
  /** Distinct values of this kind. */
  count: number;
  /** Where they were printed, relative to the results root. */
  files: string[];
}

export interface Excluded {
  /** Folder or file, relative to the results root. */
  path: string;
  testId: string | null;
  /** Why it was set aside, as its owners wrote it (the first line of INVALID.md). */
  reason: string;
}
