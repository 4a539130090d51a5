// A loopback stand-in for api.github.com: every request is validated against GitHub's published OpenAPI
// description (trimmed to the operations the action uses) and refused when it does not match; behind it a
// small in-memory git (blobs, trees, commits, refs), pull requests, issue comments and run artifacts.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { resolve } from 'node:path';

import addFormatsPlugin from 'ajv-formats';
import { OpenAPIBackend, type Context } from 'openapi-backend';

// ajv-formats is CommonJS with a default export that TypeScript's NodeNext view does not see as callable.
const addFormats = addFormatsPlugin as unknown as (ajv: unknown) => void;

export interface LoggedRequest {
  method: string;
  path: string;
  operationId: string | null;
  status: number;
  error?: string;
}

export interface StubComment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
}

export interface StubArtifact {
  id: number;
  name: string;
  runId: number;
  zip: Buffer;
  /** Still listed, as GitHub lists an expired artifact, but gone when downloaded. */
  expired?: boolean;
}

export interface GitHubStub {
  url: string;
  log: LoggedRequest[];
  owner: string;
  repo: string;
  /** Flattened file view of a branch: path -> content. */
  files(branch: string): Map<string, string>;
  refs: Map<string, string>;
  commits: Map<string, { tree: string; parents: string[]; message: string }>;
  comments: Map<number, StubComment[]>;
  pulls: { number: number; state: 'open' | 'closed'; head: { sha: string; repo: string; ref?: string } }[];
  artifacts: StubArtifact[];
  /** Called before an update-ref is applied: a test can push a concurrent commit here. */
  beforeUpdateRef: ((ref: string) => void) | null;
  /** Commits a file on a branch directly, as a concurrent pusher would. */
  pushFile(branch: string, path: string, content: string): string;
  /** Answers the next call of an operation with this instead (then removes it); with `after`, a later call. */
  failNext: Map<string, { status: number; body?: unknown; headers?: Record<string, string>; after?: number }>;
  /** Recursive tree listings come back cut short with truncated: true, as GitHub does past its limits. */
  truncateRecursiveTrees: boolean;
  /**
   * create-tree requests larger than this are refused as GitHub refuses them (reported from about 2.5 MB:
   * a 502, or a 422 asking to build the tree incrementally). null: no limit.
   */
  maxTreeRequestBytes: number | null;
  /** Answers every call of an operation with this. */
  failAlways: Map<string, { status: number; body?: unknown; headers?: Record<string, string> }>;
  /**
   * Whom the token belongs to: null for the workflow's token (an app installation: its comments are by
   * github-actions[bot], and GET /user is refused), a login for a personal access token (comments by that user).
   */
  tokenUser: string | null;
  close(): Promise<void>;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
}

