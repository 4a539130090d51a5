// Where a repository keeps its e2e-triage config. Apart from read-config.ts, whose YAML reader the CLI loads
// only when there is a config to read.

export const CONFIG_FILE = '.github/e2e-triage.yml';
