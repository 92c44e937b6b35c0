'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Time } from '@/components/ui/time';
import type { ComponentRef } from './component-ref';
import { shortDigest, tagOf } from './format';
import { useReleases } from './queries';
import { ReleaseChanges } from './release-changes';
import type { DeployMutation } from './use-deploy';

/** Previous Images: every release; Redeploy (after a confirmation) runs exactly that release's snapshot again (digest, endpoints, config), even if its tag has moved since. */
export function PreviousImagesOption({ target, runningIn, deploy, environment }: { target: ComponentRef; runningIn: Map<string, string[]>; deploy: DeployMutation; environment: { displayName: string } }) {
  const releases = useReleases(target.api);
  // Redeploy asks first: the release chosen, confirmed below the list.
  const [chosen, setChosen] = useState<string>();
  const confirm = releases.data?.find((r) => r.id === chosen);

  if (releases.isPending) return <p className="text-zinc-500">Loading previous images…</p>;
  if (releases.isError) return <Alert>{releases.error.message}</Alert>;
  return (
    <div className="space-y-3">
      {deploy.formError && <Alert>{deploy.formError}</Alert>}
      <div className="max-h-80 overflow-auto rounded-lg border border-zinc-200">
        <table aria-label="Previous images" className="w-full text-left text-sm">
          <thead className="sticky top-0 border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Image</th>
              <th scope="col" className="px-3 py-2 font-medium">Created</th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {releases.data.map((r) => (
              <tr key={r.id} data-release={r.tag ?? r.digest}>
                <td className="px-3 py-2 align-top">
                  <span className="font-mono text-xs font-medium text-zinc-900">{r.tag ?? tagOf(r.image) ?? 'untagged'}</span>{' '}
                  {runningIn.get(r.id)?.map((env) => (
                    <Badge key={env} tone="success">
                      <span className="sr-only">Active in </span>
                      {env}
                    </Badge>
                  ))}
                  <span className="block font-mono text-xs text-zinc-500" title={r.digest}>
                    {shortDigest(r.digest)}
                  </span>
                  <span className="block max-w-xs truncate text-xs text-zinc-500" title={r.image}>
                    {r.image}
                  </span>
                  <ReleaseChanges changes={r.changes} />
                </td>
                <td className="px-3 py-2 align-top text-xs text-zinc-600">
                  <Time value={r.createdAt} />
                  <span className="block text-zinc-500">by {r.createdByLabel}</span>
                </td>
                <td className="px-3 py-2 text-right align-top">
                  <Button
                    size="sm"
                    variant="secondary"
                    aria-pressed={chosen === r.id}
                    disabled={deploy.pending}
                    aria-label={`Redeploy ${r.tag ?? shortDigest(r.digest)} (${shortDigest(r.digest)})`}
                    onClick={() => setChosen(r.id)}
                  >
                    Redeploy
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {confirm && (
        <div role="group" aria-labelledby="redeploy-confirm-heading" className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-3">
          <p id="redeploy-confirm-heading" className="text-sm text-amber-950">
            Redeploy <span className="font-mono font-medium">{confirm.tag ?? tagOf(confirm.image) ?? 'untagged'}</span>{' '}
            <span className="font-mono text-xs">({shortDigest(confirm.digest)})</span> to {environment.displayName}? It replaces what runs there now with exactly this release: its
            image digest, endpoints and the configuration it was made with.
          </p>
          <div className="flex justify-end gap-2">
            <Button size="sm" variant="secondary" onClick={() => setChosen(undefined)} disabled={deploy.pending}>
              Cancel
            </Button>
            <Button size="sm" autoFocus pending={deploy.pending} onClick={() => deploy.run(target.org, target.project, target.component, { releaseId: confirm.id })}>
              Redeploy to {environment.displayName}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
