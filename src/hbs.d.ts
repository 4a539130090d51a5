// Templates, the generated script and presets are bundled as text (esbuild text loader, a vitest plugin in tests).
declare module '*.hbs' {
  const source: string;
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
