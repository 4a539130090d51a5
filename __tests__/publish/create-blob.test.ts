// The streamed create-blob: the body is the file's exact bytes in base64, as long as announced, sent again
// whole when the retry plugin repeats the request, and accepted by the OpenAPI-validating stand-in.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { Base64BlobBody, base64BodyLength, createBlob, utf8Bytes } from '../../src/publish/create-blob.js';
import { createOctokit } from '../../src/publish/octokit.js';
import { startGitHubStub, type GitHubStub } from '../support/github-stub.js';

/** About 300 KB in many small parts, with escapes and multi-byte characters: several pieces of the body. */
const parts =
  (count = 3_000) =>
  () =>
    Array.from({ length: count }, (_, i) => `  "test-${i}": "quoted \\" ✅ ${'é'.repeat(i % 7)}",\n`);

async function bodyOf(body: Base64BlobBody): Promise<{ text: string; chunks: number[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return { text: Buffer.concat(chunks).toString('utf8'), chunks: chunks.map((c) => c.length) };
}

describe('Base64BlobBody', () => {
  it('is the create-blob JSON with the text in base64, as long as announced, never an empty piece', async () => {
    for (const count of [0, 1, 2, 3, 1_000, 3_000]) {
      const text = [...parts(count)()].join('');
      const { text: body, chunks } = await bodyOf(new Base64BlobBody(parts(count)));
      expect(JSON.parse(body)).toEqual({ content: Buffer.from(text).toString('base64'), encoding: 'base64' });
      expect(Buffer.byteLength(body)).toBe(base64BodyLength(utf8Bytes(parts(count))));
      expect(utf8Bytes(parts(count))).toBe(Buffer.byteLength(text));
      expect(chunks.every((n) => n > 0)).toBe(true);
    }
  });

  it('starts again from the first piece on every iteration', async () => {
    const body = new Base64BlobBody(parts());
    expect((await bodyOf(body)).text).toBe((await bodyOf(body)).text);
  });
});

describe('createBlob', () => {
  let gh: GitHubStub;

  beforeEach(async () => {
    gh = await startGitHubStub();
    vi.stubEnv('GITHUB_API_URL', gh.url);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await gh.close();
  });

  it("stores a large file as a blob with exactly its bytes, through the action's client", async () => {
    const text = [...parts()()].join('');
    const sha = await createBlob(createOctokit('t'), { owner: gh.owner, repo: gh.repo }, parts(), utf8Bytes(parts()));
    expect(gh.log.map((r) => `${r.operationId} ${r.status}`)).toEqual(['git/create-blob 201']);
    const stored = await fetch(`${gh.url}/repos/${gh.owner}/${gh.repo}/git/blobs/${sha}`).then((r) => r.json());
    expect(Buffer.from((stored as { content: string }).content, 'base64').toString('utf8')).toBe(text);
  });

  it('sends the whole body again when a 5xx is retried', async () => {
    gh.failNext.set('git/create-blob', { status: 502, body: { message: 'Server Error' } });
    const text = [...parts()()].join('');
    const sha = await createBlob(createOctokit('t'), { owner: gh.owner, repo: gh.repo }, parts(), utf8Bytes(parts()));
    expect(gh.log.map((r) => `${r.operationId} ${r.status}`)).toEqual(['git/create-blob 502', 'git/create-blob 201']);
    const stored = await fetch(`${gh.url}/repos/${gh.owner}/${gh.repo}/git/blobs/${sha}`).then((r) => r.json());
    expect(Buffer.from((stored as { content: string }).content, 'base64').toString('utf8')).toBe(text);
  });
});
