'use client';

import { CopyButton } from '@/components/ci/copy-button';
import type { EnvironmentCard } from './types';

/** Each endpoint of the active release with its public URL (through the gateway) and its address on the host, each with Copy. */
export function EndpointAddresses({ addresses }: { addresses: EnvironmentCard['addresses'] }) {
  return (
    <div className="text-sm">
      <p className="text-xs text-zinc-500">{addresses.length > 1 ? 'Endpoints' : 'Endpoint'}</p>
      <ul className="space-y-2">
        {addresses.map((a) => (
          <li key={a.name} data-endpoint={a.name}>
            <p className="text-xs text-zinc-700">
              <span className="font-medium">{a.name}</span> · {a.type} · {a.visibilities.join(', ')}
            </p>
            {a.publicUrl && <AddressLine label="Public URL" url={a.publicUrl} endpoint={a.name} />}
            {a.hostUrl && <AddressLine label="On this host" url={a.hostUrl} endpoint={a.name} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AddressLine({ label, url, endpoint }: { label: string; url: string; endpoint: string }) {
  return (
    <div className="mt-1" data-address={label}>
      <span className="block text-xs text-zinc-500">{label}</span>
      {/* Label above, so the URL gets the card's whole width (a narrow card wrapped it every few characters). */}
      <div className="flex items-start gap-2">
        <a href={url} target="_blank" rel="noreferrer" className="min-w-0 flex-1 font-mono text-xs break-all text-accent-700 hover:underline">
          {url}
        </a>
        <CopyButton text={url} label={`Copy the ${label.toLowerCase()} of ${endpoint}`} />
      </div>
    </div>
  );
}
