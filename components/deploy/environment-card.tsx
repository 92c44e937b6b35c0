'use client';

import { EndpointAddresses } from './endpoint-addresses';
import type { ComponentRef } from './component-ref';
import { CardFrame, pendingOf, PromotionFooter, ReleaseLine, RolloutState } from './environment-card-parts';
import { StatusBadge } from './status-badge';
import type { EnvironmentCard } from './types';

interface EnvironmentCardViewProps {
  target: ComponentRef;
  card: EnvironmentCard;
  /** The next environment on the promotion path, if any. */
  next?: EnvironmentCard;
  canDeploy: boolean;
  /** May approve promotions waiting for approval (admins, platform engineers). */
  canApprove: boolean;
}

/** One environment of a service: what is active there, what is rolling out or why it failed, and Promote. */
export function EnvironmentCardView({ target, card, next, canDeploy, canApprove }: EnvironmentCardViewProps) {
  const { active, latest } = card;
  const pending = pendingOf(card);
  const replacing = pending && pending.status !== 'superseded';
  return (
    <CardFrame
      card={card}
      badge={latest ? <StatusBadge status={replacing ? pending.status : 'active'} /> : <span className="text-xs text-zinc-500">Not deployed</span>}
      footer={<PromotionFooter target={target} card={card} next={next} canDeploy={canDeploy} canApprove={canApprove} sameRelease="{env} runs this release too." />}
    >
      <RolloutState target={target} card={card} />
      {active ? (
        <>
          {replacing ? <ReleaseLine state="still-running" label="Still running" release={active} /> : <ReleaseLine state="running" label="Running" release={active} />}
          {card.addresses.length ? <EndpointAddresses addresses={card.addresses} /> : <Endpoints endpoints={active.endpoints ?? []} />}
          {(card.status === 'degraded' || card.status === 'missing') && (
            <p role="status" data-drift={card.status} className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800">
              {card.status === 'missing' ? 'Not running' : 'Degraded'}: {card.statusReason ?? 'the data plane does not run this release as expected.'}
            </p>
          )}
        </>
      ) : (
        !latest && <p className="text-sm text-zinc-500">Nothing runs here yet.{card.position > 0 && ' Promote a release from the previous environment.'}</p>
      )}
    </CardFrame>
  );
}

function Endpoints({ endpoints }: { endpoints: { name: string; url: string }[] }) {
  if (!endpoints.length) return null;
  return (
    <div className="text-sm">
      <p className="text-xs text-zinc-500">{endpoints.length > 1 ? 'Endpoints' : 'Endpoint'}</p>
      <ul>
        {endpoints.map((e) => (
          <li key={e.name}>
            <a href={e.url} target="_blank" rel="noreferrer" className="font-mono text-xs break-all text-accent-700 hover:underline">
              {e.url}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
