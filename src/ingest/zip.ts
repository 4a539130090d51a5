// Extracts an untrusted zip with limits: no `..`, absolute paths, backslashes or links; bounded entry count,
// per-file and total bytes, checked on the declared sizes and again on the bytes actually inflated.

import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

import { InputError } from '../errors.js';

export interface ZipLimits {
  maxEntries: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 100_000,
  maxFileBytes: 2 * 1024 ** 3,
  maxTotalBytes: 8 * 1024 ** 3,
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Extracts into `destDir` (which must be new and empty); removes it again when the archive is refused. */
export async function extractZip(
  zipPath: string,
  destDir: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<void> {
  const root = resolve(destDir);
  await mkdir(root, { recursive: true });
  try {
    await extractInto(zipPath, root, limits);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    if (error instanceof InputError) throw error;
    throw new InputError(`${zipPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function extractInto(zipPath: string, root: string, limits: ZipLimits): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) =>
    yauzl.open(
      zipPath,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true, autoClose: true },
      (err, z) => (err ? fail(err) : ok(z!)),
    ),
  );
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new InputError(`${zipPath}: ${zip.entryCount} entries is over the limit of ${limits.maxEntries}`);
  }
  let total = 0;
  await new Promise<void>((ok, fail) => {
    const stop = (error: unknown) => {
      zip.close();
      fail(error);
    };
    zip.on('error', stop);
    zip.on('end', ok);
    zip.on('entry', (entry: yauzl.Entry) => {
      handle(entry).then(() => zip.readEntry(), stop);
    });
    zip.readEntry();
  });

  async function handle(entry: yauzl.Entry): Promise<void> {
    const name = entry.fileName;
    const where = `${zipPath}: entry ${JSON.stringify(name)}`;
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (mode === S_IFLNK) throw new InputError(`${where}: symbolic links are not allowed`);
    const target = resolve(root, ...name.split('/').filter((p) => p !== ''));
    if (target !== root && !target.startsWith(root + sep))
      throw new InputError(`${where}: leaves the extraction folder`);
    if (name.endsWith('/')) {
      await mkdir(target, { recursive: true });
      return;
    }
    if (entry.uncompressedSize > limits.maxFileBytes)
      throw new InputError(`${where}: ${entry.uncompressedSize} bytes is over the per-file limit`);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes)
      throw new InputError(`${where}: the archive is over the total size limit of ${limits.maxTotalBytes} bytes`);
    await mkdir(dirname(target), { recursive: true });
    const stream = await new Promise<NodeJS.ReadableStream>((ok, fail) =>
      zip.openReadStream(entry, (err, s) => (err ? fail(err) : ok(s!))),
    );
    // yauzl's validateEntrySizes already stops lying headers; this guard bounds the bytes we write regardless.
    await pipeline(stream, byteLimit(limits.maxFileBytes, where), createWriteStream(target, { flags: 'wx' }));
  }
}

function byteLimit(max: number, where: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > max) done(new InputError(`${where}: more than ${max} bytes when inflated`));
      else done(null, chunk);
    },
  });
}
