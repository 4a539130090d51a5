// An `.eval` log (a zip, read member by member through source.archive, never extracted). header.json and
// summaries.json are written only when a run ends; a crashed run (status started) leaves `_journal/start.json`,
// `_journal/summaries/<n>.json` and the sample members it flushed. Sample members are opened only when the
// summary lacks what a verdict needs: an error's traceback, the retried errors, or (old logs) the usage.

import type { ArchiveReader } from '../../ingest/archive.js';
import type { ResultsSource } from '../../ingest/source.js';
import { mapLimit } from '../../util/map-limit.js';
import { describeError, parseLogJson, type InspectLog, type LogWarn, type SampleRecord } from './log-record.js';
import { headerFacts, sampleRecord, summaryRecord, withDetails, type HeaderFacts } from './to-records.js';

/** Per member: a summaries.json of 10,000 samples is a few MB; a sample with its events rarely 64 MB. */
export const MAX_MEMBER_BYTES = 64 * 1024 * 1024;

/** Members inflated at once: reads of one archive overlap, bounded so memory stays flat. */
const MEMBER_CONCURRENCY = 8;

const HEADER = 'header.json';
const START = '_journal/start.json';
const SUMMARIES = 'summaries.json';
const JOURNAL_SUMMARY = /^_journal\/summaries\/(\d+)\.json$/;
/** `samples/<id>_epoch_<n>.json`; never the chunked sub-paths under `…_epoch_<n>/`. */
const SAMPLE_MEMBER = /^samples\/(?!.*_epoch_\d+\/).+\.json$/;

export async function readEvalLog(source: ResultsSource, file: string, warn: LogWarn): Promise<InspectLog | null> {
  let archive: ArchiveReader;
  try {
    archive = await source.archive(file);
  } catch (error) {
    warn(null, '', `${describeError(error, file)}; skipped`);
    return null;
  }
  try {
    return await readArchive(archive, file, warn);
  } finally {
    archive.close();
  }
}

async function readArchive(archive: ArchiveReader, file: string, warn: LogWarn): Promise<InspectLog | null> {
  const names = new Set(archive.members.map((m) => m.name));
  const declared = new Map(archive.members.map((m) => [m.name, m.size]));
  const readJson: ReadJson = async (member, warnAt = warn) => {
    try {
      const bytes = await archive.read(member, MAX_MEMBER_BYTES);
      if (bytes === null) return undefined;
      // A decoder that stops early (Node 24's zstd after the first of several frames) must not pass unseen.
      const size = declared.get(member);
      if (size !== undefined && bytes.length !== size) {
        warnAt(member, '', `decoded to ${bytes.length} of the ${size} bytes the archive declares; skipped`);
        return undefined;
      }
      return parseLogJson(bytes.toString('utf8'), member);
    } catch (error) {
      warnAt(member, '', `${describeError(error, member)}; skipped`);
      return undefined;
    }
  };
  const memberWarn = (member: string) => (path: string, message: string) => warn(member, path, message);

  let facts: HeaderFacts | null = null;
  let headerMember: string | null = null;
  if (names.has(HEADER)) {
    const raw = await readJson(HEADER);
    if (raw !== undefined) facts = headerFacts(raw, memberWarn(HEADER));
    headerMember = facts ? HEADER : null;
  }
  if (!facts && names.has(START)) {
    // No header.json: the run never finished writing (crashed, killed, or still running).
    const raw = await readJson(START);
    if (raw !== undefined) facts = headerFacts(raw, memberWarn(START), 'started');
    headerMember = facts ? START : null;
  }
  if (!facts) {
    warn(null, '', `neither ${HEADER} nor ${START} could be read: not an Inspect log; skipped`);
    return null;
  }

  const summaries = await readSummaries(names, readJson, warn);
  const covered = new Set(summaries.map((s) => sampleMember(s.id, s.epoch)));
  const needed = summaries.map((s) => {
    const member = sampleMember(s.id, s.epoch);
    const needsDetails = s.error !== null || s.errorRetries.length > 0 || s.usage.tokens === null;
    return needsDetails && names.has(member) ? member : null;
  });
  const details = await readSamples(needed, readJson, warn);
  const samples = summaries.map((summary, i) => (details[i] ? withDetails(summary, details[i]) : summary));
  // Samples flushed without a summary (a crash between the two writes), or a log without summaries.
  const uncovered = archive.members.map((m) => m.name).filter((n) => SAMPLE_MEMBER.test(n) && !covered.has(n));
  for (const record of await readSamples(uncovered, readJson, warn)) {
    if (record && !covered.has(sampleMember(record.id, record.epoch))) samples.push(record);
  }
  return { file, format: 'eval', headerMember, ...facts, samples };
}

type ReadJson = (member: string, warnAt?: LogWarn) => Promise<unknown>;

/** Sample members, read a few at a time (each is an inflate of its own); warnings kept in member order. */
async function readSamples(
  members: readonly (string | null)[],
  readJson: ReadJson,
  warn: LogWarn,
): Promise<(SampleRecord | null)[]> {
  const read = await mapLimit(members, MEMBER_CONCURRENCY, async (member) => {
    const warnings: Parameters<LogWarn>[] = [];
    if (member === null) return { record: null, warnings };
    const collect: LogWarn = (...args) => warnings.push(args);
    const raw = await readJson(member, collect);
    const record =
      raw === undefined ? null : sampleRecord(raw, member, '', (path, message) => collect(member, path, message));
    return { record, warnings };
  });
  for (const { warnings } of read) for (const args of warnings) warn(...args);
  return read.map((r) => r.record);
}

async function readSummaries(names: Set<string>, readJson: ReadJson, warn: LogWarn): Promise<SampleRecord[]> {
  const journal = [...names]
    .filter((n) => JOURNAL_SUMMARY.test(n))
    .sort((a, b) => Number(JOURNAL_SUMMARY.exec(a)![1]) - Number(JOURNAL_SUMMARY.exec(b)![1]));
  const lists: { member: string; rows: unknown[] }[] = [];
  const readList = async (member: string) => {
    const raw = await readJson(member);
    if (raw !== undefined && !Array.isArray(raw)) warn(member, '', 'expected a list of sample summaries; skipped');
    if (Array.isArray(raw)) lists.push({ member, rows: raw });
    return Array.isArray(raw);
  };
  // summaries.json is the journal consolidated at the end; the journal is the fallback when it is unusable.
  if (!names.has(SUMMARIES) || !(await readList(SUMMARIES))) for (const member of journal) await readList(member);

  // Last row per (id, epoch) wins: a requeued sample's re-run is journalled after the attempt it replaces.
  const byKey = new Map<string, SampleRecord>();
  for (const { member, rows } of lists) {
    rows.forEach((item, index) => {
      const record = summaryRecord(item, member, `[${index}]`, (path, message) => warn(member, path, message));
      if (!record) return;
      const key = sampleMember(record.id, record.epoch);
      byKey.delete(key);
      byKey.set(key, record);
    });
  }
  return [...byKey.values()];
}

/** Inspect's own member name for a sample (`_sample_filename`): `samples/{id}_epoch_{epoch}.json`. */
export function sampleMember(id: string | number, epoch: number): string {
  return `samples/${id}_epoch_${epoch}.json`;
}
