// Reads members of a zip that is itself a result file (Inspect's `.eval`) without extracting it: the same
// limits as extractZip (entry count, bytes per member, bytes in all), names that could climb out refused, every
// member streamed through a byte cap so a bomb stops at the cap. Stored, deflate and zstd members (ZIP method
// 93, which Inspect writes since April 2026; possibly several frames) are read on every supported Node: the
// runtime's zstd where it has one, the pure-JS fzstd otherwise.

import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

import { Decompress as ZstdStream } from 'fzstd';
import yauzl from 'yauzl';

import { InputError } from '../errors.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-limits.js';

export interface ArchiveMember {
  name: string;
  /** Declared uncompressed size. */
  size: number;
}

export interface ArchiveReader {
  /** Members in archive order; a name written twice (a re-logged sample) keeps its last entry only. */
  readonly members: readonly ArchiveMember[];
  /** A member's bytes, or null when there is no such member. Throws InputError over `maxBytes`. */
  read(name: string, maxBytes: number): Promise<Buffer | null>;
  close(): void;
}

/** yauzl 3's raw read (its types are older): the member's bytes as stored, for any compression method. */
const RAW = { decodeFileData: false } as unknown as yauzl.ZipFileOptions;

const STORED = 0;
const DEFLATE = 8;
const ZSTD = 93;

const OPEN_OPTIONS = { lazyEntries: true, autoClose: false, strictFileNames: true } as const;

export async function openArchive(path: string, label: string, limits?: ZipLimits): Promise<ArchiveReader> {
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) =>
    yauzl.open(path, OPEN_OPTIONS, (err, z) =>
      err ? fail(new InputError(`${label}: not a readable zip archive (${err.message})`)) : ok(z!),
    ),
  );
  return readerFor(zip, label, limits);
}

/** The same over bytes held in memory (tests, and archives found inside archives). */
export async function openArchiveBuffer(bytes: Buffer, label: string, limits?: ZipLimits): Promise<ArchiveReader> {
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) =>
    yauzl.fromBuffer(bytes, OPEN_OPTIONS, (err, z) =>
      err ? fail(new InputError(`${label}: not a readable zip archive (${err.message})`)) : ok(z!),
    ),
  );
  return readerFor(zip, label, limits);
}

async function readerFor(
  zip: yauzl.ZipFile,
  label: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ArchiveReader> {
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new InputError(`${label}: ${zip.entryCount} entries is over the limit of ${limits.maxEntries}`);
  }
  const byName = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((ok, fail) => {
      zip.on('error', fail);
      zip.on('end', ok);
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        // Nothing is written to disk, but a name that could climb out is no result member either.
        if (!name.endsWith('/') && !name.startsWith('/') && !name.split('/').includes('..')) {
          byName.delete(name);
          byName.set(name, entry);
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw new InputError(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let total = 0;
  return {
    members: [...byName.values()].map((e) => ({ name: e.fileName, size: e.uncompressedSize })),
    async read(name, maxBytes) {
      const entry = byName.get(name);
      if (!entry) return null;
      const where = `${label}: ${name}`;
      const cap = Math.min(maxBytes, limits.maxFileBytes);
      if (entry.uncompressedSize > cap)
        throw new InputError(`${where}: ${entry.uncompressedSize} bytes is over the limit of ${cap}`);
      const method = entry.compressionMethod;
      if (method !== STORED && method !== DEFLATE && method !== ZSTD)
        throw new InputError(`${where}: compression method ${method} is not supported`);
      const raw = await new Promise<Readable>((ok, fail) =>
        zip.openReadStream(entry, RAW, (err, s) => (err ? fail(err) : ok(s!))),
      );
      const bytes = await decode(raw, method, cap, where);
      total += bytes.length;
      if (total > limits.maxTotalBytes)
        throw new InputError(`${label}: more than ${limits.maxTotalBytes} bytes read from the archive`);
      return bytes;
    },
    close: () => zip.close(),
  };
}

async function decode(raw: Readable, method: number, cap: number, where: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  const keep = (chunk: Uint8Array) => {
    size += chunk.length;
    if (size > cap) throw new InputError(`${where}: more than ${cap} bytes when inflated`);
    parts.push(Buffer.from(chunk));
  };
  if (method === ZSTD) {
    // fzstd decodes frame after frame as bytes arrive; the cap stops a bomb between two pushes.
    const stream = new ZstdStream((chunk) => keep(chunk));
    for await (const chunk of raw) stream.push(chunk as Uint8Array);
    stream.push(new Uint8Array(0), true);
    return Buffer.concat(parts);
  }
  const decoder = method === DEFLATE ? zlib.createInflateRaw() : null;
  const source = decoder ? raw.pipe(decoder) : raw;
  raw.on('error', (error) => decoder?.destroy(error));
  try {
    for await (const chunk of source) keep(chunk as Buffer);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    raw.destroy();
    decoder?.destroy();
  }
  return Buffer.concat(parts);
}
