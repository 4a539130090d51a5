// A small GitHub for the real gh CLI, served on a unix socket (gh's `http_unix_socket`): the REST label and
// issue-comment endpoints and the GraphQL operations gh uses to create, search and comment on issues.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  comments: string[];
}

export interface GhRequest {
  kind: 'rest' | 'graphql';
  name: string;
  variables: Record<string, unknown>;
  body: unknown;
}

export interface FakeGitHub {
  socket: string;
  /** Environment for gh: isolated config dir pointing at the socket. */
  env: NodeJS.ProcessEnv;
  requests: GhRequest[];
  labels: Set<string>;
  issues: FakeIssue[];
  /** Makes the n-th IssueCreate (1-based, counting every attempt) fail: 'server' = 500, 'rate' = secondary limit. */
  failIssueCreate: Map<number, 'server' | 'rate'>;
  close(): Promise<void>;
}

export async function startFakeGitHub(dir: string, owner = 'acme', repo = 'widgets'): Promise<FakeGitHub> {
  const socket = join(dir, 'gh.sock');
  const config = join(dir, 'gh-config');
  await mkdir(config, { recursive: true });
  await writeFile(join(config, 'config.yml'), `http_unix_socket: ${socket}\n`);
  const state: FakeGitHub = {
    socket,
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
    labels: new Set(),
    issues: [],
    failIssueCreate: new Map(),
    close: async () => {},
  };
  let creates = 0;
  const labelIds = new Map<string, string>();

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const url = req.url ?? '';
      if (req.method === 'POST' && url === `/repos/${owner}/${repo}/labels`) {
        const name = String(body.name);
        state.requests.push({ kind: 'rest', name: 'label-create', variables: {}, body });
        if (state.labels.has(name)) {
          return send(422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
          });
        }
        state.labels.add(name);
        labelIds.set(name, `LA_${labelIds.size + 1}`);
        return send(201, { id: labelIds.size, name, color: body.color, description: body.description });
      }
      // GET /repos/{owner}/{repo}/issues/{number}/comments, the REST shape (issue-comment) gh api reads.
      const comments = new RegExp(`^/repos/${owner}/${repo}/issues/(\\d+)/comments(?:\\?.*)?$`).exec(url);
      if (req.method === 'GET' && comments) {
        const number = Number(comments[1]);
        state.requests.push({ kind: 'rest', name: 'issue-comments', variables: { number }, body: null });
        const issue = state.issues.find((i) => i.number === number);
        if (!issue) return send(404, { message: 'Not Found' });
        return send(
          200,
          issue.comments.map((text, i) => ({
            id: number * 1000 + i + 1,
            node_id: `IC_${number}_${i + 1}`,
            url: `https://api.github.com/repos/${owner}/${repo}/issues/comments/${number * 1000 + i + 1}`,
            html_url: `https://github.com/${owner}/${repo}/issues/${number}#issuecomment-${number * 1000 + i + 1}`,
            issue_url: `https://api.github.com/repos/${owner}/${repo}/issues/${number}`,
            body: text,
            user: { login: 'e2e-bot', id: 1, type: 'User' },
            created_at: '2026-11-30T00:00:00Z',
            updated_at: '2026-11-30T00:00:00Z',
            author_association: 'OWNER',
          })),
        );
      }
      if (req.method !== 'POST' || !url.endsWith('/graphql')) return send(404, { message: 'Not Found' });
      const query = String(body.query ?? '');
      const name = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
      const variables = (body.variables ?? {}) as Record<string, unknown>;
      state.requests.push({ kind: 'graphql', name, variables, body });
      switch (name) {
        case 'RepositoryInfo':
          return send(200, {
            data: {
              repository: {
                id: 'R_1',
                name: repo,
                owner: { login: owner },
                hasIssuesEnabled: true,
                description: '',
                hasWikiEnabled: false,
                viewerPermission: 'ADMIN',
                defaultBranchRef: { name: 'main' },
                parent: null,
                mergeCommitAllowed: true,
                rebaseMergeAllowed: true,
                squashMergeAllowed: true,
              },
            },
          });
        case 'RepositoryResolveMetadataIDs': {
          const aliases: Record<string, unknown> = {};
          for (const m of query.matchAll(/(\w+): label\(name: ?"((?:[^"\\]|\\.)*)"\)/g)) {
            const label = JSON.parse(`"${m[2]}"`) as string;
            aliases[m[1]!] = state.labels.has(label) ? { id: labelIds.get(label), name: label } : null;
          }
          return send(200, { data: { repository: aliases } });
        }
        case 'IssueCreate': {
          creates++;
          const failure = state.failIssueCreate.get(creates);
          if (failure === 'rate') {
            return send(403, {
              message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            });
          }
          if (failure === 'server') return send(502, { message: 'Server Error' });
          const input = variables.input as { title: string; body: string; labelIds?: string[] | null };
          const number = state.issues.length + 1;
          const byId = new Map([...labelIds].map(([k, v]) => [v, k]));
          state.issues.push({
            number,
            title: input.title,
            body: input.body,
            labels: (input.labelIds ?? []).map((id) => byId.get(id) ?? id),
            comments: [],
          });
          const issueUrl = `https://github.com/${owner}/${repo}/issues/${number}`;
          return send(200, { data: { createIssue: { issue: { id: `I_${number}`, number, url: issueUrl } } } });
        }
        case 'IssueSearch': {
          const q = String(variables.query ?? '');
          const needle = /e2e-triage:fingerprint=[0-9a-f]+/.exec(q)?.[0];
          const nodes = state.issues
            .filter((i) => needle && i.body.includes(needle))
            .map((i) => ({ number: i.number, body: i.body }));
          return send(200, {
            data: {
              repository: { hasIssuesEnabled: true },
              search: { issueCount: nodes.length, nodes, pageInfo: { hasNextPage: false, endCursor: null } },
            },
          });
        }
        case 'IssueByNumber': {
          const issue = state.issues.find((i) => i.number === Number(variables.number));
          if (!issue) return send(200, { errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to an issue' }] });
          return send(200, {
            data: {
              repository: {
                hasIssuesEnabled: true,
                issue: {
                  __typename: 'Issue',
                  id: `I_${issue.number}`,
                  number: issue.number,
                  url: `https://github.com/${owner}/${repo}/issues/${issue.number}`,
                },
              },
            },
          });
        }
        case 'CommentCreate': {
          const input = variables.input as { subjectId: string; body: string };
          const issue = state.issues.find((i) => `I_${i.number}` === input.subjectId);
          issue?.comments.push(input.body);
          return send(200, {
            data: {
              addComment: {
                commentEdge: {
                  node: {
                    url: `https://github.com/${owner}/${repo}/issues/${issue?.number}#issuecomment-${issue?.comments.length}`,
                  },
                },
              },
            },
          });
        }
        default:
          return send(400, { errors: [{ message: `fake GitHub: unexpected operation ${name}` }] });
      }
    });
  });
  await rm(socket, { force: true });
  await new Promise<void>((ok) => server.listen(socket, ok));
  state.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return state;
}
