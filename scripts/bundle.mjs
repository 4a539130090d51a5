// Builds the committed entry points (the action; the CLI's launcher, worker and bundle) and dist/licenses.txt, the
// licences of every third-party package in them, from esbuild's metafile. `--check` rebuilds into a temp folder
// and fails when any file of dist/ differs.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DIST_FILES, assertAscii, buildBundles, collectLicenses, renderLicenses } from './bundle-lib.mjs';

const check = process.argv.includes('--check');
const outdir = check ? mkdtempSync(join(tmpdir(), 'e2e-triage-dist-')) : 'dist';

const metafile = await buildBundles(outdir);
let licenses;
try {
  assertAscii(join(outdir, 'cli-app.cjs'));
  licenses = renderLicenses(collectLicenses(metafile));
} catch (error) {
  if (check) rmSync(outdir, { recursive: true, force: true });
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
writeFileSync(join(outdir, 'licenses.txt'), licenses);

if (check) {
  const differing = DIST_FILES.filter((name) => {
    let committed = '';
    try {
      committed = readFileSync(join('dist', name), 'utf8');
    } catch {
      return true;
    }
    return committed !== readFileSync(join(outdir, name), 'utf8');
  });
  const extra = readdirSync(outdir).filter((n) => !DIST_FILES.includes(n));
  rmSync(outdir, { recursive: true, force: true });
  if (differing.length > 0 || extra.length > 0) {
    console.error(
      `dist/ does not match src/ (${[...differing, ...extra].join(', ')}): run \`npm run bundle\` and commit dist/.`,
    );
    process.exit(1);
  }
  console.log('dist/ matches src/.');
}
