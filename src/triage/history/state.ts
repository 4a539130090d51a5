// The state of a test over the window, from its P and F letters only (X and . say nothing about the model).
// First rule that applies (docs/history.md):
//   new        fewer than 3 letters
//   flaky      at least 2 flips, and flips / (n - 1) at least 0.3
//   regressed  last F, and the letters before the trailing run of F are at least 3, all P
//   fixed      last P, and the letters before the trailing run of P are at least 3, all F
//   failing    F makes up at least half
//   passing    otherwise

import type { HistoryState, TestHistory } from '../../model.js';

export function historyState(outcomes: string): Omit<TestHistory, 'testId' | 'outcomes'> {
  // One pass: this runs for every test of a batch.
  let s = '';
  let passes = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const c = outcomes[i]!;
    if (c === 'P') passes++;
    if (c === 'P' || c === 'F') s += c;
  }
  const n = s.length;
  let flips = 0;
  for (let i = 1; i < n; i++) if (s[i] !== s[i - 1]) flips++;
  const fails = n - passes;
  return { state: stateOf(s, flips, fails), flips, passes, fails };
}

function stateOf(s: string, flips: number, fails: number): HistoryState {
  const n = s.length;
  if (n < 3) return 'new';
  if (flips >= 2 && flips / (n - 1) >= 0.3) return 'flaky';
  const last = s[n - 1]!;
  const before = s.slice(0, n - trailingRun(s));
  const other = last === 'F' ? 'P' : 'F';
  if (before.length >= 3 && [...before].every((c) => c === other)) return last === 'F' ? 'regressed' : 'fixed';
  if (fails * 2 >= n) return 'failing';
  return 'passing';
}

function trailingRun(s: string): number {
  let run = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === s[s.length - 1]; i--) run++;
  return run;
}
