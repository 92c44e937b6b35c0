'use client';

import Editor from '@monaco-editor/react';
import { useEffect, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import type { EditorMarker } from './markers';
import { monaco, setJsonSchemaFor } from './monaco';

export interface YamlEditorProps {
  /** The model's file name: what the JSON Schema is matched to (for example "endpoints.yaml"). */
  path: string;
  /** Validation, completion and hover as you type. */
  schema: object;
  /**
   * The text the editor starts with. The editor owns its text from then on and reports it through
   * onChange: a controlled value raced fast typing (a render carrying the text of an earlier
   * keystroke replaced the editor's newer text, and characters were lost — seen typing in Chromium).
   */
  defaultValue: string;
  onChange(value: string): void;
  /** Problems the server found on save, shown beside the schema's own squiggles. */
  markers?: EditorMarker[];
  height?: number;
  ariaLabel: string;
}

const owner = 'gantry-server';

export default function YamlEditorImpl({ path, schema, defaultValue, onChange, markers = [], height = 420, ariaLabel }: YamlEditorProps) {
  const [editor, setEditor] = useState<Monaco.editor.IStandaloneCodeEditor>();

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      owner,
      markers.map((m) => ({
        severity: monaco.MarkerSeverity.Error,
        message: m.message,
        source: 'Gantry',
        startLineNumber: m.line,
        startColumn: m.column,
        endLineNumber: m.endLine ?? m.line,
        endColumn: m.endColumn ?? m.column + 1,
      })),
    );
  }, [editor, markers]);

  return (
    <div className="overflow-hidden rounded-md border border-zinc-300" data-testid="yaml-editor">
      <Editor
        path={path}
        language="yaml"
        defaultValue={defaultValue}
        height={height}
        onChange={(v) => onChange(v ?? '')}
        beforeMount={() => setJsonSchemaFor(path, schema)}
        onMount={(e) => setEditor(e)}
        loading={<EditorPlaceholder height={height} />}
        options={{
          ariaLabel,
          minimap: { enabled: false },
          automaticLayout: true,
          fontSize: 13,
          tabSize: 2,
          insertSpaces: true,
          scrollBeyondLastLine: false,
          renderLineHighlight: 'line',
          // Monaco dims the number of a final empty line to a 1.75:1 contrast (axe: serious); show it plainly.
          renderFinalNewline: 'on',
          quickSuggestions: { other: true, comments: false, strings: true },
          hover: { enabled: true, delay: 250 },
          // Hovers and suggestions may leave the editor's box (it sits in a card).
          fixedOverflowWidgets: true,
        }}
      />
    </div>
  );
}

export function EditorPlaceholder({ height }: { height: number }) {
  return (
    <div style={{ height }} className="flex items-center justify-center bg-zinc-50 text-sm text-zinc-500">
      Loading editor…
    </div>
  );
}
