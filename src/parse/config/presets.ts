// Presets shipped with e2e-triage (`extends: <name>`): data files, one per harness, bundled as text.

import projectscylla from './presets/projectscylla.yml';

export const PRESETS: Readonly<Record<string, string>> = { projectscylla };
