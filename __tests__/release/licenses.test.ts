// dist/licenses.txt: every third-party package with files in the bundles, with its licence text, and the
// collector's rules (allowed licences, no package without a text).

import type { Metafile } from 'esbuild';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  ROOT,
  buildBundles,
  collectLicenses,
  licenseAllowed,
  packageDirOf,
  renderLicenses,
} from '../../scripts/bundle-lib.mjs';

const committed = () => readFile(join(ROOT, 'dist/licenses.txt'), 'utf8');

/** `name version` of every block in a licenses.txt. */
function listed(text: string): string[] {
  return [...text.matchAll(/^={100}\n(\S+) (\S+)\nLicense: /gm)].map((m) => `${m[1]} ${m[2]}`);
}

describe('dist/licenses.txt', () => {
  let metafile: Metafile;
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'e2e-triage-licenses-'));
    metafile = await buildBundles(scratch, { write: false });
    await rm(scratch, { recursive: true, force: true });
  });

  it('lists every package with files in the bundles, and no other (read straight from the metafile)', async () => {
    const expected = new Set<string>();
    for (const { inputs } of Object.values(metafile.outputs)) {
      for (const input of Object.keys(inputs)) {
        const dir = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
        if (!dir) continue;
        const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
          name: string;
          version: string;
        };
        expected.add(`${pkg.name} ${pkg.version}`);
      }
    }
    expect(expected.size).toBeGreaterThan(10);
    const names = listed(await committed());
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...expected].sort());
  });

  it('is what the collector writes for a fresh build of src/ (run `npm run bundle` when it is not)', async () => {
    expect(await committed()).toBe(renderLicenses(collectLicenses(metafile)));
  });

  it('gives every package an allowed licence and a licence text', async () => {
    const text = await committed();
    const blocks = text.split(/^={100}\n/m).slice(1);
    // Header and body alternate after the preamble.
    for (let i = 0; i < blocks.length; i += 2) {
      const header = blocks[i]!;
      const body = blocks[i + 1] ?? '';
      const license = /^License: (.+)$/m.exec(header)?.[1] ?? '';
      expect(licenseAllowed(license), header).toBe(true);
      expect(body.trim().length, header).toBeGreaterThan(50);
      expect(header).toMatch(/^Bundled in: dist\/(index\.js|action-worker\.js|cli\.js|cli-worker\.js|cli-app\.cjs)/m);
    }
  });
});

describe('licenseAllowed', () => {
  it.each([
    ['MIT', true],
    ['(MIT OR GPL-3.0-only)', true],
    ['(Apache-2.0 AND BSD-3-Clause)', true],
    ['Apache-2.0 WITH LLVM-exception', true],
    ['MIT AND GPL-3.0-only', false],
    ['GPL-2.0-only WITH Classpath-exception-2.0', false],
    ['LGPL-3.0-or-later', false],
    ['UNLICENSED', false],
    ['SEE LICENSE IN LICENSE.txt', false],
    ['MIT/X11', false],
    ['MIT OR', false],
    ['(MIT', false],
    ['', false],
  ])('%j -> %s', (expression, allowed) => {
    expect(licenseAllowed(expression)).toBe(allowed);
  });
});

