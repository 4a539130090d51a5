// A configuration is what comparison already uses: the same model on the same tiers. Its key names the analysis
// folders (`<key>-<date>-<run id>`) and groups the batches of history.json.

/** Model and tiers from the artifact, reduced to safe path characters. */
export function configurationKey(batch: { model: string | null; tiers: readonly string[] }): string {
  const tiers = batch.tiers.length > 0 ? batch.tiers.join('-') : 'all-tiers';
  return `${safePart(batch.model ?? 'unknown-model')}-${safePart(tiers)}`;
}

export function safePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '') || 'unknown';
}
