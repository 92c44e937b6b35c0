'use client';

import { CopyButton } from '@/components/ci/copy-button';
import type { EnvironmentCard } from './types';

type Address = EnvironmentCard['addresses'][number];

/** Each endpoint of the active release with where it answers in this environment, each address with Copy. */
export function EndpointAddresses({ addresses }: { addresses: Address[] }) {
  return (
    <div className="text-sm">
      <p className="text-xs text-zinc-500">{addresses.length > 1 ? 'Endpoints' : 'Endpoint'}</p>
      <ul className="space-y-2">
        {addresses.map((a) => (
          <li key={a.name} data-endpoint={a.name}>
            <p className="text-xs text-zinc-700">
              <span className="font-medium">{a.name}</span> · {a.type} · {a.visibilities.join(', ')}
            </p>
            <AddressLines address={a} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The addresses of one endpoint in one environment: the stable public URL through the gateway,
 * the in-network address other components use, and — when nothing stable stands in front of
 * it — the port published on the Gantry host. Nothing at all: the endpoint has not answered yet.
 */
export function AddressLines({ address: a, environment }: { address: Address; /** Named in the Copy buttons when several environments show side by side. */ environment?: string }) {
  const of = environment ? `${a.name} in ${environment}` : a.name;
  return (
    <>
      {a.publicUrl && <AddressLine label="Public URL" url={a.publicUrl} endpoint={of} link />}
      {a.networkUrl && <AddressLine label="In-network address" url={a.networkUrl} endpoint={of} />}
      {a.hostUrl && !a.publicUrl && <AddressLine label="On this host" url={a.hostUrl} endpoint={of} link />}
    </>
  );
}

function AddressLine({ label, url, endpoint, link }: { label: string; url: string; endpoint: string; link?: boolean }) {
  return (
    <div className="mt-1" data-address={label}>
      <span className="block text-xs text-zinc-500">{label}</span>
      {/* Label above, so the URL gets the card's whole width (a narrow card wrapped it every few characters). */}
      <div className="flex items-start gap-2">
        {/* An in-network name resolves only inside the data plane: text to copy, not a link a browser could open. */}
        {link ? (
          <a href={url} target="_blank" rel="noreferrer" className="min-w-0 flex-1 font-mono text-xs break-all text-accent-700 hover:underline">
            {url}
          </a>
        ) : (
          <code className="min-w-0 flex-1 font-mono text-xs break-all text-zinc-800">{url}</code>
        )}
        <CopyButton text={url} label={`Copy the ${label.toLowerCase()} of ${endpoint}`} />
      </div>
    </div>
  );
}
