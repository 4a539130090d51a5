// Types for scripts/bundle-lib.mjs, used by the tests.
import type { BuildOptions, Metafile } from 'esbuild';

export const ROOT: string;
export const ENTRY_POINTS: Record<string, string>;
export const COMMONJS_ENTRY_POINTS: Record<string, string>;
export const DIST_FILES: string[];
export function bundleOptions(outdir: string): BuildOptions & { metafile: true };
export function commonJsBundleOptions(outdir: string): BuildOptions & { metafile: true };
export function assertAscii(file: string): void;
export function buildBundles(outdir: string, overrides?: BuildOptions): Promise<Metafile>;
export const ALLOWED_LICENSES: Set<string>;

export interface ReviewedPackage {
  /** Replaces a missing or non-SPDX licence field. */
  license?: string;
  /** Copyright holder for the standard MIT text. */
  mit?: string;
  /** README heading whose section holds the licence. */
  readme?: string;
  evidence: string;
}
export const REVIEWED_WITHOUT_LICENSE_FILE: Record<string, ReviewedPackage>;

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  bundles: string[];
  source: string;
  texts: { name: string; text: string }[];
}

export function packageDirOf(input: string): string | undefined;
export function licenseAllowed(expression: string, allowed?: Set<string>): boolean;
export function collectLicenses(
  metafile: Metafile,
  options?: { cwd?: string; reviewed?: Record<string, ReviewedPackage>; allowed?: Set<string> },
): BundledPackage[];
export function renderLicenses(packages: BundledPackage[]): string;
