// Splits a byte stream into lines and decodes only the ones a caller may care about. Creating a string for
// every line is what makes gigabyte logs slow; most body lines are INFO chatter that no rule looks at.
// A line is decoded when the caller asks for every line (`all`), when its first byte is in `firstBytes`,
// when it is a log line at ERROR/CRITICAL/WARNING level, or when it contains one of `anchors`.

export interface ScanOptions {
  firstBytes: string;
  anchors: string[];
  /** Set by the caller after each line it receives: its state only changes on the lines it is given. */
  all: boolean;
}

const NL = 0x0a;
const CR = 0x0d;

/**
 * The lines of each chunk, as a synchronous iterable to be used up before the next chunk is asked for (the
 * chunk's memory may be refilled). A line per `for await` round cost a few promises and a microtask turn each:
 * a quarter of the time a gigabyte of logs took to parse.
 */
export async function* scanLines(
  chunks: AsyncIterable<Buffer>,
  options: ScanOptions,
): AsyncIterable<Iterable<[number, string]>> {
  const first = new Uint8Array(256);
  for (const c of options.firstBytes) first[c.charCodeAt(0)] = 1;
  const anchors = options.anchors.map((a) => Buffer.from(a));
  const state = { lineNo: 0 };
  let carry: Buffer | null = null;
  // Pieces of one very long line wait here until its newline arrives, so they are joined once, not per piece.
  let pending: Buffer[] = [];
  for await (const piece of chunks) {
    const firstNl = piece.indexOf(NL);
    if (firstNl === -1) {
      pending.push(Buffer.from(piece));
      continue;
    }
    // The line that straddles chunks is joined on its own; the rest of the chunk is scanned in place.
    let head: Buffer | null = null;
    if (carry || pending.length > 0) {
      head = Buffer.concat([...(carry ? [carry] : []), ...pending, piece.subarray(0, firstNl + 1)]);
      pending = [];
      carry = null;
    }
    yield chunkLines(head, piece, head ? firstNl + 1 : 0, state, first, anchors, options);
    const lastNl = piece.lastIndexOf(NL);
    // Copied: the source may refill the chunk's memory with the next one.
    if (lastNl + 1 < piece.length) carry = Buffer.from(piece.subarray(lastNl + 1));
  }
  if (pending.length > 0) carry = carry ? Buffer.concat([carry, ...pending]) : Buffer.concat(pending);
  if (carry && carry.length > 0) {
    const end = carry[carry.length - 1] === CR ? carry.length - 1 : carry.length;
    yield [[++state.lineNo, carry.toString('utf8', 0, end)]];
  }
}

function* chunkLines(
  head: Buffer | null,
  piece: Buffer,
  start: number,
  state: { lineNo: number },
  first: Uint8Array,
  anchors: Buffer[],
  options: ScanOptions,
): Generator<[number, string]> {
  if (head) state.lineNo = yield* scanBuffer(head, 0, state.lineNo, first, anchors, options);
  state.lineNo = yield* scanBuffer(piece, start, state.lineNo, first, anchors, options);
}

/** Yields the interesting complete lines of `buf` from `from`; returns the new line count. */
function* scanBuffer(
  buf: Buffer,
  from: number,
  lineNo: number,
  first: Uint8Array,
  anchors: Buffer[],
  options: ScanOptions,
): Generator<[number, string], number> {
  // Every anchor occurrence in one sorted list, walked with a single cursor alongside the lines.
  const hits = anchors.flatMap((a) => positions(buf, a, from)).sort((x, y) => x - y);
  let h = 0;
  let start = from;
  for (;;) {
    const nl = buf.indexOf(NL, start);
    if (nl === -1) return lineNo;
    lineNo++;
    const end = nl > start && buf[nl - 1] === CR ? nl - 1 : nl;
    while (h < hits.length && hits[h]! < start) h++;
    if ((h < hits.length && hits[h]! < end) || options.all || interesting(buf, start, end, first)) {
      yield [lineNo, buf.toString('utf8', start, end)];
    }
    start = nl + 1;
  }
}

function interesting(buf: Buffer, start: number, end: number, first: Uint8Array): boolean {
  if (start === end) return false;
  const b = buf[start]!;
  if (first[b] === 1) return true;
  // `2026-02-14 06:01:53 [ERROR] …`: the level sits at a fixed offset (or after milliseconds).
  if (b >= 0x30 && b <= 0x39 && end - start > 24) {
    const at = buf[start + 20] === 0x5b ? start + 21 : buf[start + 24] === 0x5b ? start + 25 : -1;
    if (at > 0) {
      const level = buf[at];
      return level === 0x45 /* E */ || level === 0x43 /* C */ || level === 0x57; /* W */
    }
  }
  return false;
}

/**
 * Node searches a needle of 7 bytes or more with Boyer-Moore-Horspool, which crawls over log text full of the
 * needle's letters (`verloaded`: a third of the speed), and a shorter one by jumping to its first byte with
 * memchr. So a long needle is found by its first PROBE bytes, the rest checked where they match.
 */
const PROBE = 6;

function positions(buf: Buffer, needle: Buffer, from: number): number[] {
  const out: number[] = [];
  const probe = needle.length > PROBE ? needle.subarray(0, PROBE) : needle;
  let at = buf.indexOf(probe, from);
  while (at !== -1) {
    const whole =
      probe === needle ||
      (at + needle.length <= buf.length &&
        buf.compare(needle, PROBE, needle.length, at + PROBE, at + needle.length) === 0);
    if (whole) out.push(at);
    at = buf.indexOf(probe, whole ? at + needle.length : at + 1);
  }
  return out;
}
