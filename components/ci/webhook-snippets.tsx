'use client';

import { useState } from 'react';
import { Tabs } from '@/components/components/tabs';
import { CopyButton } from './copy-button';

export interface Snippet {
  id: string;
  label: string;
  secretHint: string;
  text: string;
}

/** The deploy webhook call for each CI system, ready to paste after the step that pushes the image. */
export function WebhookSnippets({ snippets }: { snippets: Snippet[] }) {
  const [id, setId] = useState(snippets[0].id);
  const current = snippets.find((s) => s.id === id) ?? snippets[0];
  return (
    <Tabs label="CI system" items={snippets.map((s) => ({ id: s.id, label: s.label }))} value={id} onChange={setId} size="sm">
      <div className="space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <p className="max-w-xl text-xs text-zinc-600">
            <span className="font-medium text-zinc-800">Token:</span> {current.secretHint} Never paste the token into the file.
          </p>
          <CopyButton text={current.text} label={`Copy the ${current.label} snippet`} />
        </div>
        <pre data-testid="snippet" tabIndex={0} aria-label={`${current.label} snippet`} className="max-h-96 overflow-auto rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-5 text-zinc-100">
          {current.text}
        </pre>
      </div>
    </Tabs>
  );
}