export async function startGitHubStub(
  options: { owner?: string; repo?: string; blobBaseUrl?: () => string } = {},
): Promise<GitHubStub> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'widgets';
  // Resolved from the repository root: the tests and the benchmark both run from there.
  const specText = readFileSync(resolve('__tests__/support/github-openapi.trimmed.json'), 'utf8');
  const spec = JSON.parse(specText) as Record<string, unknown>;
  const blobs = new Map<string, string>();
  const trees = new Map<string, TreeEntry[]>();
  const commits = new Map<string, { tree: string; parents: string[]; message: string }>();
  const refs = new Map<string, string>();
  const comments = new Map<number, StubComment[]>();
  let nextCommentId = 1000;

  const putBlob = (content: string) => {
    const sha = sha1(`blob ${Buffer.byteLength(content)}\0${content}`);
    blobs.set(sha, content);
    return sha;
  };
  const putTree = (entries: TreeEntry[]) => {
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : 1));
    const sha = sha1(`tree ${JSON.stringify(sorted)}`);
    trees.set(sha, sorted);
    return sha;
  };
  const flatten = (treeSha: string, prefix = ''): Map<string, { mode: string; sha: string }> => {
    const out = new Map<string, { mode: string; sha: string }>();
    for (const e of trees.get(treeSha) ?? []) {
      const path = prefix ? `${prefix}/${e.path}` : e.path;
      if (e.type === 'tree') for (const [p, v] of flatten(e.sha, path)) out.set(p, v);
      else out.set(path, { mode: e.mode, sha: e.sha });
    }
    return out;
  };
  const build = (files: Map<string, { mode: string; sha: string }>): string => {
    const here: TreeEntry[] = [];
    const sub = new Map<string, Map<string, { mode: string; sha: string }>>();
    for (const [path, v] of files) {
      const [head, ...rest] = path.split('/');
      if (rest.length === 0) here.push({ path: head!, mode: v.mode, type: 'blob', sha: v.sha });
      else {
        const m = sub.get(head!) ?? new Map();
        m.set(rest.join('/'), v);
        sub.set(head!, m);
      }
    }
    for (const [name, m] of sub) here.push({ path: name, mode: '040000', type: 'tree', sha: build(m) });
    return putTree(here);
  };
  const commit = (tree: string, parents: string[], message: string) => {
    const sha = sha1(`commit ${tree} ${parents.join(',')} ${message} ${commits.size}`);
    commits.set(sha, { tree, parents, message });
    return sha;
  };
  refs.set(
    'heads/main',
    commit(build(new Map([['README.md', { mode: '100644', sha: putBlob('# widgets\n') }]])), [], 'initial'),
  );

  const stub: GitHubStub = {
    url: '',
    log: [],
    owner,
    repo,
    files: (branch) => {
      const head = refs.get(`heads/${branch}`);
      const out = new Map<string, string>();
      if (!head) return out;
      for (const [path, v] of flatten(commits.get(head)!.tree)) out.set(path, blobs.get(v.sha)!);
      return out;
    },
    refs,
    commits,
    comments,
    pulls: [],
    artifacts: [],
    beforeUpdateRef: null,
    tokenUser: null,
    truncateRecursiveTrees: false,
    maxTreeRequestBytes: 2_500_000,
    pushFile: (branch, path, content) => {
      const head = refs.get(`heads/${branch}`)!;
      const files = flatten(commits.get(head)!.tree);
      files.set(path, { mode: '100644', sha: putBlob(content) });
      const sha = commit(build(files), [head], `concurrent push of ${path}`);
      refs.set(`heads/${branch}`, sha);
      return sha;
    },
    failNext: new Map(),
    failAlways: new Map(),
    close: async () => {},
  };

  const api = new OpenAPIBackend({
    definition: spec as never,
    quick: true,
    validate: true,
    customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    },
  });
  /** `raw`: the body is sent as it is (a file's text), not as JSON. */
  type Reply = { status: number; body?: unknown; headers?: Record<string, string>; raw?: boolean };
  const ok = (body: unknown, status = 200): Reply => ({ status, body });
  const notFound: Reply = {
    status: 404,
    body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
  };
  const repoJson = () => ({
    id: 1,
    node_id: 'R_1',
    name: repo,
    full_name: `${owner}/${repo}`,
    private: false,
    default_branch: 'main',
    owner: { login: owner, id: 1, type: 'Organization' },
  });
  /** GET /user as GitHub answers a personal access token (the public-user schema's required fields). */
  const userJson = (login: string) => {
    const url = `${stub.url}/users/${login}`;
    return {
      login,
      id: 4242,
      node_id: 'U_4242',
      avatar_url: 'https://avatars.githubusercontent.com/u/4242',
      gravatar_id: '',
      url,
      html_url: `https://github.com/${login}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: 'User',
      site_admin: false,
      name: null,
      company: null,
      blog: null,
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 1,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2026-11-01T00:00:00Z',
    };
  };
  const commentJson = (issue: number, c: StubComment) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    body: c.body,
    user: { login: c.user.login, id: c.id, type: c.user.type },
    html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${c.id}`,
    url: `${stub.url}/repos/${owner}/${repo}/issues/comments/${c.id}`,
    created_at: '2026-11-24T00:00:00Z',
    updated_at: '2026-11-24T00:00:00Z',
  });
  const body = (c: Context) => c.request.requestBody as Record<string, unknown>;
  const p = (c: Context, name: string) => decodeURIComponent(String(c.request.params[name]));

  api.register({
    'repos/get': () => ok(repoJson()),
    'repos/get-branch': (c) => {
      const head = refs.get(`heads/${p(c, 'branch')}`);
      if (!head) return notFound;
      return ok({
        name: p(c, 'branch'),
        commit: { sha: head, commit: { tree: { sha: commits.get(head)!.tree }, message: commits.get(head)!.message } },
        protected: false,
      });
    },
    'repos/get-content': (c) => {
      // Only what the action asks for: one file at a commit (or a branch), as raw text.
      const ref = c.request.query.ref as string | undefined;
      const commitSha = ref ? (commits.has(ref) ? ref : refs.get(`heads/${ref}`)) : refs.get('heads/main');
      const file = commitSha ? flatten(commits.get(commitSha)!.tree).get(p(c, 'path')) : undefined;
      if (!file) return notFound;
      return {
        status: 200,
        body: blobs.get(file.sha)!,
        raw: true,
        headers: { 'content-type': 'application/vnd.github.raw' },
      };
    },
    'git/get-tree': (c) => {
      const sha = p(c, 'tree_sha');
      if (!trees.has(sha)) return notFound;
      const recursive = c.request.query.recursive !== undefined;
      const entries = recursive
        ? [...flatten(sha)].map(([path, v]) => ({
            path,
            mode: v.mode,
            type: 'blob',
            sha: v.sha,
            size: blobs.get(v.sha)!.length,
          }))
        : trees.get(sha)!;
      const truncated = recursive && stub.truncateRecursiveTrees;
      return ok({
        sha,
        url: `${stub.url}/git/trees/${sha}`,
        tree: truncated ? entries.slice(0, 1) : entries,
        truncated,
      });
    },
    'git/get-blob': (c) => {
      const content = blobs.get(p(c, 'file_sha'));
      if (content === undefined) return notFound;
      return ok({
        sha: p(c, 'file_sha'),
        content: Buffer.from(content).toString('base64'),
        encoding: 'base64',
        size: content.length,
      });
    },
    'git/create-tree': (c) => {
      const b = body(c) as {
        base_tree?: string;
        tree: { path: string; mode: string; type: string; content?: string; sha?: string | null }[];
      };
      if (b.base_tree && !trees.has(b.base_tree))
        return { status: 422, body: { message: 'base_tree is not a valid tree' } };
      const files = b.base_tree ? flatten(b.base_tree) : new Map<string, { mode: string; sha: string }>();
      for (const e of b.tree) {
        if (e.type === 'tree') {
          // A folder entry replaces the whole folder with the given tree, as git does.
          if (e.sha == null || !trees.has(e.sha))
            return { status: 422, body: { message: 'tree.sha is not a valid tree' } };
          for (const path of [...files.keys()]) if (path.startsWith(`${e.path}/`)) files.delete(path);
          for (const [path, v] of flatten(e.sha, e.path)) files.set(path, v);
        } else if (e.sha === null) files.delete(e.path);
        else if (e.content !== undefined) files.set(e.path, { mode: e.mode, sha: putBlob(e.content) });
        else if (blobs.has(String(e.sha))) files.set(e.path, { mode: e.mode, sha: String(e.sha) });
        else return { status: 422, body: { message: 'tree.sha is not a valid blob' } };
      }
      const sha = build(files);
      return ok({ sha, url: `${stub.url}/git/trees/${sha}`, tree: trees.get(sha), truncated: false }, 201);
    },
    'git/create-blob': (c) => {
      const b = body(c) as { content: string; encoding?: string };
      const content = b.encoding === 'base64' ? Buffer.from(b.content, 'base64').toString('utf8') : b.content;
      const sha = putBlob(content);
      return ok({ sha, url: `${stub.url}/git/blobs/${sha}` }, 201);
    },
    'git/create-commit': (c) => {
      const b = body(c) as { tree: string; parents: string[]; message: string };
      if (!trees.has(b.tree)) return { status: 422, body: { message: 'Tree SHA does not exist' } };
      const sha = commit(b.tree, b.parents, b.message);
      return ok(
        {
          sha,
          node_id: `C_${sha}`,
          url: '',
          html_url: '',
          message: b.message,
          tree: { sha: b.tree, url: '' },
          parents: b.parents.map((s) => ({ sha: s, url: '', html_url: '' })),
          author: { name: 'github-actions[bot]', email: 'x', date: '2026-11-24T00:00:00Z' },
          committer: { name: 'GitHub', email: 'noreply@github.com', date: '2026-11-24T00:00:00Z' },
          verification: { verified: true, reason: 'valid', signature: null, payload: null, verified_at: null },
        },
        201,
      );
    },
    'git/create-ref': (c) => {
      const b = body(c) as { ref: string; sha: string };
      const name = b.ref.replace(/^refs\//, '');
      if (refs.has(name)) return { status: 422, body: { message: 'Reference already exists' } };
      refs.set(name, b.sha);
      return ok({ ref: b.ref, node_id: 'REF_1', url: '', object: { sha: b.sha, type: 'commit', url: '' } }, 201);
    },
    'git/update-ref': (c) => {
      const name = p(c, 'ref');
      const b = body(c) as { sha: string; force?: boolean };
      stub.beforeUpdateRef?.(name);
      const current = refs.get(name);
      if (!current) return { status: 422, body: { message: 'Reference does not exist' } };
      const fastForward = commits.get(b.sha)?.parents.includes(current);
      if (!fastForward && !b.force)
        return {
          status: 422,
          body: {
            message: 'Update is not a fast forward',
            documentation_url: 'https://docs.github.com/rest/git/refs#update-a-reference',
          },
        };
      refs.set(name, b.sha);
      return ok({ ref: `refs/${name}`, node_id: 'REF_1', url: '', object: { sha: b.sha, type: 'commit', url: '' } });
    },
    'pulls/list': (c) => {
      // `head` filters by "owner:branch" of the head repository, as GitHub does; pages as GitHub pages.
      const head = c.request.query.head as string | undefined;
      const open = stub.pulls.filter(
        (pr) => pr.state === 'open' && (!head || `${pr.head.repo.split('/')[0]}:${pr.head.ref ?? 'feature'}` === head),
      );
      const perPage = Number(c.request.query.per_page ?? 30);
      const page = Number(c.request.query.page ?? 1);
      const last = Math.max(1, Math.ceil(open.length / perPage));
      const headers: Record<string, string> = {};
      if (page < last) {
        const params = `state=open&per_page=${perPage}${head ? `&head=${encodeURIComponent(head)}` : ''}`;
        headers.link = `<${stub.url}/repos/${owner}/${repo}/pulls?${params}&page=${page + 1}>; rel="next"`;
      }
      return {
        status: 200,
        body: open.slice((page - 1) * perPage, page * perPage).map((pr) => ({
          number: pr.number,
          state: pr.state,
          head: { sha: pr.head.sha, ref: pr.head.ref ?? 'feature', repo: { full_name: pr.head.repo } },
          base: { ref: 'main' },
        })),
        headers,
      };
    },
    'issues/list-comments': (c) => {
      const issue = Number(p(c, 'issue_number'));
      const all = comments.get(issue) ?? [];
      const perPage = Number(c.request.query.per_page ?? 30);
      const page = Number(c.request.query.page ?? 1);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const headers: Record<string, string> = {};
      if (page < last) {
        const link = (n: number) =>
          `<${stub.url}/repos/${owner}/${repo}/issues/${issue}/comments?per_page=${perPage}&page=${n}>`;
        headers.link = `${link(page + 1)}; rel="next", ${link(last)}; rel="last"`;
      }
      return {
        status: 200,
        body: all.slice((page - 1) * perPage, page * perPage).map((x) => commentJson(issue, x)),
        headers,
      };
    },
    'issues/create-comment': (c) => {
      const issue = Number(p(c, 'issue_number'));
      const pr = stub.pulls.find((x) => x.number === issue);
      if (!pr) return notFound;
      const created: StubComment = {
        id: nextCommentId++,
        body: String(body(c).body),
        user: stub.tokenUser ? { login: stub.tokenUser, type: 'User' } : { login: 'github-actions[bot]', type: 'Bot' },
      };
      comments.set(issue, [...(comments.get(issue) ?? []), created]);
      return ok(commentJson(issue, created), 201);
    },
    'users/get-authenticated': () => {
      if (!stub.tokenUser) return { status: 403, body: { message: 'Resource not accessible by integration' } };
      return ok(userJson(stub.tokenUser));
    },
    'issues/update-comment': (c) => {
      const id = Number(p(c, 'comment_id'));
      for (const [issue, list] of comments) {
        const found = list.find((x) => x.id === id);
        if (found) {
          found.body = String(body(c).body);
          return ok(commentJson(issue, found));
        }
      }
      return notFound;
    },
    'actions/list-workflow-run-artifacts': (c) => {
      const runId = Number(p(c, 'run_id'));
      const name = c.request.query.name;
      const list = stub.artifacts.filter((a) => a.runId === runId && (!name || a.name === name));
      return ok({
        total_count: list.length,
        artifacts: list.map((a) => ({
          id: a.id,
          node_id: `A_${a.id}`,
          name: a.name,
          size_in_bytes: a.zip.length,
          url: '',
          archive_download_url: `${stub.url}/repos/${owner}/${repo}/actions/artifacts/${a.id}/zip`,
          expired: a.expired ?? false,
          created_at: '2026-11-24T00:00:00Z',
          expires_at: '2026-12-24T00:00:00Z',
          updated_at: '2026-11-24T00:00:00Z',
          digest: `sha256:${createHash('sha256').update(a.zip).digest('hex')}`,
          workflow_run: { id: runId, repository_id: 1, head_repository_id: 1, head_branch: 'main', head_sha: 'abc' },
        })),
      });
    },
    'actions/download-artifact': (c) => {
      const a = stub.artifacts.find((x) => x.id === Number(p(c, 'artifact_id')));
      if (!a || !options.blobBaseUrl) return notFound;
      if (a.expired) return { status: 410, body: { message: 'Artifact has expired' } };
      return { status: 302, headers: { location: `${options.blobBaseUrl()}/blob/${a.id}.zip?sig=stub` } };
    },
    validationFail: (c) => ({
      status: 422,
      body: { message: 'Validation Failed (OpenAPI)', errors: c.validation.errors },
    }),
    notFound: () => ({ status: 404, body: { message: 'no such endpoint in the OpenAPI description' } }),
    methodNotAllowed: () => ({ status: 404, body: { message: 'no such operation in the OpenAPI description' } }),
  });
  await api.init();

  const server = http.createServer((req, res) => {
    const pieces: Buffer[] = [];
    req.on('data', (d: Buffer) => pieces.push(d));
    req.on('end', async () => {
      const raw = Buffer.concat(pieces).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stub');
      const entry: LoggedRequest = { method: req.method ?? 'GET', path: url.pathname, operationId: null, status: 0 };
      let reply: Reply;
      try {
        const parsed = raw ? (JSON.parse(raw) as unknown) : undefined;
        const operation = api.matchOperation({ method: entry.method, path: url.pathname, headers: {} } as never) as
          { operationId?: string } | undefined;
        entry.operationId = operation?.operationId ?? null;
        let next = entry.operationId ? stub.failNext.get(entry.operationId) : undefined;
        // `after` calls go through first.
        if (next?.after) {
          next.after--;
          next = undefined;
        }
        const failure = next ?? (entry.operationId ? stub.failAlways.get(entry.operationId) : undefined);
        const tooLarge =
          entry.operationId === 'git/create-tree' &&
          stub.maxTreeRequestBytes !== null &&
          Buffer.byteLength(raw) > stub.maxTreeRequestBytes;
        if (tooLarge) {
          reply = {
            status: 422,
            body: {
              message:
                "Sorry, your request timed out.  It's likely that your input was too large to process.  Consider building the tree incrementally, or building the commits you need in a local clone of the repository and then pushing them to GitHub.",
              documentation_url: 'https://docs.github.com/rest/git/trees#create-a-tree',
            },
          };
        } else if (failure) {
          if (next) stub.failNext.delete(entry.operationId!);
          reply = {
            status: failure.status,
            body: failure.body ?? { message: 'injected failure' },
            headers: failure.headers,
          };
        } else {
          reply = (await api.handleRequest({
            method: entry.method,
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            headers: req.headers as Record<string, string>,
            body: parsed,
          })) as Reply;
        }
      } catch (error) {
        reply = { status: 500, body: { message: String(error) } };
      }
      entry.status = reply.status;
      if (reply.status === 422 || reply.status === 500 || (reply.status === 404 && entry.operationId === null))
        entry.error = JSON.stringify(reply.body);
      stub.log.push(entry);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(reply.body === undefined ? '' : reply.raw ? String(reply.body) : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  stub.url = `http://127.0.0.1:${address.port}`;
  stub.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return stub;
}
