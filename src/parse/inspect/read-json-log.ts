// A `.json` log: one EvalLog object with the samples inline. JSON has no random access, so the file is
// read and parsed whole (up to MAX_JSON_LOG_BYTES); only the verdict fields of each sample are kept.

import type { ResultsSource } from '../../ingest/source.js';
import { describeError, parseLogJson, type InspectLog, type LogWarn, type SampleRecord } from './log-record.js';
import { headerFacts, sampleRecord } from './to-records.js';

/** Near V8's longest string: a larger log cannot be parsed as one text anyway. */
export const MAX_JSON_LOG_BYTES = 512 * 1024 * 1024;

export async function readJsonLog(source: ResultsSource, file: string, warn: LogWarn): Promise<InspectLog | null> {
  let raw: unknown;
  try {
    const text = await source.readText(file, MAX_JSON_LOG_BYTES);
    if (text === null) return null;
    raw = parseLogJson(text, file);
  } catch (error) {
    warn(null, '', `${describeError(error, file)}; skipped`);
    return null;
  }
  const top = (path: string, message: string) => warn(null, path, message);
  const facts = headerFacts(raw, top);
  if (!facts) return null;
  const list = (raw as { samples?: unknown }).samples;
  const samples: SampleRecord[] = [];
  if (Array.isArray(list)) {
    list.forEach((item, index) => {
      const record = sampleRecord(item, null, `samples[${index}]`, top);
      if (record) samples.push(record);
    });
  } else if (list !== undefined && list !== null) top('samples', 'expected a list; ignored');
  return { file, format: 'json', headerMember: null, ...facts, samples };
}
