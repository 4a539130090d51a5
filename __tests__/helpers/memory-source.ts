import { openArchiveBuffer, type ArchiveReader } from '../../src/ingest/archive.js';
import type { ResultsSource, SourceEntry } from '../../src/ingest/source.js';

/** A results folder held in memory: path -> text (or bytes, for archives). Folders are implied by the paths. */
export class MemorySource implements ResultsSource {
  constructor(
    private readonly files: Record<string, string | Buffer>,
    readonly label = 'memory',
  ) {}

  async list(dir: string): Promise<SourceEntry[]> {
    const prefix = dir === '' ? '' : `${dir}/`;
    const entries = new Map<string, boolean>();
    for (const path of Object.keys(this.files)) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const [head, ...tail] = rest.split('/');
      if (head) entries.set(head, tail.length > 0 || entries.get(head) === true);
    }
    return [...entries.entries()]
      .map(([name, isDirectory]) => ({ name, isDirectory }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async readText(file: string): Promise<string | null> {
    const content = this.files[file];
    return content === undefined ? null : content.toString();
  }

  async archive(file: string): Promise<ArchiveReader> {
    const content = this.files[file];
    if (content === undefined) throw new Error(`${file}: missing`);
    return openArchiveBuffer(Buffer.from(content), file);
  }

  /** Small pieces, so lines straddle chunk boundaries as they do on disk. */
  async *chunks(file: string): AsyncIterable<Buffer> {
    const text = this.files[file];
    if (text === undefined) throw new Error(`${file}: missing`);
    yield* bytesInPieces(Buffer.from(text), 4096);
  }
}

export function* bytesInPieces(bytes: Buffer, size: number): Iterable<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
