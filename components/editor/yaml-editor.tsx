'use client';

import dynamic from 'next/dynamic';

/**
 * The YAML editor of the console: Monaco + monaco-yaml with a JSON Schema, loaded in the
 * browser only (Monaco needs the DOM) and only where it is rendered, so other pages do not
 * carry its weight. The endpoints.yaml editor uses it; the pipelines editor will too.
 */
export const YamlEditor = dynamic(() => import('./yaml-editor-impl'), {
  ssr: false,
  loading: () => (
    <div style={{ height: 420 }} className="flex items-center justify-center rounded-md border border-zinc-300 bg-zinc-50 text-sm text-zinc-500">
      Loading editor…
    </div>
  ),
});
export type { EditorMarker } from './markers';
