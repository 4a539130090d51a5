// Runs the bundled CLI in this process and reports its peak resident set size on stderr at exit.
process.on('exit', () => process.stderr.write(`\nMAX_RSS_KB ${process.resourceUsage().maxRSS}\n`));
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
process.argv = [process.argv[0], cli, ...process.argv.slice(2)];
await import(cli);
