// Runs a bundled entry point (dist/cli.js, dist/index.js) in this process and reports its peak resident set
// size and CPU time (all threads) on stderr at exit: `node bench/peak.mjs dist/cli.js ARGS...`.
//
// The peak is the kernel's high-water mark of this process's memory (VmHWM), not getrusage's maxRSS: Linux
// carries maxRSS over an exec from the process that spawned it, so a child of a bench holding 180 MB reported
// 180 MB however little it used itself (bench/notes.md, the eighteenth round).
import { readFileSync } from 'node:fs';

/** VmHWM in kB, or undefined where /proc is not Linux's. */
function highWaterKb() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'latin1'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

process.on('exit', () => {
  const usage = process.resourceUsage();
  const peak = highWaterKb() ?? usage.maxRSS;
  process.stderr.write(`\nMAX_RSS_KB ${peak}\nCPU_US ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
const [entry, ...args] = process.argv.slice(2);
const script = new URL(`../${entry}`, import.meta.url).pathname;
process.argv = [process.argv[0], script, ...args];
await import(script);
