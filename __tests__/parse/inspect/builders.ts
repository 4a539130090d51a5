// Inspect logs made in the tests: EvalLog JSON as inspect_ai writes it (null fields dropped, samples inline
// for .json), and `.eval` zips with the members Inspect writes, stored, deflated or zstd-compressed (ZIP method
// 93). The zstd frames are written here with raw blocks (RFC 8878 §3.1.1.2), one or several per member, so no
// zstd tool is needed; the committed fixtures under __tests__/fixtures/inspect/made/ hold real compressed frames.

import { deflateRawSync } from 'node:zlib';

export type ScoreValue = string | number | boolean | unknown[] | Record<string, unknown>;

export interface ErrorSpec {
  message: string;
  traceback?: string;
}

export interface SampleSpec {
  id: number | string;
  epoch?: number;
  /** One scorer `match` with this value, or several scorers by name; omitted: no scores. */
  score?: ScoreValue;
  scores?: Record<string, ScoreValue>;
  error?: string | ErrorSpec;
  retries?: (string | ErrorSpec)[];
  limit?: { type: string; limit?: number };
  /** Tokens (default 100) and dollars (default: none, as Inspect without prices); null: no usage at all. */
  usage?: { tokens?: number; cost?: number; model?: string } | null;
  startedAt?: string;
  totalTime?: number;
  /** Any other fields, written as they are (to break the schema on purpose). */
  extra?: Record<string, unknown>;
}

export interface LogSpec {
  task?: string;
  taskId?: string;
  model?: string;
  created?: string;
  status?: 'started' | 'success' | 'cancelled' | 'error';
  epochs?: number;
  /** eval.dataset.sample_ids; default: the ids of `samples`; null leaves the field out. */
  sampleIds?: (number | string)[] | null;
  error?: ErrorSpec;
  taskArgs?: Record<string, unknown>;
  modelRoles?: Record<string, { model: string }>;
  samples: SampleSpec[];
}

const MODEL = 'anthropic/claude-sonnet-4-5';

export function traceback(exception: string): string {
  return [
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.12/site-packages/inspect_ai/_eval/task/run.py", line 2031, in run',
    '    state = await plan(state, generate)',
    '            ^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    exception,
    '',
  ].join('\n');
}

function errorObject(error: string | ErrorSpec) {
  const spec = typeof error === 'string' ? { message: error } : error;
  const tb = spec.traceback ?? traceback(spec.message);
  return { message: spec.message, traceback: tb, traceback_ansi: tb };
}

function usageOf(sample: SampleSpec, model: string) {
  if (sample.usage === null) return {};
  const tokens = sample.usage?.tokens ?? 100;
  return {
    [sample.usage?.model ?? model]: {
      input_tokens: Math.floor(tokens * 0.9),
      output_tokens: tokens - Math.floor(tokens * 0.9),
      total_tokens: tokens,
      input_tokens_cache_write: 0,
      input_tokens_cache_read: 0,
      ...(sample.usage?.cost !== undefined ? { total_cost: sample.usage.cost } : {}),
    },
  };
}

function scoresOf(sample: SampleSpec) {
  const values = sample.scores ?? (sample.score !== undefined ? { match: sample.score } : {});
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      { value, answer: 'an answer', explanation: 'why', history: [] },
    ]),
  );
}

/** One EvalSample as Inspect dumps it (null fields absent). */
export function sampleJson(sample: SampleSpec, model = MODEL): Record<string, unknown> {
  return {
    id: sample.id,
    epoch: sample.epoch ?? 1,
    input: `Input of sample ${sample.id}`,
    target: 'the target',
    messages: [{ role: 'user', content: `Input of sample ${sample.id}` }],
    output: { model, choices: [], completion: '' },
    scores: scoresOf(sample),
    metadata: {},
    store: {},
    events: [{ event: 'sample_init', timestamp: sample.startedAt ?? '2026-08-20T14:03:05+00:00' }],
    model_usage: usageOf(sample, model),
    role_usage: {},
    started_at: sample.startedAt ?? '2026-08-20T14:03:05.000000+00:00',
    completed_at: '2026-08-20T14:03:46.000000+00:00',
    total_time: sample.totalTime ?? 41.1,
    working_time: 40.9,
    uuid: `uuid-${sample.id}-${sample.epoch ?? 1}`,
    ...(sample.error !== undefined ? { error: errorObject(sample.error) } : {}),
    error_retries: (sample.retries ?? []).map((r) => ({ ...errorObject(r), events: [] })),
    ...(sample.limit ? { limit: { type: sample.limit.type, limit: sample.limit.limit ?? 1000 } } : {}),
    attachments: {},
    ...sample.extra,
  };
}

