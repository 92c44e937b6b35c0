'use client';

import { Fragment, type ReactNode } from 'react';
import { BuildArea } from './build-area';
import type { ComponentRef } from './component-ref';
import { DeploymentHistory } from './deployment-history';
import { EnvironmentCardView } from './environment-card';
import { useEnvironmentCards } from './queries';
import type { DeploymentRow, EnvironmentCard, Release } from './types';

interface DeployBoardProps {
  target: ComponentRef;
  cards: EnvironmentCard[];
  history: DeploymentRow[];
  /** The newest release: what the Build Area shows before the first deployment. */
  newestRelease: Release;
  canDeploy: boolean;
  /** May approve promotions waiting for approval (admins, platform engineers). */
  canApprove: boolean;
  /** Tasks show their own environment cards (schedule, executions); services use the default. */
  renderCard?(card: EnvironmentCard, next: EnvironmentCard | undefined): ReactNode;
  /** A line under the Environments heading. */
  environmentsNote?: ReactNode;
  /** What an active deployment is called (tasks: "Deployed": nothing runs between executions). */
  activeLabel?: string;
}

/** The Deploy page: Build Area, environment cards in promotion order and the history, live while anything moves. */
export function DeployBoard({ target, cards: initialCards, history, newestRelease, canDeploy, canApprove, renderCard, environmentsNote, activeLabel }: DeployBoardProps) {
  const cards = useEnvironmentCards(target.api, initialCards).data;
  const first = cards[0];
  const runningIn = new Map<string, string[]>();
  for (const c of cards) if (c.active) runningIn.set(c.active.releaseId, [...(runningIn.get(c.active.releaseId) ?? []), c.displayName]);
  const last = first?.latest;
  const current = last
    ? { image: last.image, digest: last.digest, at: last.updatedAt, by: last.triggeredBy, status: last.status }
    : { image: newestRelease.image, digest: newestRelease.digest, at: newestRelease.createdAt, by: newestRelease.createdByLabel };

  return (
    <div className="space-y-6">
      {first ? (
        <BuildArea target={target} current={current} environment={first} runningIn={runningIn} canDeploy={canDeploy} activeLabel={activeLabel} />
      ) : (
        <p className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-900">This organization has no environments to deploy to.</p>
      )}
      <section aria-labelledby="environments-heading">
        <h2 id="environments-heading" className={`${environmentsNote ? 'mb-1' : 'mb-3'} text-sm font-semibold text-zinc-900`}>
          Environments
        </h2>
        {environmentsNote && <p className="mb-3 text-xs text-zinc-500">{environmentsNote}</p>}
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {cards.map((card, i) =>
            renderCard ? (
              <Fragment key={card.name}>{renderCard(card, cards[i + 1])}</Fragment>
            ) : (
              <EnvironmentCardView key={card.name} target={target} card={card} next={cards[i + 1]} canDeploy={canDeploy} canApprove={canApprove} />
            ),
          )}
        </div>
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-sm font-semibold text-zinc-900">
          Deployment history
        </h2>
        <DeploymentHistory api={target.api} orgSlug={target.org} initial={history} environments={new Map(cards.map((c) => [c.name, c.displayName]))} activeLabel={activeLabel} />
      </section>
    </div>
  );
}
