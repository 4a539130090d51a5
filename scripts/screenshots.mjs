// The pictures in the README: the analysis README.md and the PR comment of the bundled sample batch, rendered
// the way GitHub renders markdown (markdown-it with GFM tables, github-markdown-css, mermaid charts drawn by
// mermaid in the page) and photographed by headless Chromium. Everything the page loads is a local file; any
// other request is refused.
//
//   npm run screenshots      (needs Chromium: apt-get install chromium; CHROMIUM=/path/to/chrome to use another)
//
// Writes docs/images/analysis-readme.png and docs/images/pr-comment.png. Not part of CI (no browser there).

import { build } from 'esbuild';
import MarkdownIt from 'markdown-it';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { ROOT, bundleOptions } from './bundle-lib.mjs';

const SAMPLE = join(ROOT, 'examples/sample-batch');
const OUT = join(ROOT, 'docs/images');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(import.meta.url);

/** Made-up but well-formed links, as the action would write them for a repository acme/widgets. */
const LINKS = {
  analysisUrl: 'https://github.com/acme/widgets/blob/4f2c0de1a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4/runs/sample-batch',
  artifactUrl: 'https://github.com/acme/widgets/actions/runs/123456789/artifacts/987654321',
  runUrl: 'https://github.com/acme/widgets/actions/runs/123456789',
};
const MARKER = '<!-- e2e-triage:comment artifact=e2e-results -->';

function fail(message) {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}

/** The analysis folder, written by the bundled CLI exactly as a user runs it. */
function runCli(out) {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), SAMPLE, '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) fail(`dist/cli.js exited ${run.status}: ${run.stderr}`);
  return readFileSync(join(out, 'README.md'), 'utf8');
}

/**
 * The PR comment: the CLI does not print it, so the action's own renderSummary runs over the same analysis,
 * bundled from src/ into the temporary folder (nothing is added to src/ or dist/ for this).
 */
async function prComment(temp) {
  const options = bundleOptions(temp);
  delete options.entryPoints;
  delete options.outdir;
  await build({
    ...options,
    metafile: false,
    outfile: join(temp, 'comment.mjs'),
    stdin: {
      contents: `
        import { openResults } from './src/ingest/open-results.ts';
        import { analyze } from './src/pipeline.ts';
        import { LIMITS, renderSummary } from './src/render/index.ts';
        export async function prComment(input, links, marker) {
          const opened = await openResults(input);
          try {
            const { triage } = await analyze(opened.source, { issueMode: 'per-test' });
            return renderSummary(triage, { limit: LIMITS.prComment, links, marker }).markdown;
          } finally {
            await opened.cleanup();
          }
        }`,
      resolveDir: ROOT,
      sourcefile: 'screenshots-comment.ts',
      loader: 'ts',
    },
  });
  const { prComment: render } = await import(pathToFileURL(join(temp, 'comment.mjs')).href);
  return render(SAMPLE, LINKS, MARKER);
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markdown to HTML as GitHub does it: GFM tables and strikethrough, raw HTML kept, mermaid fences as diagrams. */
function toHtml(markdown) {
  const md = new MarkdownIt({ html: true, linkify: true });
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, ...rest) => {
    const token = tokens[idx];
    if (token.info.trim() === 'mermaid') return `<pre class="mermaid">${escapeHtml(token.content)}</pre>\n`;
    return fence(tokens, idx, ...rest);
  };
  return md.render(markdown);
}

const PAGE_STYLE = `
  body { margin: 0; background: #ffffff; }
  .page { box-sizing: border-box; width: 1012px; margin: 0 auto; padding: 24px; }
  .page.readme { width: 1280px; }
  .box { border: 1px solid #d1d9e0; border-radius: 6px; }
  .box-header { display: flex; align-items: center; gap: 8px; padding: 8px 16px; background: #f6f8fa;
    border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e;
    font: 14px -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
  .box-header strong { color: #1f2328; }
  .avatar { width: 20px; height: 20px; border-radius: 50%; background: #2da44e; color: #fff; font-size: 11px;
    display: inline-flex; align-items: center; justify-content: center; font-weight: 600; }
  .label { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; font-size: 12px; line-height: 18px; }
  .markdown-body { box-sizing: border-box; padding: 32px; }
  .comment .markdown-body { padding: 16px; }
  pre.mermaid { background: transparent; text-align: center; }
`;

function page(title, header, body, kind) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="github-markdown-light.css">
<style>${PAGE_STYLE}</style></head>
<body><div class="page ${kind}"><div class="box">
<div class="box-header">${header}</div>
<article class="markdown-body">
${body}
</article></div></div>
<script src="mermaid.min.js"></script>
<script>
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  mermaid.run({ querySelector: 'pre.mermaid' }).then(
    () => { document.body.dataset.ready = 'yes'; },
    (error) => { document.body.dataset.ready = 'error: ' + error; },
  );
</script>
</body></html>`;
}

async function shoot(browser, htmlFile, pngFile, maxHeight) {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, deviceScaleFactor: 1 });
  // Only the local files of the page: nothing leaves the machine.
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort('blockedbyclient'),
  );
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(pathToFileURL(htmlFile).href);
  await tab.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 });
  const ready = await tab.evaluate(() => document.body.dataset.ready);
  if (ready !== 'yes' || errors.length > 0) fail(`${htmlFile}: ${ready} ${errors.join('; ')}`);
  const box = await tab.locator('.box').boundingBox();
  if (!box) fail(`${htmlFile}: nothing rendered`);
  const clip = {
    x: Math.max(0, Math.floor(box.x) - 12),
    y: Math.max(0, Math.floor(box.y) - 12),
    width: Math.ceil(box.width) + 24,
    height: Math.min(Math.ceil(box.height) + 24, maxHeight),
  };
  await tab.screenshot({ path: pngFile, clip, fullPage: true });
  await context.close();
  console.log(`wrote ${pngFile.slice(ROOT.length + 1)} (${clip.width}x${clip.height})`);
}

async function main() {
  if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM)`);
  const temp = mkdtempSync(join(tmpdir(), 'e2e-triage-screenshots-'));
  try {
    const readme = runCli(join(temp, 'analysis'));
    const comment = await prComment(temp);

    copyFileSync(
      require.resolve('github-markdown-css/github-markdown-light.css'),
      join(temp, 'github-markdown-light.css'),
    );
    copyFileSync(
      join(dirname(require.resolve('mermaid/package.json')), 'dist/mermaid.min.js'),
      join(temp, 'mermaid.min.js'),
    );
    const readmeHeader =
      '<strong>runs/sample-batch/README.md</strong><span>in the <code>e2e-analysis</code> branch</span>';
    const commentHeader =
      '<span class="avatar">▶</span><strong>github-actions</strong><span class="label">bot</span><span>commented</span>';
    writeFileSync(join(temp, 'readme.html'), page('Analysis README', readmeHeader, toHtml(readme), 'readme'));
    writeFileSync(join(temp, 'comment.html'), page('PR comment', commentHeader, toHtml(comment), 'comment'));

    mkdirSync(OUT, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      await shoot(browser, join(temp, 'comment.html'), join(OUT, 'pr-comment.png'), 4000);
      await shoot(browser, join(temp, 'readme.html'), join(OUT, 'analysis-readme.png'), 3200);
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
