// Writes a sequence of batches of one configuration, one day apart, as the current runner writes them, where
// every test follows a pattern of outcomes chosen per batch: P passed, F model failure (tokens spent, score
// too low), X harness crash, M masked pass (passed, then a re-run crashed), . not in that batch. Used by the
// history tests and the README's worked example: what each test should look like over the window is known.
//
//   node scripts/make-sequence.mjs --out DIR [--batches 8] [--tests 40] [--seed 1]
//   (DIR/batch-1 … DIR/batch-N, and DIR/PATTERNS.json)

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const folderTs = (ms) => new Date(ms).toISOString().slice(0, 19).replace(/:/g, '-');
const iso = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Named shapes every sequence holds, then random ones: the states the history must find. */
function patterns(batches, tests, random) {
  const shaped = {
    regressed: 'P'.repeat(batches - 1) + 'F',
    fixed: 'F'.repeat(batches - 1) + 'P',
    flaky: Array.from({ length: batches }, (_, i) => (i % 2 ? 'F' : 'P')).join(''),
    failing: 'F'.repeat(batches),
    passing: 'P'.repeat(batches),
    'no-signal': 'X'.repeat(batches),
    'masked-then-fail': 'P'.repeat(batches - 2) + 'MF',
    'joins-late': '.'.repeat(batches - 2) + 'PF',
    'leaves-early': 'PPF' + '.'.repeat(batches - 3),
    'crashes-in-between': 'PXPXPXPF'.slice(0, batches).padEnd(batches, 'P'),
  };
  const list = Object.entries(shaped).map(([name, pattern]) => ({ name, pattern }));
  const letters = ['P', 'P', 'P', 'F', 'X', 'M', '.'];
  while (list.length < tests) {
    const pattern = Array.from({ length: batches }, () => letters[Math.floor(random() * letters.length)]).join('');
    list.push({ name: 'random', pattern });
  }
  return list.slice(0, tests).map((p, i) => ({ testId: `test-${String(i + 1).padStart(3, '0')}`, ...p }));
}

export function makeSequence({ out, batches = 8, tests = 40, seed = 1 }) {
  const random = rng(seed);
  const plan = patterns(batches, tests, random);
  for (let b = 0; b < batches; b++) {
    const dir = join(out, `batch-${b + 1}`);
    mkdirSync(dir, { recursive: true });
    const rows = [];
    let clock = Date.UTC(2026, 8, 1 + b, 9, 0, 0);
    for (const { testId, pattern } of plan) {
      const letter = pattern[b];
      if (letter === '.') continue;
      const start = clock;
      clock += 60_000;
      const cost = Math.round((0.2 + random()) * 1e4) / 1e4;
      const folder = (ms, passed, spent) => {
        const name = `${folderTs(ms)}-${testId}`;
        const summary = {
          best_tier: passed ? 'T0' : null,
          best_subtest: passed ? '00' : null,
          frontier_cop: passed ? spent : null,
          total_cost: spent,
          total_duration: 120,
          started_at: iso(ms),
          completed_at: iso(ms + 120_000),
        };
        const children = [{ tier: 'T0', best_subtest: '00', best_score: passed ? 0.9 : 0.2, cost: spent }];
        mkdirSync(join(dir, name, 'config'), { recursive: true });
        writeFileSync(join(dir, name, 'report.json'), json({ experiment_id: testId, summary, children }));
        writeFileSync(
          join(dir, name, 'config', 'experiment.json'),
          json({
            experiment_id: testId,
            models: ['claude-haiku-4-5'],
            judge_models: ['claude-haiku-4-5'],
            tiers_to_run: ['T0'],
          }),
        );
      };
      if (letter === 'X') {
        rows.push({ test_id: testId, status: 'error', error: "KeyError: 'tier_config'", started_at: iso(start) });
        continue;
      }
      if (letter === 'M') {
        // A first run passed; a re-run an hour later crashed before the agent ran.
        rows.push({ test_id: testId, status: 'success', started_at: iso(start) });
        folder(start, true, cost);
        rows.push({
          test_id: testId,
          status: 'error',
          error: "KeyError: 'tier_config'",
          started_at: iso(start + 3600e3),
        });
        continue;
      }
      rows.push({ test_id: testId, status: 'success', started_at: iso(start) });
      folder(start, letter === 'P', cost);
    }
    writeFileSync(join(dir, 'batch_summary.json'), json({ results: rows }));
  }
  writeFileSync(join(out, 'PATTERNS.json'), json(plan));
  return plan;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      batches: { type: 'string', default: '8' },
      tests: { type: 'string', default: '40' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.out) {
    console.error('usage: node scripts/make-sequence.mjs --out DIR [--batches 8] [--tests 40] [--seed 1]');
    process.exit(2);
  }
  const plan = makeSequence({
    out: values.out,
    batches: Number(values.batches),
    tests: Number(values.tests),
    seed: Number(values.seed),
  });
  console.log(`wrote ${values.batches} batches of ${plan.length} tests to ${values.out}`);
}
