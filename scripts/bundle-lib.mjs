// What scripts/bundle.mjs builds, and the notice of the third-party licences bundled into it (dist/licenses.txt).
// Shared with __tests__/release/licenses.test.ts, which re-runs the collector over a fresh metafile.

import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import Handlebars from 'handlebars';

/** The repository root: entry points, node_modules and the metafile's paths are relative to it. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The committed entry points, ES modules: the action's launcher and its worker, the CLI's launcher, its worker,
 * its thread-log helper (and the folder scan it loads when it has logs done) and its page writer.
 */
export const ENTRY_POINTS = {
  index: 'src/index.ts',
  'action-worker': 'src/action-worker.ts',
  cli: 'src/cli.ts',
  'cli-worker': 'src/cli-worker.ts',
  'log-helper-worker': 'src/log-helper-worker.ts',
  'log-helper-folders': 'src/log-helper-folders.ts',
  'page-writer-worker': 'src/page-writer-worker.ts',
};

/** The CLI itself, CommonJS (`.cjs`): its launcher runs it with a code cache made after a run (src/code-cache.ts). */
export const COMMONJS_ENTRY_POINTS = {
  'cli-app': 'src/cli-app.ts',
};

/** Every file the bundle step writes to dist/ (`--check` compares each of them). */
export const DIST_FILES = [
  'index.js',
  'action-worker.js',
  'cli.js',
  'cli-worker.js',
  'cli-app.cjs',
  'log-helper-worker.js',
  'log-helper-folders.js',
  'page-writer-worker.js',
  'licenses.txt',
];

/** src/render/templates.ts TEMPLATE_OPTIONS, which checks that they match. */
const TEMPLATE_OPTIONS = { strict: true, noEscape: true, preventIndent: true };

let compiler = null;

/** src/render/template-compiler.ts, built for this script: it imports nothing at run time. */
function templateCompiler() {
  compiler ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: ['src/render/template-compiler.ts'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      logLevel: 'warning',
    });
    return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  })();
  return compiler;
}

/**
 * The templates go into the bundles as JavaScript: Handlebars parses them here, and template-compiler.ts turns
 * the parse into one plain function each (src/render/templates.ts compiles their text the same way in tests).
 * Neither Handlebars' compiler nor its runtime is bundled: compiling at run time was some 50 ms of a small
 * batch's start, and its runtime some 0.5 s of a 10,000-test run's rendering (bench/notes.md).
 */
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(build) {
    build.onLoad({ filter: /\.hbs$/ }, async (args) => {
      const { compileTemplate } = await templateCompiler();
      const name = relative(ROOT, args.path).split('\\').join('/');
      const code = compileTemplate(Handlebars.parse(await readFile(args.path, 'utf8')), name);
      return {
        contents: `export default { render: ${code}, options: ${JSON.stringify(TEMPLATE_OPTIONS)} };`,
        loader: 'js',
      };
    });
  },
};

/**
 * Node's modules through require() in the ES module bundles: an `import` of one builds an ES module facade of all
 * its exports (some 7 ms of the CLI's start for six of them), and esbuild hoists every import to the top of the
 * bundle, so modules a run may never need (zlib, streams) were loaded by every run. Through require() they load
 * where the code that uses them is first run, as in the CommonJS bundle.
 */
