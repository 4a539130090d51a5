// The harness-neutral model between parse and triage. Every adapter (one folder per harness under src/parse/)
// turns its own files into this, and it is all triage/ ever sees: tests with their attempts, the verdict the
// harness's rules give, the evidence for it, and the batch's identity.

import type {
  Attempt,
  BatchInfo,
  Cause,
  Evidence,
  Excluded,
  Redaction,
  TestStatus,
  TierResult,
  Warning,
} from '../model.js';

export interface ParsedTest {
  testId: string;
  name: string | null;
  /** Final verdict as the harness recorded it. */
  status: TestStatus;
  /** What happened, decided by the adapter's documented rules (docs/triage-rules.md, per harness). */
  cause: Cause;
  /** Why, in one sentence. */
  reason: string;
  /** The lines that decided it, with file and line (or archive member). */
  evidence: Evidence[];
  /**
   * The text that best names the failure (`real: false`: described from the status, for clustering), and the
   * file it was printed in.
   */
  error: { text: string; real: boolean; file?: string } | null;
  /** The clustering key, when the adapter knows the failure's family better than its text does. */
  signature?: string;
  cost: number | null;
  /** Tokens spent, where the harness counts them; leave undefined where it does not. */
  tokens?: number | null;
  score: number | null;
  bestTier: string | null;
  cop: number | null;
  durationSeconds: number | null;
  exitCode: number | null;
  startedAt: string | null;
  resultDir: string | null;
  tiers: TierResult[];
  /** Every try, oldest first; `passed` marks the ones that passed with a verdict of their own. */
  attempts: Attempt[];
  /** Where the final attempt ran: a cascade is looked for per (thread, session). */
  thread: number | null;
  session: number | null;
  /** Position of the final attempt in the batch's own record, for ties within a lane. */
  order: number;
}

export interface ParsedBatch {
  /** Name of the results (folder, archive or artifact name). */
  label: string;
  batch: Omit<BatchInfo, 'source'>;
  /** Sessions found in the harness's logs (0 when it keeps none). */
  sessions: number;
  tests: ParsedTest[];
  excluded: Excluded[];
  /** Filled by the parse stage's redaction pass (adapters leave it out). */
  redacted?: Redaction[];
  warnings: Warning[];
}
