// A small GitHub for the real gh CLI's `gh release view|create|edit`, served on a unix socket (gh's
// `http_unix_socket`). What gh 2.23 sends (seen with GH_DEBUG=api): `release create --verify-tag` asks GraphQL
// RepositoryFindRef for the tag, then POST /repos/{o}/{r}/releases; `release view|edit` read
// GET /repos/{o}/{r}/releases/tags/{tag}, fall back to GraphQL RepositoryReleaseByTag (drafts), and `edit`
// sends PATCH /repos/{o}/{r}/releases/{id}.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';

export interface FakeRelease {
  id: number;
  tag_name: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
}

export interface ReleaseRequest {
  method: string;
  path: string;
  /** The GraphQL operation, for POST /graphql. */
  operation?: string;
  body: unknown;
}

export interface FakeReleaseGitHub {
  /** Environment for gh: an isolated config dir pointing at the socket, GH_TOKEN and GH_REPO set. */
  env: NodeJS.ProcessEnv;
  requests: ReleaseRequest[];
  releases: FakeRelease[];
  close(): Promise<void>;
}

export interface FakeReleaseOptions {
  owner?: string;
  repo?: string;
  /** Whether the repository has this ref (e.g. `refs/tags/v1.2.3`): answers `--verify-tag`. */
  hasRef(qualifiedName: string): boolean;
}

export async function startFakeReleaseGitHub(dir: string, options: FakeReleaseOptions): Promise<FakeReleaseGitHub> {
  const { owner = 'acme', repo = 'widgets', hasRef } = options;
  const socket = join(dir, 'gh-release.sock');
  const config = join(dir, 'gh-release-config');
  await mkdir(config, { recursive: true });
  await writeFile(join(config, 'config.yml'), `http_unix_socket: ${socket}\n`);
  const state: FakeReleaseGitHub = {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      GH_CONFIG_DIR: config,
      GH_TOKEN: 'fake-token',
      GH_PROMPT_DISABLED: '1',
      GH_NO_UPDATE_NOTIFIER: '1',
      NO_COLOR: '1',
      GH_REPO: `${owner}/${repo}`,
    },
    requests: [],
    releases: [],
    close: async () => {},
  };
  const base = `/repos/${owner}/${repo}/releases`;
  const json = (r: FakeRelease) => ({
    id: r.id,
    node_id: `RE_${r.id}`,
    tag_name: r.tag_name,
    target_commitish: 'main',
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    created_at: '2026-01-01T00:00:00Z',
    published_at: r.draft ? null : '2026-01-01T00:00:00Z',
    author: { login: 'github-actions[bot]' },
    assets: [],
    url: `https://api.github.com${base}/${r.id}`,
    html_url: `https://github.com/${owner}/${repo}/releases/tag/${r.tag_name}`,
    upload_url: `https://uploads.github.com${base}/${r.id}/assets{?name,label}`,
    tarball_url: `https://api.github.com/repos/${owner}/${repo}/tarball/${r.tag_name}`,
    zipball_url: `https://api.github.com/repos/${owner}/${repo}/zipball/${r.tag_name}`,
  });

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = (req.url ?? '').split('?')[0]!;
      const method = req.method ?? 'GET';
      if (method === 'POST' && path.endsWith('/graphql')) {
        const query = String(body.query ?? '');
        const operation = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
        const variables = (body.variables ?? {}) as Record<string, string>;
        state.requests.push({ method, path, operation, body });
        if (variables.owner !== owner || variables.name !== repo) {
          return send(200, { errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a Repository' }] });
        }
        if (operation === 'RepositoryFindRef') {
          const ref = hasRef(String(variables.tagName)) ? { id: 'REF_1' } : null;
          return send(200, { data: { repository: { ref } } });
        }
        if (operation === 'RepositoryReleaseByTag') {
          const r = state.releases.find((x) => x.tag_name === variables.tagName);
          return send(200, { data: { repository: { release: r ? { databaseId: r.id, isDraft: r.draft } : null } } });
        }
        return send(400, { errors: [{ message: `fake GitHub: unexpected operation ${operation}` }] });
      }
      state.requests.push({ method, path, body: raw ? body : undefined });
      const byTag = path.startsWith(`${base}/tags/`)
        ? state.releases.find((r) => r.tag_name === decodeURIComponent(path.slice(`${base}/tags/`.length)))
        : undefined;
      const byId = path.startsWith(`${base}/`) ? /^(\d+)$/.exec(path.slice(base.length + 1)) : null;
      const release = byId ? state.releases.find((r) => r.id === Number(byId[1])) : undefined;
      if (method === 'GET' && path.startsWith(`${base}/tags/`)) {
        return byTag && !byTag.draft ? send(200, json(byTag)) : send(404, { message: 'Not Found' });
      }
      if (method === 'GET' && byId) {
        return release ? send(200, json(release)) : send(404, { message: 'Not Found' });
      }
      if (method === 'POST' && path === base) {
        const tag = String(body.tag_name ?? '');
        if (!tag) return send(422, { message: 'Validation Failed', errors: [{ field: 'tag_name', code: 'missing' }] });
        if (state.releases.some((r) => r.tag_name === tag)) {
          return send(422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
          });
        }
        const created: FakeRelease = {
          id: state.releases.length + 1,
          tag_name: tag,
          name: String(body.name ?? tag),
          body: String(body.body ?? ''),
          draft: body.draft === true,
          prerelease: body.prerelease === true,
        };
        state.releases.push(created);
        return send(201, json(created));
      }
      if (method === 'PATCH' && byId) {
        if (!release) return send(404, { message: 'Not Found' });
        if (typeof body.body === 'string') release.body = body.body;
        if (typeof body.name === 'string') release.name = body.name;
        if (typeof body.draft === 'boolean') release.draft = body.draft;
        if (typeof body.prerelease === 'boolean') release.prerelease = body.prerelease;
        return send(200, json(release));
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await rm(socket, { force: true });
  await new Promise<void>((ok) => server.listen(socket, ok));
  state.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return state;
}
