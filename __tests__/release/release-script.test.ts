// scripts/release.mjs on a scratch repository with real git (a bare repository as the remote) and the real gh CLI
// against a fake GitHub on a unix socket.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeReleaseGitHub, type FakeReleaseGitHub } from '../helpers/fake-release-server.js';
import { runProcess } from '../helpers/run-cli.js';

const SCRIPT = resolve('scripts/release.mjs');

const NOTES_010 = [
  '### Added',
  '',
  '- The first release: `e2e-triage` with *emphasis*, a [link](https://example.com) and a table:',
  '',
  '  | a | b |',
  '  | - | - |',
  '  | 1 | 2 |',
  '',
  '### Fixed',
  '',
  '- Nothing yet.  ',
  '  Trailing spaces above are a markdown line break and stay.',
].join('\n');

const NOTES_020 = '### Changed\n\n- The second release.';

function changelog(sections: Record<string, string>): string {
  const parts = ['# Changelog', '', 'Intro text.', '', '## [Unreleased]', '', '- Not released yet.', ''];
  for (const [version, notes] of Object.entries(sections)) parts.push(`## [${version}] - 2026-11-30`, '', notes, '');
  parts.push('[unreleased]: https://github.com/acme/widgets/compare/v0.1.0...HEAD');
  for (const version of Object.keys(sections)) {
    parts.push(`[${version}]: https://github.com/acme/widgets/releases/tag/v${version}`);
  }
  return `${parts.join('\n')}\n`;
}

let dir: string;
let work: string;
let remote: string;
let gh: FakeReleaseGitHub;
let env: NodeJS.ProcessEnv;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The commit a tag on the remote points at (peeled), or undefined. */
function remoteTag(name: string): string | undefined {
  try {
    return git(remote, 'rev-parse', '--verify', '--quiet', `refs/tags/${name}^{commit}`);
  } catch {
    return undefined;
  }
}

/** Commits package.json at `version` and the changelog, then tags it (annotated) and pushes both. */
async function commitAndTag(version: string, notes: Record<string, string>, tag = `v${version}`, push = true) {
  await writeFile(join(work, 'package.json'), `${JSON.stringify({ name: 'widgets', version }, null, 2)}\n`);
  await writeFile(join(work, 'CHANGELOG.md'), changelog(notes));
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', `Release ${version}`);
  git(work, 'tag', '-a', tag, '-m', tag);
  if (push) git(work, 'push', '-q', 'origin', 'main', tag);
  return git(work, 'rev-parse', `${tag}^{commit}`);
}

function release(...args: string[]) {
  return runProcess(process.execPath, [SCRIPT, ...args], { cwd: work, env });
}

const writes = () => gh.requests.filter((r) => r.method !== 'GET' && r.operation === undefined);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-triage-release-'));
  work = join(dir, 'work');
  remote = join(dir, 'remote.git');
  gh = await startFakeReleaseGitHub(dir, { hasRef: (ref) => /^refs\/tags\//.test(ref) && !!remoteTag(ref.slice(10)) });
  env = {
    ...gh.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Release Test',
    GIT_AUTHOR_EMAIL: 'release@example.com',
    GIT_COMMITTER_NAME: 'Release Test',
    GIT_COMMITTER_EMAIL: 'release@example.com',
  };
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote], { env });
  execFileSync('git', ['init', '-q', '-b', 'main', work], { env });
  git(work, 'remote', 'add', 'origin', remote);
});

afterEach(async () => {
  await gh.close();
  await rm(dir, { recursive: true, force: true });
});

