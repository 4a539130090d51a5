// The CLI's flags as node:util parseArgs reads them: shared by cli-args.ts and the launcher (cli-plan.ts),
// which must find the results argument the same way before anything of the application is loaded.

export const CLI_OPTIONS = {
  out: { type: 'string' },
  format: { type: 'string' },
  'issue-mode': { type: 'string' },
  'issue-label': { type: 'string' },
  json: { type: 'boolean' },
  baseline: { type: 'string' },
  history: { type: 'string' },
  'history-window': { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;
