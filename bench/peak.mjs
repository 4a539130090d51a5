// Runs a bundled entry point (dist/cli.js, dist/index.js) in this process and reports its peak resident set
// size and CPU time (all threads) on stderr at exit: `node bench/peak.mjs dist/cli.js ARGS...`.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nMAX_RSS_KB ${usage.maxRSS}\nCPU_US ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
const [entry, ...args] = process.argv.slice(2);
const script = new URL(`../${entry}`, import.meta.url).pathname;
process.argv = [process.argv[0], script, ...args];
await import(script);
