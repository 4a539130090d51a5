// Templates are bundled as text (esbuild `--loader:.hbs=text`, a vitest plugin in tests).
declare module '*.hbs' {
  const source: string;
  export default source;
}

declare module '*.sh' {
  const source: string;
  export default source;
}
