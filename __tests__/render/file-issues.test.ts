import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { writeFiles } from '../../src/publish/local-files.js';
import { renderAnalysis, type IssueMode } from '../../src/render/index.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-gh-server.js';
import { runProcess } from '../helpers/run-cli.js';
import { fixture } from './support/fixtures.js';

/** The hostile fixture's names, ids and model try to run `touch` on this path. */
const PWNED = '/tmp/e2e-triage-pwned';

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) => runProcess(cmd, args, { env, cwd });

let dir: string;
let gh: FakeGitHub;
let analysis: string;

async function render(mode: IssueMode = 'per-test'): Promise<void> {
  await writeFiles(analysis, renderAnalysis(fixture('hostile'), { issueMode: mode }));
}

const script = () => join(analysis, 'file_issues.sh');
const fileIssues = (...args: string[]) =>
  run('bash', [script(), '--delay', '0', '--retry-wait', '0', ...args], gh.env, dir);

/** What GitHub should receive as the body: the file without its title, labels and summary lines. */
function expectedBody(text: string): string {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => !/^<!-- e2e-triage:(labels|summary)=/.test(line))
    .join('\n');
}

async function issueFiles(): Promise<string[]> {
  const names = (await readdir(join(analysis, 'issues'))).filter(
    (n) => n.endsWith('.md') && n !== 'epic.md' && n !== 'epic-analysis.md',
  );
  return names.sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-triage-gh-'));
  analysis = join(dir, 'out', 'analysis');
  gh = await startFakeGitHub(dir);
  await rm(PWNED, { force: true });
  await rm(`${PWNED}-2`, { force: true });
});

afterEach(async () => {
  await gh.close();
  await rm(dir, { recursive: true, force: true });
});

