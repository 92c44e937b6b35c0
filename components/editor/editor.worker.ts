// Monaco's own worker (diffing, links, word-based suggestions), bundled with the app.
import 'monaco-editor/esm/vs/editor/editor.worker';
