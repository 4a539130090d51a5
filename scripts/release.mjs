#!/usr/bin/env node
// Publishes a release for a pushed version tag: checks the tag against package.json and CHANGELOG.md at the
// tagged commit, creates (or brings up to date) the GitHub release whose notes are that version's changelog
// section, and moves the major tag (v1 for v1.2.3) to the tagged commit. Safe to run again.
//
//   node scripts/release.mjs v1.2.3 [--dry-run]
//
// The tag defaults to $GITHUB_REF_NAME. gh reads GH_TOKEN and GH_REPO; the tags go to the remote `origin`
// (RELEASE_REMOTE to change it). --dry-run checks everything it can and prints the notes, with no gh call and
// no push.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const USAGE = 'usage: node scripts/release.mjs <vMAJOR.MINOR.PATCH> [--dry-run]';
const SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

class ReleaseError extends Error {}

function run(cmd, args, { input, allowFailure = false } = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', input, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  if (result.error) throw new ReleaseError(`${cmd} ${args[0]}: ${result.error.message}`);
  if (result.status !== 0 && !allowFailure) {
    throw new ReleaseError(`${cmd} ${args.join(' ')} failed (${result.status}): ${result.stderr.trim()}`);
  }
  return result;
}

const git = (...args) => run('git', args).stdout.trim();

/** A file as it is in the tagged commit (not the work tree). */
function fileAt(commit, path) {
  const result = run('git', ['show', `${commit}:${path}`], { allowFailure: true });
  if (result.status !== 0) throw new ReleaseError(`${path} is missing at ${commit.slice(0, 12)}`);
  return result.stdout;
}

/**
 * The notes of one version in a Keep a Changelog file: the lines under `## [1.2.3]` (or `## [1.2.3] - date`) up to
 * the next `## ` heading, without the link definitions that close the file and without blank lines around.
 */
function changelogSection(changelog, version) {
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n');
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heading = new RegExp(`^## \\[${escaped}\\](?:\\s+-\\s+.*)?\\s*$`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return undefined;
  let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  if (end < 0) end = lines.length;
  const section = lines.slice(start + 1, end);
  const isBlank = (line) => line.trim() === '';
  const isLinkDefinition = (line) => /^\[[^\]]+\]:\s+\S/.test(line);
  while (section.length > 0 && (isBlank(section.at(-1)) || isLinkDefinition(section.at(-1)))) section.pop();
  while (section.length > 0 && isBlank(section[0])) section.shift();
  return section.length > 0 ? section.join('\n') : undefined;
}

function parseTag(tag) {
  const m = SEMVER.exec(tag);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] };
}

const newer = (a, b) => a.major - b.major || a.minor - b.minor || a.patch - b.patch;

/** Tags on the remote: name -> commit (annotated tags peeled). */
function remoteTags(remote, dryRun) {
  const tags = new Map();
  const listed = run('git', ['ls-remote', '--tags', remote], { allowFailure: dryRun });
  if (listed.status !== 0) {
    console.log(`(dry run) cannot list the tags of ${remote}: ${listed.stderr.trim()}`);
    return tags;
  }
  for (const line of listed.stdout.split('\n')) {
    const m = /^([0-9a-f]{40,64})\trefs\/tags\/(.+?)(\^\{\})?$/.exec(line);
    if (!m) continue;
    if (m[3] || !tags.has(m[2])) tags.set(m[2], m[1]);
  }
  return tags;
}

/** The release as GitHub has it, or undefined when there is none for the tag. */
function existingRelease(tag) {
  const view = run('gh', ['release', 'view', tag, '--json', 'body,isDraft,isPrerelease,url'], { allowFailure: true });
  if (view.status === 0) return JSON.parse(view.stdout);
  if (/release not found|HTTP 404|Not Found/i.test(view.stderr)) return undefined;
  throw new ReleaseError(`gh release view ${tag} failed (${view.status}): ${view.stderr.trim()}`);
}

