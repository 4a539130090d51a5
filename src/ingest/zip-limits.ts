// The limits an untrusted zip is read under (zip.ts extracts an artifact; archive.ts reads an Inspect .eval).
// Apart from both, which are loaded only when a zip is met.

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
