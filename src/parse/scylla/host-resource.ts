// The runner's preflight check (since May 2026) refuses to start a test when the host is short of memory or
// disk, with one of four texts, several joined with "; ". The harness is fine and so is the model: the host
// is the problem, so these are infrastructure, one root cause per resource whatever the numbers.

export type HostResource = 'memory' | 'disk';

const PATTERNS: readonly [HostResource, RegExp][] = [
  // CRITICAL: only 300MB RAM available (threshold 512MB)
  ['memory', /\bCRITICAL: only [\d.]+ ?[KMGT]?B RAM available\b/],
  // Low memory warning: only 300MB available. Consider reducing --threads or --max-concurrent-agents.
  ['memory', /\bLow memory warning: only [\d.]+ ?[KMGT]?B available\b/],
  // CRITICAL: only 2.1GB disk free (threshold 5GB)
  ['disk', /\bCRITICAL: only [\d.]+ ?[KMGT]?B disk free\b/],
  // Low disk warning: only 2.1GB free. Consider cleaning up old experiment workspaces.
  ['disk', /\bLow disk warning: only [\d.]+ ?[KMGT]?B free\b/],
];

/** The resources a text says the host was short of, in a fixed order; [] when it is no preflight abort. */
export function hostResourceKinds(text: string | null | undefined): HostResource[] {
  if (!text || !(text.includes('CRITICAL: only') || text.includes(' warning: only'))) return [];
  const found = new Set(PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind));
  return (['memory', 'disk'] as const).filter((kind) => found.has(kind));
}

/** The clustering key of a preflight abort: the resources only, so the numbers never split a root cause. */
export function hostResourceSignature(kinds: readonly HostResource[]): string {
  return `host short of ${kinds.join(' and ')} (the runner's preflight check refused to start the test)`;
}