function main(argv) {
  const dryRun = argv.includes('--dry-run');
  const positional = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--dry-run');
  const tag = positional[0] ?? process.env.GITHUB_REF_NAME ?? '';
  if (unknown.length > 0 || positional.length > 1 || !tag) {
    console.error(USAGE);
    return 2;
  }
  const parsed = parseTag(tag);
  if (!parsed) throw new ReleaseError(`${tag} is not a version tag like v1.2.3 (${USAGE})`);
  const version = tag.slice(1);
  const remote = process.env.RELEASE_REMOTE || 'origin';

  const found = run('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`], { allowFailure: true });
  if (found.status !== 0) throw new ReleaseError(`tag ${tag} does not exist in this clone: fetch or create it first`);
  const commit = found.stdout.trim();

  let pkgVersion;
  try {
    pkgVersion = JSON.parse(fileAt(commit, 'package.json')).version;
  } catch (error) {
    throw new ReleaseError(`package.json at ${tag}: ${error instanceof Error ? error.message : error}`);
  }
  if (pkgVersion !== version) {
    throw new ReleaseError(
      `tag ${tag} does not match package.json version ${pkgVersion} at that commit: set "version": "${version}" in package.json (npm version ${version} --no-git-tag-version), commit, and tag that commit`,
    );
  }
  const notes = changelogSection(fileAt(commit, 'CHANGELOG.md'), version);
  if (notes === undefined) {
    throw new ReleaseError(
      `CHANGELOG.md at ${tag} has no "## [${version}]" section with notes: move the Unreleased notes under it, commit, and tag that commit`,
    );
  }

  const tags = remoteTags(remote, dryRun);
  const remoteCommit = tags.get(tag);
  if (remoteCommit !== commit) {
    const why = remoteCommit ? `points at ${remoteCommit.slice(0, 12)} on ${remote}` : `is not on ${remote}`;
    if (!dryRun) throw new ReleaseError(`tag ${tag} ${why}, here at ${commit.slice(0, 12)}: push the tag first`);
    console.log(`(dry run) tag ${tag} ${why} yet`);
  }

  console.log(`Release ${tag} at ${commit} (package.json ${pkgVersion}).`);
  if (dryRun) console.log(`Notes:\n${notes}\n`);

  // The GitHub release: created once, its notes kept equal to the changelog section.
  const release = dryRun ? undefined : existingRelease(tag);
  if (dryRun) {
    console.log(`(dry run) would create or update the release ${tag}`);
  } else if (release === undefined) {
    withNotesFile(notes, (file) => {
      const args = ['release', 'create', tag, '--verify-tag', '--title', tag, '--notes-file', file];
      if (parsed.prerelease) args.push('--prerelease');
      const url = run('gh', args).stdout.trim();
      console.log(`Created the release ${tag}${url ? `: ${url}` : ''}.`);
    });
  } else if (String(release.body ?? '').replace(/\r\n?/g, '\n') === notes) {
    console.log(`The release ${tag} exists with these notes already.`);
  } else {
    withNotesFile(notes, (file) => run('gh', ['release', 'edit', tag, '--notes-file', file]));
    console.log(`Updated the notes of the release ${tag} to its changelog section.`);
  }

  // The major tag follows the newest stable release of its major version; a patch to an older line leaves it.
  if (parsed.prerelease) {
    console.log(`${tag} is a pre-release: v${parsed.major} stays where it is.`);
    return 0;
  }
  const majorTag = `v${parsed.major}`;
  const newest = [...tags.keys()]
    .map((name) => ({ name, v: parseTag(name) }))
    .filter(({ v }) => v && !v.prerelease && v.major === parsed.major && newer(v, parsed) > 0)
    .sort((a, b) => newer(b.v, a.v))[0];
  if (newest) {
    console.log(`${majorTag} stays with ${newest.name}, newer than ${tag}.`);
  } else if (tags.get(majorTag) === commit) {
    console.log(`${majorTag} already points at ${tag}.`);
  } else if (dryRun) {
    console.log(`(dry run) would move ${majorTag} to ${commit}`);
  } else {
    git('push', '--force', remote, `${commit}:refs/tags/${majorTag}`);
    console.log(`Moved ${majorTag} to ${tag} (${commit}).`);
  }
  return 0;
}

function withNotesFile(notes, use) {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-triage-release-'));
  try {
    const file = join(dir, 'notes.md');
    writeFileSync(file, notes);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error;
  console.error(`release: ${error.message}`);
  process.exitCode = 1;
}
