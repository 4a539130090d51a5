// Builds the committed entry points (the action; the CLI launcher and its worker). `--check` rebuilds into a temp folder and fails when dist/ differs.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const check = process.argv.includes('--check');
const outdir = check ? mkdtempSync(join(tmpdir(), 'e2e-triage-dist-')) : 'dist';

await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts', 'cli-worker': 'src/cli-worker.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: false,
  legalComments: 'none',
  loader: { '.hbs': 'text', '.sh': 'text' },
  logLevel: 'warning',
  // CommonJS dependencies call require() on builtins; ESM output needs a real require.
  banner: {
    js: "import { createRequire as __e2eCreateRequire } from 'node:module'; const require = __e2eCreateRequire(import.meta.url);",
  },
});

if (check) {
  const FILES = ['index.js', 'cli.js', 'cli-worker.js'];
  const differing = FILES.filter((name) => {
    let committed = '';
    try {
      committed = readFileSync(join('dist', name), 'utf8');
    } catch {
      return true;
    }
    return committed !== readFileSync(join(outdir, name), 'utf8');
  });
  const extra = readdirSync(outdir).filter((n) => !FILES.includes(n));
  rmSync(outdir, { recursive: true, force: true });
  if (differing.length > 0 || extra.length > 0) {
    console.error(`dist/ does not match src/ (${differing.join(', ')}): run \`npm run bundle\` and commit dist/.`);
    process.exit(1);
  }
  console.log('dist/ matches src/.');
}
