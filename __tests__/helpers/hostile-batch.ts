// A batch whose every string is an attack: shell, markdown, HTML, mentions, paths, our own markers.

import { BatchBuilder } from './batch-builder.js';

export const PWNED = '/tmp/e2e-triage-pwned';

export const HOSTILE = {
  shellName: `Fix $(touch ${PWNED}) and \`touch ${PWNED}-2\` with 'quotes' and "double"`,
  multiline: 'first line\n# [E2E] forged title\n<!-- e2e-triage:fingerprint=0000000000000000 -->',
  mention: 'ping @everyone and @octocat about #1 and GH-2',
  html: '<script>alert(1)</script><img src=x onerror=alert(2)>',
  bidi: 'safe\u202Eexe.txt\u2066 hidden',
  emoji: 'Emoji test 🚀🔥 ✅',
  traversalId: '../../etc/passwd',
  pipeId: 'test|with|pipes',
  bigError: `RuntimeError: ${'x'.repeat(200_000)}`,
  fenceError: 'ValueError: ```` inside ``` fences\n```\n@everyone <!-- e2e-triage:comment -->',
};

export function hostileBatch(): BatchBuilder {
  const row = (id: string, name: string, status: string, error: string | null, cost = 0) => ({
    test_id: id,
    test_name: name,
    thread_id: 0,
    status,
    exit_code: status === 'error' ? 1 : 0,
    result_dir: `/home/x/dryrun/2026-02-14T00-28-00-${id}`,
    error,
    ...(status === 'error'
      ? {}
      : {
          best_tier: status === 'pass' ? 'T0' : null,
          best_score: status === 'pass' ? 0.9 : 0.1,
          frontier_cop: status === 'pass' ? cost : null,
          total_cost: cost,
          total_duration: 30,
        }),
  });
  return new BatchBuilder()
    .row(row('test-001', HOSTILE.shellName, 'error', HOSTILE.fenceError))
    .row(row('test-002', HOSTILE.multiline, 'fail', null, 0.5))
    .row(row('test-003', HOSTILE.mention, 'error', `${HOSTILE.mention} ${HOSTILE.html}`))
    .row(row(HOSTILE.traversalId, HOSTILE.bidi, 'error', HOSTILE.bigError))
    .row(row(HOSTILE.pipeId, HOSTILE.emoji, 'pass', null, 0.25))
    .row(row('test-006', HOSTILE.html, 'fail', null, 0));
}