/** EvalSample.summary(): error and limit flattened to strings, retries counted, no events or messages. */
export function summaryJson(sample: Record<string, unknown>): Record<string, unknown> {
  const {
    messages: _m,
    events: _e,
    output: _o,
    store: _s,
    attachments: _a,
    error,
    error_retries,
    limit,
    ...rest
  } = sample;
  return {
    ...rest,
    ...(error ? { error: (error as { message: string }).message } : {}),
    ...(limit ? { limit: (limit as { type: string }).type } : {}),
    retries: Array.isArray(error_retries) ? error_retries.length : 0,
    completed: true,
    message_count: 2,
  };
}

function headerJson(spec: LogSpec, withSamples: boolean) {
  const model = spec.model ?? MODEL;
  const sampleIds =
    spec.sampleIds === null ? undefined : (spec.sampleIds ?? [...new Set(spec.samples.map((s) => s.id))]);
  const status = spec.status ?? 'success';
  const samples = spec.samples.map((s) => sampleJson(s, model));
  return {
    version: 2,
    status,
    eval: {
      eval_id: `eval-${spec.taskId ?? 'T1'}`,
      run_id: 'run-1',
      created: spec.created ?? '2026-08-20T14:03:07+00:00',
      task: spec.task ?? 'ctf_lite',
      task_id: spec.taskId ?? 'ZemHoVhkVXirrSeb6Uqtjo',
      task_version: 0,
      task_file: 'ctf_lite.py',
      task_attribs: {},
      task_args: spec.taskArgs ?? {},
      dataset: {
        name: 'ctf_lite',
        location: 'ctf_lite/challenges.jsonl',
        samples: sampleIds?.length ?? spec.samples.length,
        ...(sampleIds ? { sample_ids: sampleIds } : {}),
        shuffled: false,
      },
      model,
      model_args: {},
      ...(spec.modelRoles ? { model_roles: spec.modelRoles } : {}),
      config: { epochs: spec.epochs ?? 1, epochs_reducer: ['mean'], fail_on_error: false },
      packages: { inspect_ai: '0.3.260' },
    },
    plan: { name: 'plan', steps: [{ solver: 'generate', params: {} }], config: {} },
    ...(status !== 'started'
      ? {
          results: { total_samples: samples.length, completed_samples: samples.length, scores: [] },
          stats: {
            started_at: spec.created ?? '2026-08-20T14:03:07+00:00',
            completed_at: '2026-08-20T14:06:43+00:00',
            model_usage: {},
          },
        }
      : { stats: { started_at: spec.created ?? '2026-08-20T14:03:07+00:00', completed_at: '', model_usage: {} } }),
    ...(spec.error ? { error: errorObject(spec.error) } : {}),
    invalidated: false,
    tags: [],
    metadata: {},
    ...(withSamples ? { samples } : {}),
  };
}

/** A `.json` log: the whole EvalLog with samples inline, indented as Inspect writes it. */
export function jsonLog(spec: LogSpec): string {
  return JSON.stringify(headerJson(spec, true), null, 2);
}

export type Method = 'stored' | 'deflate' | 'zstd';

export interface EvalOptions {
  method?: Method;
  /** zstd: split each member into frames of this many bytes. */
  frameBytes?: number;
  /** A crashed run: no header.json, summaries.json or reductions.json; only the journal and flushed samples. */
  crashed?: boolean;
  /** Journal summaries in batches of this many samples (default 2). */
  journalBatch?: number;
  /** Members added after Inspect's own, in order (duplicates are kept: last entry wins). */
  extra?: ZipMember[];
  /** Replace a member's content (to break it on purpose). */
  replace?: Record<string, string | Buffer>;
  /** Leave members out. */
  omit?: string[];
  /** Summaries as Inspect wrote them before they carried model_usage. */
  summariesWithoutUsage?: boolean;
  /** Members whose header lies about their size. */
  declare?: Record<string, number>;
}

