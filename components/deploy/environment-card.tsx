'use client';

import { Time } from '@/components/ui/time';
import { EndpointAddresses } from './endpoint-addresses';
import type { ComponentRef } from './component-ref';
import { FailureDetails } from './failure-details';
import { shortDigest, tagOf } from './format';
import { PromoteButton } from './promote-button';
import { isFinal } from './status';
import { StatusBadge } from './status-badge';
import type { DeploymentSummary, EnvironmentCard } from './types';

interface EnvironmentCardViewProps {
  target: ComponentRef;
  card: EnvironmentCard;
  /** The next environment on the promotion path, if any. */
  next?: EnvironmentCard;
  canDeploy: boolean;
}

/** One environment: what is active there, what is rolling out or why it failed, and Promote. */
export function EnvironmentCardView({ target, card, next, canDeploy }: EnvironmentCardViewProps) {
  const { active, latest } = card;
  const pending = latest && latest.id !== active?.id ? latest : null;
  return (
    <section aria-labelledby={`env-${card.name}`} data-environment={card.name} className="flex flex-col rounded-xl border border-zinc-200 bg-white p-5">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h3 id={`env-${card.name}`} className="text-sm font-semibold text-zinc-900">
          {card.displayName}
        </h3>
        {latest ? <StatusBadge status={pending && pending.status !== 'superseded' ? pending.status : 'active'} /> : <span className="text-xs text-zinc-500">Not deployed</span>}
      </div>
      <div className="flex-1 space-y-3">
        {pending && !isFinal(pending.status) && <Release state="deploying" label="Deploying" release={pending} />}
        {pending?.status === 'failed' && (
          <>
            <Release state="failed" label="Could not deploy" release={pending} />
            <FailureDetails orgSlug={target.org} deploymentId={pending.id} reason={pending.reason} />
          </>
        )}
        {active ? (
          <>
            {pending && pending.status !== 'superseded' ? <Release state="still-running" label="Still running" release={active} /> : <Release state="running" label="Running" release={active} />}
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
      </div>
      {canDeploy && next && active && (
        <div className="mt-4 border-t border-zinc-100 pt-3">
          {next.active?.releaseId === active.releaseId ? (
            <p className="text-xs text-zinc-500">{next.displayName} runs this release too.</p>
          ) : (
            <PromoteButton target={target} from={card} to={next} release={active} />
          )}
        </div>
      )}
    </section>
  );
}

function Release({ state, label, release }: { state: 'deploying' | 'failed' | 'running' | 'still-running'; label: string; release: DeploymentSummary }) {
  return (
    <div className="text-sm" data-state={state}>
      <p className="text-xs text-zinc-500">{label}</p>
      <p className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-mono text-sm font-medium text-zinc-900">{release.tag ?? tagOf(release.image) ?? 'untagged'}</span>
        <span className="font-mono text-xs text-zinc-500" title={release.digest}>
          {shortDigest(release.digest)}
        </span>
      </p>
      <p className="text-xs text-zinc-500">
        <Time value={release.updatedAt} /> · {release.triggeredBy}
      </p>
    </div>
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
