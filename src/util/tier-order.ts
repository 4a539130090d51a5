// Tiers in the order people read them: T0 < T1 < … < T10, other names after, alphabetically.

export function compareTiers(a: string, b: string): number {
  const na = /^T(\d+)$/.exec(a);
  const nb = /^T(\d+)$/.exec(b);
  if (na && nb) return Number(na[1]) - Number(nb[1]);
  if (na) return -1;
  if (nb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
