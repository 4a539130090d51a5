// Runs the bundled CLI in this process and reports its peak resident set size and CPU time (all threads)
// on stderr at exit.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nMAX_RSS_KB ${usage.maxRSS}\nCPU_US ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
process.argv = [process.argv[0], cli, ...process.argv.slice(2)];
await import(cli);
