// Numbers as people read them. Null means "not known" and shows as an em dash, never as zero.

export const NONE = '—';

export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  // Under a cent (one promptfoo call costs $0.0012), two decimals would say it cost nothing.
  if (value !== 0 && Math.abs(value) < 0.005) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}

/** Small amounts (a CoP of $0.0653) keep four decimals. */
export function usdFine(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return Math.abs(value) < 1 && value !== 0 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

export function pct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return NONE;
  return `${(rate * 100).toFixed(1)}%`;
}

export function signedPct(delta: number | null): string {
  if (delta === null) return NONE;
  const points = delta * 100;
  return `${points >= 0 ? '+' : ''}${points.toFixed(1)} pts`;
}

export function signedUsd(delta: number | null): string {
  if (delta === null) return NONE;
  return `${delta >= 0 ? '+' : '-'}$${Math.abs(delta).toFixed(2)}`;
}

export function score(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return value.toFixed(3);
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NONE;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(rest).padStart(2, '0')}s`;
}

export function countWithPct(count: number, total: number): string {
  return total === 0 ? String(count) : `${count} (${pct(count / total)})`;
}

export const CATEGORY_LABEL: Record<string, string> = {
  pass: 'Pass',
  'model-failure': 'Model failure',
  'framework-bug': 'Framework bug',
  infrastructure: 'Infrastructure',
  unknown: 'Unknown',
};