describe('scripts/release.mjs', () => {
  it('creates the release with exactly the changelog section as its notes and points v0 at the tagged commit', async () => {
    const commit = await commitAndTag('0.1.0', { '0.1.0': NOTES_010 });
    const run = await release('v0.1.0');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(gh.releases).toEqual([
      { id: 1, tag_name: 'v0.1.0', name: 'v0.1.0', body: NOTES_010, draft: false, prerelease: false },
    ]);
    // --verify-tag: gh asked whether the tag is on GitHub before creating the release.
    expect(gh.requests.map((r) => r.operation ?? `${r.method} ${r.path}`)).toContain('RepositoryFindRef');
    expect(remoteTag('v0')).toBe(commit);
    // A lightweight tag on the commit itself, not on the annotated tag object.
    expect(git(remote, 'cat-file', '-t', 'refs/tags/v0')).toBe('commit');
    expect(run.stdout).toContain('Moved v0 to v0.1.0');
  });

  it('is safe to run again: no second release, v0 unchanged; notes edited on GitHub are put back', async () => {
    const commit = await commitAndTag('0.1.0', { '0.1.0': NOTES_010 });
    expect((await release('v0.1.0')).code).toBe(0);
    gh.requests.length = 0;

    const again = await release('v0.1.0');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('exists with these notes already');
    expect(again.stdout).toContain('v0 already points at v0.1.0');
    expect(writes()).toEqual([]);
    expect(gh.releases).toHaveLength(1);
    expect(remoteTag('v0')).toBe(commit);

    gh.releases[0]!.body = 'edited by hand';
    const third = await release('v0.1.0');
    expect(third.code).toBe(0);
    expect(writes().map((r) => r.method)).toEqual(['PATCH']);
    expect(gh.releases).toHaveLength(1);
    expect(gh.releases[0]!.body).toBe(NOTES_010);
  });

  it('refuses a tag that does not match package.json, before any GitHub call or push', async () => {
    await commitAndTag('0.1.0', { '0.1.0': NOTES_010, '0.2.0': NOTES_020 }, 'v0.2.0');
    const run = await release('v0.2.0');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tag v0.2.0 does not match package.json version 0.1.0');
    expect(gh.requests).toEqual([]);
    expect(remoteTag('v0')).toBeUndefined();
  });

  it('refuses a version that has no changelog section', async () => {
    await commitAndTag('0.2.0', { '0.1.0': NOTES_010 });
    const run = await release('v0.2.0');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CHANGELOG.md at v0.2.0 has no "## [0.2.0]" section');
    expect(gh.requests).toEqual([]);
    expect(remoteTag('v0')).toBeUndefined();
  });

  it('refuses a tag that is not on the remote, and names that is not a version tag', async () => {
    await commitAndTag('0.1.0', { '0.1.0': NOTES_010 }, 'v0.1.0', false);
    const unpushed = await release('v0.1.0');
    expect(unpushed.code).toBe(1);
    expect(unpushed.stderr).toContain('tag v0.1.0 is not on origin');
    const notVersion = await release('latest');
    expect(notVersion.code).toBe(1);
    expect(notVersion.stderr).toContain('latest is not a version tag like v1.2.3');
    const noTag = await runProcess(process.execPath, [SCRIPT], { cwd: work, env: { ...env, GITHUB_REF_NAME: '' } });
    expect(noTag.code).toBe(2);
    expect(gh.requests).toEqual([]);
  });

  it('moves v0 forward with a newer release, never back for an older one; a pre-release moves nothing', async () => {
    const first = await commitAndTag('0.1.0', { '0.1.0': NOTES_010 });
    expect((await release('v0.1.0')).code).toBe(0);
    const second = await commitAndTag('0.2.0', { '0.2.0': NOTES_020, '0.1.0': NOTES_010 });
    expect(second).not.toBe(first);
    const run = await release('v0.2.0');
    expect(run.code).toBe(0);
    expect(remoteTag('v0')).toBe(second);
    expect(gh.releases.map((r) => [r.tag_name, r.body])).toEqual([
      ['v0.1.0', NOTES_010],
      ['v0.2.0', NOTES_020],
    ]);

    const older = await release('v0.1.0');
    expect(older.code).toBe(0);
    expect(older.stdout).toContain('v0 stays with v0.2.0, newer than v0.1.0');
    expect(remoteTag('v0')).toBe(second);

    await commitAndTag('0.3.0-rc.1', { '0.3.0-rc.1': '- A candidate.' });
    const rc = await release('v0.3.0-rc.1');
    expect(rc.code).toBe(0);
    expect(gh.releases.at(-1)).toMatchObject({ tag_name: 'v0.3.0-rc.1', prerelease: true, body: '- A candidate.' });
    expect(remoteTag('v0')).toBe(second);
  });

  it("publishes the project's own CHANGELOG.md section for package.json's version (dry run)", async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    await writeFile(join(work, 'package.json'), await readFile('package.json'));
    await writeFile(join(work, 'CHANGELOG.md'), await readFile('CHANGELOG.md'));
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'the real files');
    git(work, 'tag', `v${pkg.version}`);
    const run = await release(`v${pkg.version}`, '--dry-run');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Release v${pkg.version} at`);
    expect(run.stdout).toMatch(/Notes:\n\S/);
    expect(run.stdout).toContain('\n### Added\n');
    expect(run.stdout).not.toContain('## [');
    expect(gh.requests).toEqual([]);
    expect(remoteTag(`v${pkg.version.split('.')[0]}`)).toBeUndefined();
  });
});
