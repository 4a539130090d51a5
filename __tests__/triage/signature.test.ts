import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

import { normalizeSignature, signatureKey } from '../../src/triage/signature.js';

describe('normalizeSignature', () => {
  it('drops generated names, numbers and the git casing change from the worktree collision', () => {
    const a = normalizeSignature(
      "RuntimeError: Failed to create worktree even after cleanup: Preparing worktree (new branch 'T0_00_run_01')\nfatal: a branch named 'T0_00_run_01' already exists",
    );
    const b = normalizeSignature(
      "RuntimeError: Failed to create worktree even after cleanup: Preparing worktree (new branch 'T3_14_run_02')\nfatal: A branch named 'T3_14_run_02' already exists",
    );
    expect(a).toBe(
      'RuntimeError: Failed to create worktree even after cleanup: Preparing worktree (new branch <q>) | fatal: a branch named <q> already exists',
    );
    expect(signatureKey(a)).toBe(signatureKey(b));
  });

  it('keeps the names that tell one bug from another', () => {
    const tier = normalizeSignature("AttributeError: 'TierConfig' object has no attribute 'language'");
    const stats = normalizeSignature("AttributeError: 'AdapterTokenStats' object has no attribute 'to_dict'");
    expect(tier).toBe("AttributeError: 'TierConfig' object has no attribute 'language'");
    expect(signatureKey(tier)).not.toBe(signatureKey(stats));
    expect(normalizeSignature("[Errno 2] No such file or directory: 'pixi'")).toBe(
      "[Errno <n>] No such file or directory: 'pixi'",
    );
  });

  it('drops log prefixes, timestamps, paths, line numbers, ids and test ids', () => {
    expect(
      normalizeSignature(
        '2026-02-14 06:01:53 [ERROR] scylla.e2e.parallel_executor: Worker exception for T0/02: ValidationError: 1 validation error for RunResult',
      ),
    ).toBe('Worker exception for T<n>/<n>: ValidationError: <n> validation error for RunResult');
    expect(
      normalizeSignature('File "/home/u/x/scylla/e2e/runner.py", line 440, in run at 2026-02-20T15:00:27.123456+00:00'),
    ).toBe('File <q>, line <n>, in run at <ts>');
    expect(
      normalizeSignature(
        'Checkpoint for test-017 at results/2026-02-20T15-01-41-test-017/checkpoint.json is corrupt (id 3f9a2b1c7d)',
      ),
    ).toBe('Checkpoint for <test> at <path> is corrupt (id <id>)');
  });

  it('strips ANSI colour codes and keeps at most three lines', () => {
    expect(normalizeSignature('\u001b[31mError: boom\u001b[0m\nline two\nline three\nline four')).toBe(
      'Error: boom | line two | line three',
    );
  });

  it('drops memory addresses, so two runs of one crash in a repr stay one root cause', () => {
    const a = normalizeSignature('RetryError(<Future at 0x7f8a1c2b3d40 state=finished raised RateLimitError>)');
    const b = normalizeSignature('RetryError(<Future at 0x7f00deadbeef state=finished raised RateLimitError>)');
    expect(a).toBe(b);
    expect(a).toBe('RetryError(<Future at <addr> state=finished raised RateLimitError>)');
  });

  it('takes a number for a number whatever its digits, so one error with two values stays one root cause', () => {
    expect(normalizeSignature('judge score 0.8333333333333334 out of range')).toBe('judge score <n> out of range');
    expect(normalizeSignature('judge score 0.55 out of range')).toBe('judge score <n> out of range');
    expect(normalizeSignature('used 1523456 tokens, cost $0.1234567')).toBe(
      normalizeSignature('used 987654 tokens, cost $0.12'),
    );
    // A hex id still reads as one, digits and letters both.
    expect(normalizeSignature('commit 3f9a2b1c7d not found')).toBe('commit <id> not found');
  });

  it('stays one bounded line on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const once = normalizeSignature(text);
        expect(once.length).toBeLessThanOrEqual(301);
        expect(once).not.toMatch(/\n/);
      }),
      { numRuns: 300 },
    );
  });
});
