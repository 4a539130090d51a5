// A loopback stand-in for the Actions results service as @actions/artifact 6 speaks to it: Twirp
// CreateArtifact / FinalizeArtifact, Azure block-blob uploads on path-style URLs, and blob downloads.

import http from 'node:http';

export interface UploadedArtifact {
  id: number;
  name: string;
  zip: Buffer;
}

export interface ArtifactStub {
  url: string;
  uploads: UploadedArtifact[];
  log: string[];
  /** An unsigned JWT whose scope names the run and job backend ids, as the runner provides. */
  runtimeToken: string;
  close(): Promise<void>;
}

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

export async function startArtifactStub(download: (id: number) => Buffer | undefined): Promise<ArtifactStub> {
  const blocks = new Map<string, Map<string, Buffer>>();
  const committed = new Map<string, Buffer>();
  let nextId = 5000;
  const stub: ArtifactStub = { url: '', uploads: [], log: [], runtimeToken: '', close: async () => {} };
  const payload = Buffer.from(
    JSON.stringify({ scp: 'Actions.ExampleScope Actions.Results:run-backend-1:job-backend-1' }),
  ).toString('base64url');
  stub.runtimeToken = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.sig`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const raw = Buffer.concat(chunks);
      stub.log.push(`${req.method} ${url.pathname}${url.search ? `?${url.searchParams.get('comp') ?? ''}` : ''}`);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && url.pathname === `${TWIRP}CreateArtifact`) {
        const body = JSON.parse(raw.toString()) as { name: string };
        // As the results service: a name is uploaded once per workflow run.
        if (stub.uploads.some((u) => u.name === body.name)) {
          return json(409, {
            code: 'already_exists',
            msg: 'an artifact with this name already exists on the workflow run',
          });
        }
        return json(200, {
          ok: true,
          signed_upload_url: `${stub.url}/devstoreaccount1/artifacts/${encodeURIComponent(body.name)}.zip?sig=upload`,
        });
      }
      if (req.method === 'POST' && url.pathname === `${TWIRP}FinalizeArtifact`) {
        const body = JSON.parse(raw.toString()) as { name: string };
        const zip = committed.get(`/devstoreaccount1/artifacts/${encodeURIComponent(body.name)}.zip`);
        if (!zip) return json(404, { code: 'not_found', msg: 'no blob uploaded' });
        const id = nextId++;
        stub.uploads.push({ id, name: body.name, zip });
        return json(200, { ok: true, artifact_id: String(id) });
      }
      if (req.method === 'PUT' && url.pathname.startsWith('/devstoreaccount1/')) {
        const comp = url.searchParams.get('comp');
        const mine = blocks.get(url.pathname) ?? new Map<string, Buffer>();
        blocks.set(url.pathname, mine);
        if (comp === 'block') mine.set(url.searchParams.get('blockid') ?? '', raw);
        else if (comp === 'blocklist') {
          const ids = [...raw.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map((m) => m[1]!);
          committed.set(url.pathname, Buffer.concat(ids.map((id) => mine.get(id) ?? Buffer.alloc(0))));
        } else committed.set(url.pathname, raw);
        res.writeHead(201, {
          etag: '"0x1"',
          'last-modified': new Date().toUTCString(),
          'x-ms-request-id': 'stub',
          'x-ms-version': '2026-04-06',
        });
        return res.end();
      }
      const blob = /^\/blob\/(\d+)\.zip$/.exec(url.pathname);
      if (req.method === 'GET' && blob) {
        const zip = download(Number(blob[1]));
        if (!zip) return json(404, { message: 'no such blob' });
        res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(zip.length) });
        return res.end(zip);
      }
      json(404, { message: `artifact stub: unexpected ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  stub.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return stub;
}
