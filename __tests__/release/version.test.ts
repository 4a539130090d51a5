// One version: package.json's, shown by the bundled CLI (src/version.ts reads package.json).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { runCli } from '../helpers/run-cli.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; license: string };

describe('version', () => {
  it('node dist/cli.js --version prints package.json version', async () => {
    for (const flag of ['--version', '-v']) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${pkg.version}\n`);
    }
  });

  it('package.json is a semantic version under the MIT licence the LICENSE file carries', () => {
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(pkg.license).toBe('MIT');
    const license = readFileSync('LICENSE', 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 e2e-triage contributors\n/);
  });

  it('CHANGELOG.md has an Unreleased section and one for package.json version', () => {
    const changelog = readFileSync('CHANGELOG.md', 'utf8');
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(changelog).toContain(`\n## [${pkg.version}] - `);
  });
});
