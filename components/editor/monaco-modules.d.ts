// monaco-editor ships types for its full entry only; the core entry exports the same API.
declare module 'monaco-editor/esm/vs/editor/edcore.main' {
  export * from 'monaco-editor';
}