const builtinsThroughRequire = {
  name: 'builtins-through-require',
  setup(build) {
    const names = builtinModules.filter((name) => !name.startsWith('_')).map((name) => name.replace(/[/]/g, '\\/'));
    const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
    build.onResolve({ filter }, (args) =>
      // The require() in the module below is Node's own.
      args.namespace === 'node-builtin'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'node-builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/** esbuild options for dist/'s ES modules (or a temporary folder for `--check`). */
export function bundleOptions(outdir) {
  return {
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: resolve(ROOT, outdir),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: false,
    // The licence texts go to dist/licenses.txt instead of comments scattered through the bundles.
    legalComments: 'none',
    loader: { '.sh': 'text', '.yml': 'text' },
    plugins: [precompiledTemplates, builtinsThroughRequire],
    alias: {
      // The templates are compiled (above): the bundles run none of Handlebars (templates.ts parses text in tests).
      handlebars: './scripts/shims/handlebars.cjs',
      debug: './scripts/shims/debug.cjs',
    },
    logLevel: 'warning',
    metafile: true,
    // CommonJS dependencies call require() on builtins; ESM output needs a real require.
    banner: {
      js: "import { createRequire as __e2eCreateRequire } from 'node:module'; const require = __e2eCreateRequire(import.meta.url);",
    },
  };
}

/**
 * The same for the CommonJS bundle: import.meta.url (a worker's file is found from it) comes from __filename.
 * The file is the function CommonJS would wrap it in, which src/code-cache.ts compiles as it is: wrapping it
 * there made a second copy of the whole bundle on every start (3-4 ms and 290 page faults, bench/notes.md).
 */
export function commonJsBundleOptions(outdir) {
  return {
    ...bundleOptions(outdir),
    plugins: [precompiledTemplates],
    entryPoints: COMMONJS_ENTRY_POINTS,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    define: { 'import.meta.url': '__e2eImportMetaUrl' },
    banner: {
      js: `${BUNDLE_HEAD}\nconst __e2eImportMetaUrl = require('node:url').pathToFileURL(__filename).href;`,
    },
    footer: { js: BUNDLE_TAIL },
  };
}

/** What dist/cli-app.cjs starts and ends with: the parameters src/code-cache.ts passes it. */
const BUNDLE_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const BUNDLE_TAIL = '})';

/**
 * The CLI reads its bundle as Latin-1 (src/code-cache.ts), faster than decoding UTF-8: esbuild escapes strings,
 * but a regular expression or a comment may keep a character past ASCII, which would then be misread.
 * @param {string} file
 */
export function assertAscii(file) {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((byte) => byte > 0x7f);
  if (at === -1) return;
  const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
  throw new Error(`${file}:${line}: a character past ASCII; write it as an escape (\\u...) in the source`);
}

/**
 * Builds every bundle into `outdir` (`overrides`, e.g. `write: false`, apply to each build). The metafile,
 * both builds' outputs, feeds the licence notice.
 * @param {string} outdir
 * @param {import('esbuild').BuildOptions} [overrides]
 * @returns {Promise<import('esbuild').Metafile>}
 */
export async function buildBundles(outdir, overrides = {}) {
  const { build } = await import('esbuild');
  const results = await Promise.all([
    build({ ...bundleOptions(outdir), ...overrides }),
    build({ ...commonJsBundleOptions(outdir), ...overrides }),
  ]);
  return {
    inputs: Object.assign({}, ...results.map((r) => r.metafile.inputs)),
    outputs: Object.assign({}, ...results.map((r) => r.metafile.outputs)),
  };
}

/**
 * SPDX identifiers a bundled package may be under: permissive licences whose only condition is to keep the
 * notice, which dist/licenses.txt does. Anything else fails the build until someone decides.
 */
export const ALLOWED_LICENSES = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'ISC',
  'MIT',
  'MIT-0',
  'Python-2.0',
  'Zlib',
]);

const MIT_TEXT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following
conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN
AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE
OR OTHER DEALINGS IN THE SOFTWARE.`;

/**
 * Packages published without a licence file, each checked by hand, keyed by name@version so that an upgrade
 * is checked again. `readme` takes the licence from that README section; `mit` writes the standard MIT text
 * with that copyright holder. `license` replaces a missing or non-SPDX licence field.
 */
export const REVIEWED_WITHOUT_LICENSE_FILE = {
  '@nodable/entities@3.1.0': {
    mit: 'Amit Gupta',
    evidence: 'package.json "license": "MIT"; README "## License: MIT"',
  },
  'binary@0.3.0': {
    mit: 'James Halliday',
    evidence: 'package.json "license": "MIT"; README "license: MIT"',
  },
  'buffers@0.1.1': {
    license: 'MIT',
    mit: 'James Halliday',
    evidence:
      'no licence field in the published 0.1.1; the author licensed the repository substack/node-buffers MIT/X11 (commit 1b745ee "license")',
  },
  'chainsaw@0.1.0': {
    license: 'MIT',
    mit: 'James Halliday',
    evidence: 'package.json "license": "MIT/X11" (the MIT licence)',
  },
  'isarray@1.0.0': {
    readme: '## License',
    evidence: 'README "## License (MIT)" with the full text',
  },
};

const LICENSE_FILE = /^(licen[cs]e|copying|notice)([.\-_].*)?$/i;

/** The package folder a bundled file belongs to (the innermost node_modules/<name>), or undefined for our own. */
export function packageDirOf(input) {
  const path = input.replace(/\\/g, '/');
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  return match?.[1];
}

/** Whether an SPDX expression is allowed: OR needs one allowed side, AND needs both. */
export function licenseAllowed(expression, allowed = ALLOWED_LICENSES) {
  const tokens = String(expression).match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;
  const primary = () => {
    const token = tokens[at++];
    if (token === '(') {
      const value = or();
      if (tokens[at++] !== ')') throw new Error('unbalanced parentheses');
      return value;
    }
    if (token === undefined || /^(AND|OR|WITH|\))$/i.test(token)) throw new Error(`unexpected ${token ?? 'end'}`);
    if (/^WITH$/i.test(tokens[at] ?? '')) {
      at += 2; // An exception only grants more rights.
    }
    return allowed.has(token);
  };
  const and = () => {
    let value = primary();
    while (/^AND$/i.test(tokens[at] ?? '')) {
      at++;
      value = primary() && value;
    }
    return value;
  };
  const or = () => {
    let value = and();
    while (/^OR$/i.test(tokens[at] ?? '')) {
      at++;
      value = and() || value;
    }
    return value;
  };
  try {
    const value = or();
    return at === tokens.length && value;
  } catch {
    return false;
  }
}

/** The licence field of a package.json as one SPDX expression ("(MIT OR Apache-2.0)" for the old array form). */
function declaredLicense(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) {
    const types = pkg.licenses.map((l) => (typeof l === 'string' ? l : l?.type)).filter(Boolean);
    if (types.length > 0) return types.length === 1 ? types[0] : `(${types.join(' OR ')})`;
  }
  return undefined;
}

function authorName(pkg) {
  const author = typeof pkg.author === 'string' ? pkg.author.replace(/\s*[<(].*$/, '') : pkg.author?.name;
  return author || undefined;
}

const text = (path) =>
  readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\n+$/g, '');

function readmeSection(dir, heading) {
  const readme = readdirSync(dir).find((n) => /^readme(\.|$)/i.test(n));
  if (!readme) return undefined;
  const lines = text(join(dir, readme)).split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) return undefined;
  const level = /^#+/.exec(heading)?.[0].length ?? 2;
  let end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}}\\s`).test(l));
  if (end < 0) end = lines.length;
  return (
    lines
      .slice(start + 1, end)
      .join('\n')
      .trim() || undefined
  );
}

