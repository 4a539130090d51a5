// The generated script and presets are bundled as text (esbuild text loader, a vitest plugin in tests).
// Templates are text in tests, and compiled to JavaScript in the bundles (scripts/bundle-lib.mjs):
// render/templates.ts takes either.
declare module '*.hbs' {
  const source:
    | string
    | {
        render: import('./render/template-runtime.js').TemplateFactory;
        options: Record<string, boolean>;
      };
  export default source;
}

declare module '*.sh' {
  const source: string;
  export default source;
}

declare module '*.yml' {
  const source: string;
  export default source;
}
