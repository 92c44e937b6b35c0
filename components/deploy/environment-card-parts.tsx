'use client';

import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { approvePromotionAction, rejectPromotionAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field, Input } from '@/components/ui/input';
import { Time } from '@/components/ui/time';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import type { ComponentRef } from './component-ref';
import { FailureDetails } from './failure-details';
import { shortDigest, tagOf } from './format';
import { PromoteButton } from './promote-button';
import { useRefreshComponent } from './queries';
import { isFinal } from './status';
import type { DeploymentSummary, EnvironmentCard } from './types';
import { settleDeployToast } from './watch-deployment';

// The pieces every environment card shares (services' and tasks'): frame, release lines,
// a rollout in progress or failed, and the promotion footer with its approval.

/** The latest deployment when it is not the active one: rolling out, failed or superseded. */
export function pendingOf(card: EnvironmentCard) {
  return card.latest && card.latest.id !== card.active?.id ? card.latest : null;
}

export function CardFrame({ card, badge, children, footer }: { card: EnvironmentCard; badge: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <section aria-labelledby={`env-${card.name}`} data-environment={card.name} className="flex flex-col rounded-xl border border-zinc-200 bg-white p-5">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h3 id={`env-${card.name}`} className="text-sm font-semibold text-zinc-900">
          {card.displayName}
        </h3>
        {badge}
      </div>
      <div className="flex-1 space-y-3 text-sm">{children}</div>
      {footer}
    </section>
  );
}

export function ReleaseLine({ label, release, state }: { label: string; release: DeploymentSummary; state?: string }) {
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

/** A rollout in progress, or why the last one failed (with its details). */
export function RolloutState({ target, card }: { target: ComponentRef; card: EnvironmentCard }) {
  const pending = pendingOf(card);
  if (!pending) return null;
  if (!isFinal(pending.status)) return <ReleaseLine state="deploying" label="Deploying" release={pending} />;
  if (pending.status !== 'failed') return null;
  return (
    <>
      <ReleaseLine state="failed" label="Could not deploy" release={pending} />
      <FailureDetails orgSlug={target.org} deploymentId={pending.id} reason={pending.reason} />
    </>
  );
}

/**
 * Under a card: Promote to the next environment (or "runs this release too"), and the next
 * environment's promotion waiting for approval, with Approve / Reject for those who may.
 */
export function PromotionFooter({ target, card, next, canDeploy, canApprove, sameRelease }: { target: ComponentRef; card: EnvironmentCard; next?: EnvironmentCard; canDeploy: boolean; canApprove: boolean; sameRelease: string }) {
  const active = card.active;
  const request = next?.promotionRequest ?? null;
  const waiting = request?.status === 'pending' && request.from === card.name ? request : null;
  if (!next || !active || (!canDeploy && !waiting)) return null;
  return (
    <div className="mt-4 space-y-3 border-t border-zinc-100 pt-3">
      {waiting ? (
        <PendingPromotion target={target} to={next} request={waiting} canApprove={canApprove} />
      ) : next.active?.releaseId === active.releaseId ? (
        <p className="text-xs text-zinc-500">{sameRelease.replace('{env}', next.displayName)}</p>
      ) : (
        <>
          {request?.status === 'rejected' && request.from === card.name && (
            <p className="text-xs text-red-800" data-testid="promotion-rejected">
              Promotion of {request.tag ?? shortDigest(request.digest)} to {next.displayName} was rejected by {request.decidedBy}
              {request.reason ? `: ${request.reason}` : '.'}
            </p>
          )}
          <PromoteButton target={target} from={card} to={next} release={active} needsApproval={next.approvalRequired && !canApprove} />
        </>
      )}
    </div>
  );
}

type Request = NonNullable<EnvironmentCard['promotionRequest']>;

function PendingPromotion({ target, to, request, canApprove }: { target: ComponentRef; to: EnvironmentCard; request: Request; canApprove: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const refresh = useRefreshComponent(target.api);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const what = request.tag ?? shortDigest(request.digest);
  const approve = useServerAction(approvePromotionAction, {
    toastErrors: true,
    onSuccess(d) {
      settleDeployToast(toast.progress(`Approved: promoting ${what} to ${to.displayName}…`), target.org, d.id, what, to.displayName);
      void refresh();
      router.refresh();
    },
  });
  const reject = useServerAction(rejectPromotionAction, {
    onSuccess() {
      setRejecting(false);
      toast.success(`Promotion of ${what} to ${to.displayName} rejected.`);
      void refresh();
    },
  });
  return (
    <div role="group" aria-label={`Promotion to ${to.displayName} waiting for approval`} data-testid="pending-promotion" className="space-y-2 rounded-md bg-amber-50 p-3 text-xs text-amber-950">
      <p>
        <span className="font-medium">Waiting for approval:</span> promote <span className="font-mono">{what}</span> ({shortDigest(request.digest)}) to {to.displayName}, requested by{' '}
        {request.requestedBy} <Time value={request.createdAt} />.
      </p>
      {canApprove ? (
        <div className="flex gap-2">
          <Button size="sm" pending={approve.pending} onClick={() => approve.run(target.org, request.id)}>
            Approve
          </Button>
          <Button size="sm" variant="danger-outline" onClick={() => setRejecting(true)}>
            Reject
          </Button>
        </div>
      ) : (
        <p>An admin or platform engineer approves promotions to {to.displayName}.</p>
      )}
      <Dialog open={rejecting} onClose={() => setRejecting(false)} title={`Reject promotion to ${to.displayName}`}>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            reject.run(target.org, request.id, reason.trim() ? { reason: reason.trim() } : {});
          }}
        >
          {reject.formError && <Alert>{reject.formError}</Alert>}
          <Field id="reject-reason" label="Reason" hint="Optional: shown to the team on the Deploy page." error={reject.fields.reason}>
            <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoFocus autoComplete="off" />
          </Field>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" pending={reject.pending}>
              Reject
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </div>
  );
}