const byBytes = (a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.from(a) > Buffer.from(b) ? 1 : 0);

/**
 * Every third-party package with files in the bundles, from an esbuild metafile: name, version, licence, the
 * bundles it is in and its licence and notice texts. Throws one error listing every package that has no
 * licence text or a licence outside ALLOWED_LICENSES.
 * @param {import('esbuild').Metafile} metafile
 * @param {{ cwd?: string, reviewed?: typeof REVIEWED_WITHOUT_LICENSE_FILE, allowed?: Set<string> }} [options]
 */
export function collectLicenses(metafile, options = {}) {
  const cwd = resolve(options.cwd ?? ROOT);
  const reviewed = options.reviewed ?? REVIEWED_WITHOUT_LICENSE_FILE;
  const allowed = options.allowed ?? ALLOWED_LICENSES;
  /** package folder (relative to cwd) -> bundle file names */
  const dirs = new Map();
  const problems = [];
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    if (output.endsWith('.map')) continue;
    for (const input of Object.keys(inputs)) {
      const dir = packageDirOf(input);
      if (dir === undefined) {
        const absolute = resolve(cwd, input);
        const inside = relative(cwd, absolute);
        if (inside.startsWith('..') || isAbsolute(inside)) problems.push(`${input}: bundled from outside the project`);
        continue;
      }
      if (!dirs.has(dir)) dirs.set(dir, new Set());
      dirs.get(dir).add(basename(output));
    }
  }

  const packages = [];
  for (const [dir, bundles] of dirs) {
    const root = resolve(cwd, dir);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const id = `${pkg.name}@${pkg.version}`;
    const exception = reviewed[id];
    const license = exception?.license ?? declaredLicense(pkg);
    const files = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isFile() && LICENSE_FILE.test(entry.name))
      .map((entry) => entry.name)
      .sort(byBytes);
    const texts = files.map((name) => ({ name, text: text(join(root, name)) })).filter((t) => t.text);
    let source = files.length > 0 ? files.join(', ') : '';
    if (texts.length === 0 && exception?.readme) {
      const section = readmeSection(root, exception.readme);
      if (section) {
        texts.push({ name: 'README', text: section });
        source = `README section "${exception.readme}" (${exception.evidence})`;
      }
    }
    if (texts.length === 0 && exception?.mit) {
      texts.push({ name: 'MIT', text: `MIT License\n\nCopyright (c) ${exception.mit}\n\n${MIT_TEXT}` });
      source = `the standard MIT text; the package ships none (${exception.evidence})`;
    }
    if (!license) problems.push(`${id} (${dir}): no licence in package.json`);
    else if (!licenseAllowed(license, allowed)) problems.push(`${id} (${dir}): licence "${license}" is not allowed`);
    if (texts.length === 0) {
      const author = authorName(pkg);
      problems.push(
        `${id} (${dir}): no LICENSE or NOTICE file; check its licence by hand and add it to REVIEWED_WITHOUT_LICENSE_FILE in scripts/bundle-lib.mjs${author ? ` (author: ${author})` : ''}`,
      );
    }
    packages.push({
      name: pkg.name,
      version: pkg.version,
      license: license ?? '',
      bundles: [...bundles].sort(byBytes),
      source,
      texts,
    });
  }
  if (problems.length > 0) {
    throw new Error(`Bundled dependencies without an acceptable licence:\n  ${problems.sort(byBytes).join('\n  ')}`);
  }
  // The same package and version twice (two copies in node_modules) is one entry.
  const unique = new Map();
  for (const p of packages) {
    const key = `${p.name}@${p.version}`;
    const seen = unique.get(key);
    if (seen) seen.bundles = [...new Set([...seen.bundles, ...p.bundles])].sort(byBytes);
    else unique.set(key, p);
  }
  return [...unique.values()].sort((a, b) => byBytes(a.name, b.name) || byBytes(a.version, b.version));
}

const RULE = '='.repeat(100);

/** dist/licenses.txt: a header, then one block per package in name order. */
export function renderLicenses(packages) {
  const blocks = packages.map((p) =>
    [
      RULE,
      `${p.name} ${p.version}`,
      `License: ${p.license}`,
      `Bundled in: ${p.bundles.map((b) => `dist/${b}`).join(', ')}`,
      `License text from: ${p.source}`,
      RULE,
      '',
      p.texts.map((t) => t.text).join(`\n\n${'-'.repeat(100)}\n\n`),
      '',
    ].join('\n'),
  );
  return [
    `Third-party software bundled in ${[
      ...Object.keys(ENTRY_POINTS).map((name) => `dist/${name}.js`),
      ...Object.keys(COMMONJS_ENTRY_POINTS).map((name) => `dist/${name}.cjs`),
    ].join(', ')} of e2e-triage.`,
    'Generated by `npm run bundle` (scripts/bundle.mjs) from the esbuild metafile: do not edit.',
    `${packages.length} packages, each with its licence and notice texts as it ships them.`,
    '',
    ...blocks,
  ].join('\n');
}