/** An `.eval` zip with Inspect's members in Inspect's order. */
export function evalLog(spec: LogSpec, options: EvalOptions = {}): Buffer {
  const header = headerJson(spec, false);
  const model = spec.model ?? MODEL;
  const samples = spec.samples.map((s) => sampleJson(s, model));
  const summarise = (sample: Record<string, unknown>) => {
    const { model_usage: _u, ...summary } = summaryJson(sample);
    return options.summariesWithoutUsage ? summary : { ...summary, model_usage: sample.model_usage };
  };
  const members: ZipMember[] = [];
  const add = (name: string, value: unknown) => members.push({ name, data: JSON.stringify(value) });
  // _journal/start.json: what is known when a run starts (version, eval, plan).
  add('_journal/start.json', { version: header.version, eval: header.eval, plan: header.plan });
  const batch = options.journalBatch ?? 2;
  for (let i = 0; i < samples.length; i += batch) {
    const chunk = samples.slice(i, i + batch);
    for (const sample of chunk) add(`samples/${String(sample.id)}_epoch_${String(sample.epoch)}.json`, sample);
    add(`_journal/summaries/${i / batch + 1}.json`, chunk.map(summarise));
  }
  if (!options.crashed) {
    add('summaries.json', samples.map(summarise));
    add('reductions.json', []);
    add('header.json', header);
  }
  const kept = members
    .filter((m) => !options.omit?.includes(m.name))
    .map((m) => (options.replace?.[m.name] !== undefined ? { ...m, data: options.replace[m.name]! } : m))
    .map((m) => (options.declare?.[m.name] !== undefined ? { ...m, declaredSize: options.declare[m.name]! } : m));
  return zip([...kept, ...(options.extra ?? [])], options.method ?? 'deflate', options.frameBytes);
}

export interface ZipMember {
  name: string;
  data: string | Buffer;
  method?: Method;
  /** A lying header: the uncompressed size the zip declares. */
  declaredSize?: number;
}

/** A zip written byte by byte: any method, duplicate names kept in order (as Python's zipfile writes them). */
export function zip(members: ZipMember[], method: Method = 'deflate', frameBytes?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name);
    const data = Buffer.isBuffer(member.data) ? member.data : Buffer.from(member.data);
    const how = member.method ?? method;
    const code = how === 'stored' ? 0 : how === 'deflate' ? 8 : 93;
    const body = how === 'stored' ? data : how === 'deflate' ? deflateRawSync(data) : zstdFrames(data, frameBytes);
    const version = how === 'zstd' ? 63 : 20;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(code, 8);
    local.writeUInt16LE(0x5a21, 12); // 2025-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(member.declaredSize ?? data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | version, 4);
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(code, 10);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(member.declaredSize ?? data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAX_BLOCK = 128 * 1024;

/**
 * zstd frames holding the data in raw (stored) blocks: valid input for every zstd decoder. No content size and
 * no checksum, like Inspect's writer; a new frame every `frameBytes` of input (default: one frame).
 */
export function zstdFrames(data: Buffer, frameBytes = Infinity): Buffer {
  const frames: Buffer[] = [];
  for (let start = 0; start < data.length || frames.length === 0; start += frameBytes) {
    const chunk = data.subarray(start, Math.min(data.length, start + frameBytes));
    const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3]); // magic; no FCS/checksum; 128 KiB window
    const blocks: Buffer[] = [];
    for (let at = 0; at < chunk.length || blocks.length === 0; at += MAX_BLOCK) {
      const piece = chunk.subarray(at, Math.min(chunk.length, at + MAX_BLOCK));
      const last = at + MAX_BLOCK >= chunk.length ? 1 : 0;
      const word = last | (0 << 1) | (piece.length << 3);
      blocks.push(Buffer.from([word & 0xff, (word >> 8) & 0xff, (word >> 16) & 0xff]), piece);
    }
    frames.push(header, ...blocks);
    if (chunk.length === 0) break;
  }
  return Buffer.concat(frames);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
