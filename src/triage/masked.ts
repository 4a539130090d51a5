// A masked pass: the final verdict is not a pass, but an earlier attempt passed with real money spent —
// typically a re-run session that crashed and overwrote a good first result.

import type { Attempt, TestStatus } from '../model.js';

export interface MaskedPass {
  masked: boolean;
  /** The passing attempt that proves it, when masked. */
  proof: Attempt | null;
}

export function detectMaskedPass(status: TestStatus, attempts: Attempt[]): MaskedPass {
  if (status === 'pass') return { masked: false, proof: null };
  const proof = attempts.find((a) => a.passed && a.cost !== null && a.cost > 0) ?? null;
  return { masked: proof !== null, proof };
}
