// A masked pass: the final verdict is not a pass, but an earlier attempt passed with real money (or, where the
// harness prices nothing, real tokens) spent — typically a re-run that crashed and overwrote a good result.

import type { Attempt, TestStatus } from '../model.js';

export interface MaskedPass {
  masked: boolean;
  /** The passing attempt that proves it, when masked. */
  proof: Attempt | null;
}

export function detectMaskedPass(status: TestStatus, attempts: Attempt[]): MaskedPass {
  if (status === 'pass') return { masked: false, proof: null };
  const proof = attempts.find((a) => a.passed && ((a.cost ?? 0) > 0 || (a.tokens ?? 0) > 0)) ?? null;
  return { masked: proof !== null, proof };
}
