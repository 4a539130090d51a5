// bench/peak.mjs, which measures every peak RSS in bench/results.md, reports the run's own peak: getrusage's
// maxRSS, which Linux carries over an exec from the spawning process, had reported a large bench's own size.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Holds `mb` of touched memory while it runs `node bench/peak.mjs dist/cli.js --version`: its RSS in kB, the run's output. */
function peakUnderParentOf(mb: number): Promise<{ parentKb: number; stdout: string; stderr: string }> {
  const parent = `
    const { spawnSync } = require('node:child_process');
    // Filled, so every page is resident; its length is read after the run, so it stays alive through it.
    const held = Buffer.alloc(${mb} * 1024 * 1024, 1);
    const run = spawnSync(process.execPath, ['bench/peak.mjs', 'dist/cli.js', '--version'], { encoding: 'utf8' });
    process.stdout.write(JSON.stringify({ parentKb: process.memoryUsage().rss / 1024, held: held.length, stdout: run.stdout, stderr: run.stderr }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', parent], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(out) as { parentKb: number; stdout: string; stderr: string }));
  });
}

describe('bench/peak.mjs', () => {
  it.runIf(existsSync('/proc/self/status'))(
    "reports the run's own peak RSS, not the size of the process that started it",
    async () => {
      const { parentKb, stdout, stderr } = await peakUnderParentOf(300);
      expect(parentKb).toBeGreaterThan(300 * 1024);
      expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const peakKb = Number(/^MAX_RSS_KB (\d+)$/m.exec(stderr)?.[1]);
      const cpuUs = Number(/^CPU_US (\d+)$/m.exec(stderr)?.[1]);
      // A bare CLI start holds some 50-80 MB; the parent's 300 MB must not show.
      expect(peakKb).toBeGreaterThan(20 * 1024);
      expect(peakKb).toBeLessThan(200 * 1024);
      expect(cpuUs).toBeGreaterThan(0);
    },
  );
});
