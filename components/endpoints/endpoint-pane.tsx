'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from '@/components/deploy/api';
import type { ComponentRef } from '@/components/deploy/component-ref';
import { AddressLines } from '@/components/deploy/endpoint-addresses';
import type { EnvironmentCard } from '@/components/deploy/types';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { RequestError, sendJson } from './request';
import { endpointsEditorHref, type EndpointsView, type EndpointView } from './types';
import { PencilIcon, visibilityOptions, VisibilityBadges } from './visibility';

/**
 * The Endpoint pane of Update Image & Deploy: the endpoints this deploy will expose, a
 * pencil per endpoint for the quick edit (network visibility and context), and the way to
 * the endpoints.yaml editor. Tasks expose no endpoints, so it stays away for them.
 */
export function EndpointPane({ target }: { target: ComponentRef }) {
  const key = [target.api, 'endpoints'];
  const q = useQuery({ queryKey: key, queryFn: () => getJson<EndpointsView>(`${target.api}/endpoints`), staleTime: 0 });
  // The Deploy page's environment cards (same query, kept live there): where each endpoint answers now.
  const cards = useQuery<EnvironmentCard[]>({ queryKey: [target.api, 'environments'], enabled: false });
  const [editing, setEditing] = useState<string>();
  if (q.data && q.data.applies === false) return null;

  return (
    <section aria-labelledby="endpoint-pane-heading" className="mb-5 rounded-lg border border-zinc-200 p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id="endpoint-pane-heading" className="text-sm font-semibold text-zinc-900">
            Endpoint
          </h3>
          <p className="text-xs text-zinc-500">
            {q.data && !q.data.saved ? "Ready to be deployed: built from the image's exposed ports. Edit one, or write the endpoints.yaml." : 'What this service exposes, and to whom.'}
          </p>
        </div>
        <ButtonLink variant="secondary" size="sm" href={endpointsEditorHref(target.org, target.project, target.component)}>
          Create/Update Endpoints
        </ButtonLink>
      </div>
      {q.isError && <Alert>{(q.error as Error).message}</Alert>}
      {q.data && (q.data.endpoints.length ? (
        <ul className="mt-3 divide-y divide-zinc-100" aria-label="Endpoints">
          {q.data.endpoints.map((e) =>
            editing === e.name ? (
              <QuickEdit key={e.name} target={target} endpoint={e} onDone={() => setEditing(undefined)} />
            ) : (
              <li key={e.name} className="py-2 text-sm" data-testid={`endpoint-${e.name}`}>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                  <span className="min-w-24 font-medium text-zinc-900">{e.name}</span>
                  <span className="text-zinc-600">{e.type}</span>
                  <span className="font-mono text-xs text-zinc-600">:{e.port}</span>
                  <span className="font-mono text-xs text-zinc-600">{e.context ?? '—'}</span>
                  <VisibilityBadges visibilities={e.visibilities} />
                  <button type="button" onClick={() => setEditing(e.name)} aria-label={`Edit endpoint ${e.name}`} className="ml-auto rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800">
                    <PencilIcon />
                  </button>
                </div>
                <EndpointUrls name={e.name} cards={cards.data ?? []} />
              </li>
            ),
          )}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-zinc-500">No endpoints: this service is reachable by no one. Create endpoints to expose it.</p>
      ))}
    </section>
  );
}

/** Where the endpoint answers in each environment that runs it (as deployed: a change above applies on the next deploy). */
function EndpointUrls({ name, cards }: { name: string; cards: EnvironmentCard[] }) {
  const running = cards.flatMap((c) => {
    const a = c.addresses.find((x) => x.name === name);
    return a && (a.publicUrl || a.networkUrl || a.hostUrl) ? [{ env: c, address: a }] : [];
  });
  if (!running.length) return <p className="mt-1 text-xs text-zinc-500">Not deployed anywhere yet: its URLs appear once it runs.</p>;
  return (
    <ul className="mt-2 space-y-2" aria-label={`URLs of ${name}`}>
      {running.map(({ env, address }) => (
        <li key={env.name} data-url-environment={env.name} className="rounded-md bg-zinc-50 px-3 py-2">
          <p className="text-xs font-medium text-zinc-700">{env.displayName}</p>
          <AddressLines address={address} environment={env.displayName} />
        </li>
      ))}
    </ul>
  );
}

/** The pencil's form: visibility and context of one endpoint, saved through the same validation as the editor. */
function QuickEdit({ target, endpoint, onDone }: { target: ComponentRef; endpoint: EndpointView; onDone(): void }) {
  const client = useQueryClient();
  const key = [target.api, 'endpoints'];
  const [visibility, setVisibility] = useState<string>(endpoint.visibilities.includes('Public') ? 'Public' : endpoint.visibilities.includes('Organization') ? 'Organization' : 'Project');
  const [context, setContext] = useState(endpoint.context ?? '');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function update() {
    setPending(true);
    setError(undefined);
    try {
      const saved = await sendJson<EndpointsView>(`${target.api}/endpoints/${encodeURIComponent(endpoint.name)}`, 'PATCH', { networkVisibility: visibility, context });
      client.setQueryData(key, (old: EndpointsView | undefined) => ({ ...old, ...saved }));
      onDone();
    } catch (e) {
      setError(e instanceof RequestError ? e.message : 'The update failed.');
    } finally {
      setPending(false);
    }
  }
  return (
    <li className="space-y-3 py-3" data-testid={`endpoint-edit-${endpoint.name}`}>
      <p className="text-sm font-medium text-zinc-900">
        {endpoint.name} <span className="font-normal text-zinc-500">{endpoint.type} :{endpoint.port}</span>
      </p>
      {error && <Alert>{error}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-zinc-800">Network Visibility</span>
          <Select value={visibility} onChange={(e) => setVisibility(e.target.value)} aria-label="Network Visibility">
            {visibilityOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.value}: {o.hint}
              </option>
            ))}
          </Select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-zinc-800">Context</span>
          <Input value={context} onChange={(e) => setContext(e.target.value)} placeholder="/greeter" aria-label="Context" />
        </label>
      </div>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button size="sm" pending={pending} onClick={update}>
          Update
        </Button>
      </div>
    </li>
  );
}
