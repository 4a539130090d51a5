// Credential detection and redaction: every kind, in text as harnesses print it; the same failure with
// different keys stays one text; no false alarm on ordinary harness output; dense text stays fast.

import { describe, expect, it } from 'vitest';

import { applyRedactions, findCredentials } from '../../src/parse/redact/detect.js';
import { fakeCredentials } from '../helpers/fake-credentials.js';

async function redactOne(text: string): Promise<string> {
  const [findings] = await findCredentials([text]);
  return applyRedactions(text, findings!);
}

describe('credential detection', () => {
  for (const credential of fakeCredentials()) {
    it(`redacts ${credential.kind} (${credential.value.slice(0, 7)}…)`, async () => {
      const out = await redactOne(credential.line);
      expect(out).not.toContain(credential.value);
      for (const piece of credential.value.split('\n')) if (piece.length > 20) expect(out).not.toContain(piece);
      expect(out).toMatch(/\[redacted:[a-z0-9-]+\]/);
      // The placeholder names the kind (a token inside a URL may be named for either).
      if (!credential.line.includes('x-access-token')) expect(out).toContain(`[redacted:${credential.kind}]`);
    });
  }

  it('keeps the rest of the line readable: scheme, user and host of a URL, the words around a key', async () => {
    const [, , , , app] = fakeCredentials();
    const out = await redactOne(app!.line);
    expect(out).toMatch(
      /^fatal: unable to access 'https:\/\/x-access-token:\[redacted:[a-z-]+\]@github\.com\/acme\/widgets\.git\/'/,
    );
    expect(await redactOne('environment: JUDGE_API_KEY=abcdefghijklmnop RUNS=3')).toBe(
      'environment: JUDGE_API_KEY=[redacted:secret-assignment] RUNS=3',
    );
  });

  it('gives the same failure printed with different keys one text', async () => {
    const texts = [1, 2, 3].map((seed) => {
      const anthropic = fakeCredentials(seed)[0]!;
      return `RuntimeError: judge call failed: ${anthropic.line}`;
    });
    const found = await findCredentials(texts);
    const redacted = texts.map((t, i) => applyRedactions(t, found[i]!));
    expect(new Set(redacted).size).toBe(1);
    expect(redacted[0]).toBe(
      'RuntimeError: judge call failed: anthropic.AuthenticationError: Error code: 401 - invalid x-api-key [redacted:anthropic-api-key]',
    );
  });

  it('cannot be switched off by the text it reads', async () => {
    const [anthropic] = fakeCredentials();
    const text = `// secretlint-disable\n${anthropic!.line}\n/* secretlint-disable-line */ ${anthropic!.value}`;
    expect(await redactOne(text)).not.toContain(anthropic!.value);
  });

  it('leaves ordinary harness output alone', async () => {
    const ordinary = [
      'pydantic_core._pydantic_core.ValidationError: 1 validation error for RunResult\ncriteria_scores\n  Input should be a valid dictionary [type=dict_type, input_value=None, input_type=NoneType]',
      "KeyError: 'tier_config'",
      "fatal: a branch named 'T0_00_run_01' already exists",
      "Judge response missing required 'score' field. Keys found: ['type', 'subtype', 'is_error', 'result']",
      "ERROR: [Errno 2] No such file or directory: 'pixi'",
      '{"test_id":"test-001","status":"error","exit_code":1,"error":"Exit code: 1"}',
      'CRITICAL: only 300MB RAM available (threshold 512MB)',
      'https://github.com/acme/widgets/actions/runs/42',
      "You've hit your limit · resets 6am (America/Los_Angeles)",
      'git clone https://github.com/acme/widgets.git /tmp/x && git checkout abc1234def5678',
    ];
    const found = await findCredentials(ordinary);
    expect(found.map((f) => f.length)).toEqual(ordinary.map(() => 0));
  });

  it('stays fast when every text holds a credential (the chunk shrinks where findings are dense)', async () => {
    const texts = Array.from({ length: 3000 }, (_, i) => fakeCredentials(i + 1)[i % 9]!.line);
    const started = performance.now();
    const found = await findCredentials(texts);
    const seconds = (performance.now() - started) / 1000;
    expect(found.every((f) => f.length > 0)).toBe(true);
    // Quadratic behaviour (one big chunk) took tens of seconds here; adaptive chunks take well under one.
    expect(seconds).toBeLessThan(20);
  });
});
