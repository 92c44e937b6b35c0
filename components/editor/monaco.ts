'use client';

// The one Monaco setup of the console. Everything is bundled with the app: no CDN, no
// network fetch at run time. Only modules that render an editor import this file (through
// the next/dynamic wrapper in yaml-editor.tsx), so Monaco loads on editor pages only.
import { loader } from '@monaco-editor/react';
import type * as Monaco from 'monaco-editor';
// The editor core with its contributions (hover, suggest, markers), without the ~80 languages
// of the full 'monaco-editor' entry: YAML is the one we need.
import * as core from 'monaco-editor/esm/vs/editor/edcore.main';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution';
import { configureMonacoYaml, type MonacoYaml, type SchemasSettings } from 'monaco-yaml';

export const monaco = core as unknown as typeof Monaco;

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    if (label === 'yaml') return new Worker(new URL('./yaml.worker.ts', import.meta.url), { type: 'module', name: 'yaml' });
    return new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: 'editor' });
  },
};

/**
 * monaco-yaml asks for its worker the legacy way ({ moduleId, label, createData }); the core
 * entry only takes { worker }. The full 'monaco-editor' entry carries this adapter (with 80
 * languages we do not need); this is the same adapter, kept here.
 */
type LegacyWorkerOptions = { worker?: unknown; label?: string; moduleId?: string; createData?: unknown; host?: unknown; keepIdleModels?: boolean };
const createWebWorker = monaco.editor.createWebWorker as (o: LegacyWorkerOptions) => ReturnType<typeof monaco.editor.createWebWorker>;
(monaco.editor as { createWebWorker: unknown }).createWebWorker = (options: LegacyWorkerOptions) => {
  if (options.worker !== undefined) return createWebWorker(options);
  const worker = Promise.resolve(self.MonacoEnvironment!.getWorker!('workerMain.js', options.label ?? 'monaco-editor-worker')).then((w) => {
    w.postMessage('ignore');
    w.postMessage(options.createData);
    return w;
  });
  return createWebWorker({ worker, host: options.host, keepIdleModels: options.keepIdleModels });
};

loader.config({ monaco });

let yaml: MonacoYaml | undefined;
const schemas = new Map<string, SchemasSettings>();

/**
 * Validates the model at `modelPath` against `schema` (monaco-yaml allows one configuration
 * per page, so every editor's schema is kept in one list). Never fetches a schema.
 */
export function setJsonSchemaFor(modelPath: string, schema: object) {
  schemas.set(modelPath, { uri: `gantry://schemas/${modelPath}`, fileMatch: [`**/${modelPath}`], schema: schema as SchemasSettings['schema'] });
  const options = { enableSchemaRequest: false, hover: true, completion: true, validate: true, schemas: [...schemas.values()] };
  if (yaml) void yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
}
