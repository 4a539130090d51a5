// Extracts an untrusted zip with limits: no `..`, absolute paths, backslashes or links; bounded entry count,
// per-file and total bytes, checked on the declared sizes and again on the bytes actually inflated.
// A batch is a few large logs and tens of thousands of small JSON files: the small ones are read, inflated and
// written with synchronous calls (a stream per file cost some 1.4 ms of thread-pool round trips each, most of
// the 29 s a 10,000-test artifact took), the large ones streamed so that memory stays flat.

import { closeSync, createWriteStream, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

import { InputError } from '../errors.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-limits.js';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Entries up to this size (declared, both compressed and inflated) are extracted in one synchronous step. */
const SMALL_ENTRY_BYTES = 1024 * 1024;
/** Larger ones are streamed in pieces of this size: 16 kB pieces cost a thread-pool round trip each. */
const PIECE_BYTES = 1024 * 1024;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
const STORED = 0;
const DEFLATE = 8;

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
  const fd = openSync(zipPath, 'r');
  const made = new Set<string>([root]);
  const makeDir = (dir: string) => {
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
  try {
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
  } finally {
    closeSync(fd);
  }

  async function handle(entry: yauzl.Entry): Promise<void> {
    const name = entry.fileName;
    const where = `${zipPath}: entry ${JSON.stringify(name)}`;
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (mode === S_IFLNK) throw new InputError(`${where}: symbolic links are not allowed`);
    const target = resolve(root, ...name.split('/').filter((p) => p !== ''));
    if (target !== root && !target.startsWith(root + sep))
      throw new InputError(`${where}: leaves the extraction folder`);
    if (name.endsWith('/')) {
      makeDir(target);
      return;
    }
    if (entry.uncompressedSize > limits.maxFileBytes)
      throw new InputError(`${where}: ${entry.uncompressedSize} bytes is over the per-file limit`);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes)
      throw new InputError(`${where}: the archive is over the total size limit of ${limits.maxTotalBytes} bytes`);
    makeDir(dirname(target));
    const readable =
      (entry.compressionMethod === STORED || entry.compressionMethod === DEFLATE) &&
      (entry.generalPurposeBitFlag & 1) === 0;
    if (readable && entry.uncompressedSize <= SMALL_ENTRY_BYTES && entry.compressedSize <= SMALL_ENTRY_BYTES) {
      writeFileSync(target, smallEntryBytes(fd, entry, where), { flag: 'wx' });
      return;
    }
    const out = createWriteStream(target, { flags: 'wx', highWaterMark: PIECE_BYTES });
    if (readable) {
      const raw = Readable.from(rawPieces(fd, entry, where), { objectMode: false });
      const exact = exactSize(entry.uncompressedSize, where);
      if (entry.compressionMethod === STORED) await pipeline(raw, exact, out);
      else await pipeline(raw, createInflateRaw({ chunkSize: PIECE_BYTES }), exact, out);
      return;
    }
    // Anything else goes through yauzl, which refuses what it cannot read.
    const stream = await new Promise<NodeJS.ReadableStream>((ok, fail) =>
      zip.openReadStream(entry, (err, s) => (err ? fail(err) : ok(s!))),
    );
    // yauzl's validateEntrySizes already stops lying headers; this guard bounds the bytes we write regardless.
    await pipeline(stream, byteLimit(limits.maxFileBytes, where), out);
  }
}

/** Where an entry's stored bytes start: after its local header, whose name and extra field may differ. */
function dataStart(fd: number, entry: yauzl.Entry, where: string): number {
  const header = Buffer.alloc(LOCAL_HEADER_BYTES);
  readExactly(fd, header, entry.relativeOffsetOfLocalHeader, where);
  if (header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) throw new InputError(`${where}: invalid local file header`);
  return entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** A large entry's stored bytes, piece by piece. */
function* rawPieces(fd: number, entry: yauzl.Entry, where: string): Generator<Buffer> {
  let at = dataStart(fd, entry, where);
  for (let left = entry.compressedSize; left > 0;) {
    const piece = Buffer.allocUnsafe(Math.min(PIECE_BYTES, left));
    readExactly(fd, piece, at, where);
    at += piece.length;
    left -= piece.length;
    yield piece;
  }
}

/** Stops at the first byte past the declared size, and refuses an entry that ends short of it. */
function exactSize(declared: number, where: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > declared)
        done(new InputError(`${where}: inflates to more than ${declared} bytes, the size its header declares`));
      else done(null, chunk);
    },
    flush(done: TransformCallback) {
      if (seen !== declared)
        done(
          new InputError(`${where}: inflates to ${seen} bytes, expected ${declared} (the size its header declares)`),
        );
      else done();
    },
  });
}

/**
 * A small entry's bytes, read straight from its local header on: inflated with the declared size as the cap,
 * and refused unless it comes out at exactly the declared size (as yauzl's validateEntrySizes does).
 */
function smallEntryBytes(fd: number, entry: yauzl.Entry, where: string): Buffer {
  const raw = Buffer.alloc(entry.compressedSize);
  readExactly(fd, raw, dataStart(fd, entry, where), where);
  let data: Buffer;
  if (entry.compressionMethod === STORED) data = raw;
  else {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(
        code === 'ERR_BUFFER_TOO_LARGE'
          ? `${where}: inflates to more than ${entry.uncompressedSize} bytes, the size its header declares`
          : `${where}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (data.length !== entry.uncompressedSize)
    throw new InputError(
      `${where}: inflates to ${data.length} bytes, expected ${entry.uncompressedSize} (the size its header declares)`,
    );
  return data;
}

function readExactly(fd: number, into: Buffer, position: number, where: string): void {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new InputError(`${where}: the archive ends inside this entry`);
    done += n;
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