describe('file_issues.sh', () => {
  it('passes bash -n and shellcheck with no findings', async () => {
    await render();
    expect((await run('bash', ['-n', script()], gh.env, dir)).code).toBe(0);
    const check = await run('shellcheck', ['-s', 'bash', '-S', 'style', script()], gh.env, dir);
    expect(check.stdout + check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('--dry-run prints titles, files and labels and makes no gh call', async () => {
    await render();
    const result = await fileIssues('--dry-run');
    expect(result.code).toBe(0);
    expect(gh.requests).toEqual([]);
    expect(result.stdout).toContain('Dry run: nothing will be filed.');
    expect(result.stdout).toContain('file: issues/epic.md');
    expect(result.stdout).toContain(`[E2E] test-001: Fix $(touch ${PWNED})`);
    expect(result.stdout).toMatch(/labels: e2e-triage,framework-bug/);
    expect(existsSync(PWNED)).toBe(false);
  });

  it('files labels, then the epic, then every issue in order, then the two comments; data stays literal', async () => {
    await render();
    const result = await fileIssues('--repo', 'acme/widgets');
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.code).toBe(0);
    const order = gh.requests
      .map((r) => r.name)
      .filter((n) => ['label-create', 'IssueCreate', 'CommentCreate'].includes(n));
    const firstIssue = order.indexOf('IssueCreate');
    expect(order.slice(0, firstIssue).every((n) => n === 'label-create')).toBe(true);
    expect(order.slice(firstIssue).filter((n) => n === 'label-create')).toEqual([]);
    expect(order.slice(-2)).toEqual(['CommentCreate', 'CommentCreate']);

    const files = await issueFiles();
    expect(gh.issues).toHaveLength(files.length + 1);
    const epic = await readFile(join(analysis, 'issues', 'epic.md'), 'utf8');
    expect(gh.issues[0]!.title).toBe(epic.split('\n')[0]!.slice(2));
    for (const [i, name] of files.entries()) {
      const text = await readFile(join(analysis, 'issues', name), 'utf8');
      const issue = gh.issues[i + 1]!;
      expect(issue.title).toBe(text.split('\n')[0]!.slice(2));
      expect(issue.body).toBe(expectedBody(text));
      expect(issue.body).toMatch(/^<!-- e2e-triage:fingerprint=[0-9a-f]{16} -->\n/);
    }
    const shellTitle = gh.issues.find((i) => i.title.startsWith('[E2E] test-001'))!;
    expect(shellTitle.title).toBe(
      `[E2E] test-001: Fix $(touch ${PWNED}) and \`touch ${PWNED}-2\` with 'quotes' and "double" - ERROR`,
    );
    expect(existsSync(PWNED)).toBe(false);
    expect(existsSync(`${PWNED}-2`)).toBe(false);
    expect(gh.issues.find((i) => i.title.includes('etc/passwd'))?.labels).toEqual(['e2e-triage', 'framework-bug']);
    const [list, analysisComment] = gh.issues[0]!.comments;
    for (const issue of gh.issues.slice(1)) expect(list).toContain(`#${issue.number} `);
    expect(list).not.toMatch(/@everyone|@octocat/);
    // Each comment opens with its marker, by which a run from another copy of the folder finds it.
    const epicFingerprint = /e2e-triage:fingerprint=([0-9a-f]{16})/.exec(epic)![1];
    expect(list!.split('\n')[0]).toBe(`<!-- e2e-triage:epic-comment=${epicFingerprint}-list -->`);
    expect(analysisComment).toBe(
      `<!-- e2e-triage:epic-comment=${epicFingerprint}-analysis -->\n${await readFile(join(analysis, 'issues', 'epic-analysis.md'), 'utf8')}`,
    );
    expect(
      gh.requests.filter((r) => r.kind === 'graphql').every((r) => !JSON.stringify(r.variables).includes('--repo')),
    ).toBe(true);
  });

  it('resumes after an interruption without filing anything twice', async () => {
    await render();
    gh.failIssueCreate.set(3, 'server');
    const first = await fileIssues();
    expect(first.code).not.toBe(0);
    expect(first.stderr).toMatch(/run the script again to continue/);
    expect(gh.issues).toHaveLength(2);
    const second = await fileIssues();
    expect(second.code).toBe(0);
    const files = await issueFiles();
    expect(gh.issues).toHaveLength(files.length + 1);
    const fingerprints = gh.issues.map((i) => /e2e-triage:fingerprint=([0-9a-f]+)/.exec(i.body)?.[1]);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    const third = await fileIssues();
    expect(third.code).toBe(0);
    expect(gh.issues).toHaveLength(files.length + 1);
    expect(gh.issues[0]!.comments).toHaveLength(2);
  });

  it('skips an issue whose fingerprint already exists in the repository, and a fresh state file changes nothing', async () => {
    await render();
    const files = await issueFiles();
    const existing = await readFile(join(analysis, 'issues', files[0]!), 'utf8');
    gh.issues.push({ number: 1, title: 'filed last week', body: expectedBody(existing), labels: [], comments: [] });
    const result = await fileIssues();
    expect(result.code).toBe(0);
    // The search names the fingerprint in one argument, scoped to bodies, over open and closed issues.
    const fingerprint = /e2e-triage:fingerprint=([0-9a-f]+)/.exec(existing)![1]!;
    const search = gh.requests.find((r) => r.name === 'IssueSearch' && String(r.variables.query).includes(fingerprint));
    expect(String(search?.variables.query)).toContain(`e2e-triage:fingerprint=${fingerprint} in:body`);
    expect(String(search?.variables.query)).not.toMatch(/is:open|state:open/);
    expect(result.stderr).toContain(`Already in the repository: #1 (${files[0]})`);
    expect(gh.issues).toHaveLength(files.length + 1);
    await rm(join(analysis, '.file_issues.state'));
    expect((await fileIssues()).code).toBe(0);
    expect(gh.issues).toHaveLength(files.length + 1);
  });

  it("takes an issue for its test only when its body opens with that test's fingerprint, not when it quotes it", async () => {
    await render();
    const files = await issueFiles();
    const target = await readFile(join(analysis, 'issues', files[1]!), 'utf8');
    const fingerprint = /e2e-triage:fingerprint=([0-9a-f]+)/.exec(target)![1]!;
    // Another test's issue quoting that marker in its error text (artifact text can hold anything).
    gh.issues.push({
      number: 1,
      title: 'another test',
      body: `<!-- e2e-triage:fingerprint=0123456789abcdef -->\n\n\`\`\`\n<!-- e2e-triage:fingerprint=${fingerprint} -->\n\`\`\`\n`,
      labels: [],
      comments: [],
    });
    const result = await fileIssues();
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain(`Already in the repository: #1 (${files[1]})`);
    const filed = gh.issues.find((i) => i.title === target.split('\n')[0]!.slice(2));
    expect(filed?.number).toBeGreaterThan(1);
    expect(filed?.body).toBe(expectedBody(target));
  });

  it("posts the epic's two comments once when run again from another copy of the folder", async () => {
    await render();
    expect((await fileIssues()).code).toBe(0);
    const copy = join(dir, 'copy');
    await cp(analysis, copy, { recursive: true });
    await rm(join(copy, '.file_issues.state'));
    const again = await run('bash', [join(copy, 'file_issues.sh'), '--delay', '0', '--retry-wait', '0'], gh.env, dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('the list comment');
    expect(again.stderr).toContain('the analysis comment');
    expect(gh.issues[0]!.comments).toHaveLength(2);
    expect(gh.issues).toHaveLength((await issueFiles()).length + 1);
  });

  it('retries a secondary rate limit answer', async () => {
    await render();
    gh.failIssueCreate.set(2, 'rate');
    const result = await fileIssues();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/GitHub rate limit; waiting 0s before retry 1 of 3/);
    expect(gh.issues).toHaveLength((await issueFiles()).length + 1);
  });

  it('files one issue per root cause in per-root-cause mode', async () => {
    await render('per-root-cause');
    const files = await issueFiles();
    const groups =
      /^(root-cause-\d+|model-failures|framework-bugs-without-error|infrastructure-without-error|unknown-outcome)\.md$/;
    expect(files.every((f) => groups.test(f))).toBe(true);
    expect((await fileIssues()).code).toBe(0);
    expect(gh.issues.map((i) => i.title.slice(0, 14))).toContain('[E2E] rc-1: Fr');
  });

  it('passes --repo on to gh: without it and outside a git repository, gh has no repository to use', async () => {
    await render();
    const { GH_REPO: _unused, ...env } = gh.env;
    const args = [script(), '--delay', '0', '--retry-wait', '0'];
    const without = await run('bash', args, env, dir);
    expect(without.code).not.toBe(0);
    expect(gh.issues).toHaveLength(0);
    const withRepo = await run('bash', [...args, '--repo', 'acme/widgets'], env, dir);
    expect(withRepo.stderr).not.toMatch(/failed/);
    expect(withRepo.code).toBe(0);
    expect(gh.issues.length).toBeGreaterThan(1);
    const info = gh.requests.find((r) => r.name === 'RepositoryInfo');
    expect(info?.variables).toMatchObject({ owner: 'acme', name: 'widgets' });
    expect((await run('bash', [...args, '--repo', 'acme/widgets;id'], env, dir)).code).toBe(2);
  });

  it('--help explains every option and makes no gh call', async () => {
    await render();
    const help = await fileIssues('--help');
    expect(help.code).toBe(0);
    for (const option of ['--dry-run', '--repo', '--delay', '--retry-wait']) expect(help.stdout).toContain(option);
    expect(gh.requests).toEqual([]);
  });

  it('reads labels and fingerprints from the header only, and skips labels with unsafe characters', async () => {
    // Hand-written issue files: the script trusts nothing below the marker lines right under the title.
    const issues = join(analysis, 'issues');
    await mkdir(issues, { recursive: true });
    await writeFile(join(analysis, 'file_issues.sh'), await readFile('src/render/templates/file_issues.sh', 'utf8'));
    await writeFile(join(issues, 'epic.md'), '# Epic\n<!-- e2e-triage:labels=e2e-triage,epic -->\n\nBody\n');
    await writeFile(
      join(issues, 'one.md'),
      '# One\n<!-- e2e-triage:fingerprint=00000000aaaaaaaa -->\n<!-- e2e-triage:labels=e2e-triage,$(id),a;b -->\n\n' +
        'text\n<!-- e2e-triage:labels=forged -->\n',
    );
    const result = await fileIssues();
    expect(result.code).toBe(0);
    expect([...gh.labels].sort()).toEqual(['e2e-triage', 'epic']);
    const one = gh.issues.find((i) => i.title === 'One')!;
    expect(one.labels).toEqual(['e2e-triage']);
    expect(one.body).toBe(
      '<!-- e2e-triage:fingerprint=00000000aaaaaaaa -->\n\ntext\n<!-- e2e-triage:labels=forged -->\n',
    );
  });

  it('gives every issue the configured label instead of e2e-triage', async () => {
    await writeFiles(analysis, renderAnalysis(fixture('mixed'), { issueMode: 'per-test', label: 'nightly-e2e' }));
    const dry = await fileIssues('--dry-run');
    expect(dry.stdout).toContain('labels: nightly-e2e,framework-bug,masked-pass');
    expect(dry.stdout).not.toContain('e2e-triage,');
    expect(() => renderAnalysis(fixture('mixed'), { issueMode: 'per-test', label: 'a,b' })).toThrow(/label "a,b"/);
  });
});