describe('collectLicenses', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'e2e-triage-collect-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function pkg(dir: string, json: object, files: Record<string, string> = {}) {
    await mkdir(join(root, dir), { recursive: true });
    await writeFile(join(root, dir, 'package.json'), JSON.stringify(json));
    await writeFile(join(root, dir, 'index.js'), '');
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, dir, name)), { recursive: true });
      await writeFile(join(root, dir, name), text);
    }
  }

  const meta = (outputs: Record<string, string[]>): Metafile => ({
    inputs: {},
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([out, inputs]) => [
        out,
        {
          bytes: 0,
          inputs: Object.fromEntries(inputs.map((i) => [i, { bytesInOutput: 1 }])),
          imports: [],
          exports: [],
        },
      ]),
    ),
  });

  it('finds the package folder of a bundled file, innermost node_modules first', () => {
    expect(packageDirOf('node_modules/a/lib/x.js')).toBe('node_modules/a');
    expect(packageDirOf('node_modules/@s/b/dist/y.js')).toBe('node_modules/@s/b');
    expect(packageDirOf('node_modules/a/node_modules/@s/c/z.js')).toBe('node_modules/a/node_modules/@s/c');
    expect(packageDirOf('src/main.ts')).toBeUndefined();
    expect(packageDirOf('package.json')).toBeUndefined();
  });

  it('collects name, version, licence, bundles and texts in a fixed order; one entry per name and version', async () => {
    await pkg('node_modules/zeta', { name: 'zeta', version: '1.0.0', license: 'ISC' }, { LICENSE: 'ISC zeta\r\n' });
    await pkg(
      'node_modules/@scope/alpha',
      { name: '@scope/alpha', version: '2.0.0', license: 'Apache-2.0' },
      { 'LICENSE.txt': 'Apache text', NOTICE: 'Notice text', 'docs/LICENSE': 'not this one' },
    );
    await pkg(
      'node_modules/zeta/node_modules/beta',
      { name: 'beta', version: '1.0.0', license: 'MIT' },
      { LICENSE: 'b1' },
    );
    await pkg('node_modules/beta', { name: 'beta', version: '2.0.0', license: 'MIT' }, { 'license.md': 'b2' });
    await pkg(
      'node_modules/other/node_modules/beta',
      { name: 'beta', version: '2.0.0', license: 'MIT' },
      { LICENSE: 'b2' },
    );
    await writeFile(join(root, 'own.ts'), '');
    const packages = collectLicenses(
      meta({
        'out/index.js': ['own.ts', 'node_modules/zeta/index.js', 'node_modules/beta/index.js'],
        'out/cli-worker.js': [
          'node_modules/@scope/alpha/index.js',
          'node_modules/zeta/node_modules/beta/index.js',
          'node_modules/other/node_modules/beta/index.js',
        ],
        'out/index.js.map': ['node_modules/not-there/index.js'],
      }),
      { cwd: root },
    );
    expect(packages.map((p) => [p.name, p.version, p.license, p.bundles.join(',')])).toEqual([
      ['@scope/alpha', '2.0.0', 'Apache-2.0', 'cli-worker.js'],
      ['beta', '1.0.0', 'MIT', 'cli-worker.js'],
      ['beta', '2.0.0', 'MIT', 'cli-worker.js,index.js'],
      ['zeta', '1.0.0', 'ISC', 'index.js'],
    ]);
    expect(packages[0]!.texts).toEqual([
      { name: 'LICENSE.txt', text: 'Apache text' },
      { name: 'NOTICE', text: 'Notice text' },
    ]);
    expect(packages[3]!.texts[0]!.text).toBe('ISC zeta');
    const text = renderLicenses(packages);
    expect(listed(text)).toEqual(['@scope/alpha 2.0.0', 'beta 1.0.0', 'beta 2.0.0', 'zeta 1.0.0']);
    expect(text).toContain('Apache text\n\n' + '-'.repeat(100) + '\n\nNotice text');
  });

  it('fails on a package without licence text, or with a licence outside the allowed ones, naming each', async () => {
    await pkg('node_modules/bare', { name: 'bare', version: '1.0.0', license: 'MIT', author: 'Ann <a@b.c>' });
    await pkg(
      'node_modules/copyleft',
      { name: 'copyleft', version: '3.0.0', license: 'GPL-3.0-only' },
      { COPYING: 'GPL' },
    );
    await pkg('node_modules/nolicense', { name: 'nolicense', version: '0.1.0' }, { LICENSE: 'text' });
    const metafile = meta({
      'out/index.js': ['node_modules/bare/index.js', 'node_modules/copyleft/index.js', 'node_modules/nolicense/x.js'],
    });
    let message = '';
    try {
      collectLicenses(metafile, { cwd: root, reviewed: {} });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'bare@1.0.0 (node_modules/bare): no LICENSE or NOTICE file; check its licence by hand and add it to REVIEWED_WITHOUT_LICENSE_FILE in scripts/bundle-lib.mjs (author: Ann)',
    );
    expect(message).toContain('copyleft@3.0.0 (node_modules/copyleft): licence "GPL-3.0-only" is not allowed');
    expect(message).toContain('nolicense@0.1.0 (node_modules/nolicense): no licence in package.json');
  });

  it('fails on a file bundled from outside the project', async () => {
    expect(() => collectLicenses(meta({ 'out/index.js': ['../elsewhere/x.js'] }), { cwd: root })).toThrow(
      '../elsewhere/x.js: bundled from outside the project',
    );
  });

  it('takes a reviewed package’s licence from its README section, or writes the standard MIT text', async () => {
    await pkg(
      'node_modules/readme-only',
      { name: 'readme-only', version: '1.0.0', license: 'MIT' },
      { 'README.md': '# readme-only\n\n## License\n\nCopyright (c) Someone\n\nMIT terms.\n\n## Other\n\nno' },
    );
    await pkg('node_modules/nothing', { name: 'nothing', version: '0.1.1' });
    const packages = collectLicenses(
      meta({ 'out/index.js': ['node_modules/readme-only/index.js', 'node_modules/nothing/index.js'] }),
      {
        cwd: root,
        reviewed: {
          'readme-only@1.0.0': { readme: '## License', evidence: 'README' },
          'nothing@0.1.1': { license: 'MIT', mit: 'Jane Doe', evidence: 'the repository says MIT' },
        },
      },
    );
    expect(packages.map((p) => [p.name, p.license, p.texts[0]!.text.split('\n')[0], p.source])).toEqual([
      ['nothing', 'MIT', 'MIT License', 'the standard MIT text; the package ships none (the repository says MIT)'],
      ['readme-only', 'MIT', 'Copyright (c) Someone', 'README section "## License" (README)'],
    ]);
    expect(packages[0]!.texts[0]!.text).toContain('Copyright (c) Jane Doe');
    expect(packages[1]!.texts[0]!.text).toBe('Copyright (c) Someone\n\nMIT terms.');
  });
});
