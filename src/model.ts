// The one result model that flows through the pipeline. triage.json is this object serialised;
// render/ and publish/ only ever see this, never the raw files.

export const SCHEMA_VERSION = 1;

/** Final verdict of a test, as the batch recorded it (last row wins). */
export type TestStatus = 'pass' | 'fail' | 'error' | 'unknown';

export type Category = 'pass' | 'model-failure' | 'framework-bug' | 'infrastructure' | 'unknown';

export const CATEGORIES: readonly Category[] = ['pass', 'model-failure', 'framework-bug', 'infrastructure', 'unknown'];

/** Which batch_summary.json writer produced the file (see docs/triage-rules.md). */
export type BatchFormat = 'legacy' | 'legacy-l1' | 'current' | 'mixed' | 'none';

/** A quoted line that supports a decision: file relative to the results folder, 1-based line (0 = whole file). */
export interface Evidence {
  file: string;
  line: number;
  text: string;
}

/** One try at running a test: a thread-log block, a batch_summary row, or a result folder. */
export interface Attempt {
  source: 'log' | 'row' | 'result-dir';
  file: string;
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
  maskedPass: boolean;
  /** id of the root-cause cluster (every non-pass test with an error signature has one). */
  rootCause: string | null;
  /** Root cause this test's failure is attributed to when it is a cascade of an earlier crash. */
  causedBy: string | null;
  cost: number | null;
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
  passCost: number;
  meanCop: number | null;
  medianCop: number | null;
  frameworkBugs: number;
  modelFailures: number;
  infrastructure: number;
  unknown: number;
  maskedPasses: number;
  correctedPassed: number;
  correctedPassRate: number;
  totalDurationSeconds: number;
  meanDurationSeconds: number | null;
  medianDurationSeconds: number | null;
  sessions: number;
}

export interface BatchInfo {
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
  tests: TestComparison[];
  rootCauses: RootCauseComparison[];
  passRateDelta: number | null;
  correctedPassRateDelta: number | null;
  totalCostDelta: number | null;
  passCostDelta: number | null;
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
  /** Present when a previous analysis was given; null when none was found. */
  comparison?: Comparison | null;
}
