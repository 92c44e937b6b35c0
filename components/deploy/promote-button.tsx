'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { promoteAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { ChevronRightIcon } from '@/components/ui/icons';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import type { ComponentRef } from './component-ref';
import { shortDigest, tagOf } from './format';
import { useRefreshComponent } from './queries';
import { settleDeployToast } from './watch-deployment';

interface PromoteButtonProps {
  target: ComponentRef;
  from: { name: string; displayName: string };
  to: { name: string; displayName: string };
  release: { image: string; digest: string };
  /** The organisation requires approval for promotions to `to`: this asks for it instead. */
  needsApproval?: boolean;
}

/** Promote: the exact digest active in one environment goes to the next, after a confirmation naming it. */
export function PromoteButton({ target, from, to, release, needsApproval }: PromoteButtonProps) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const toast = useToast();
  const refresh = useRefreshComponent(target.api);
  const promote = useServerAction(promoteAction, {
    onSuccess(d) {
      setOpen(false);
      if ('pendingApproval' in d) {
        toast.success(`Promotion of ${shortDigest(release.digest)} to ${to.displayName} requested: it waits for an admin or platform engineer to approve it.`);
        void refresh();
        return;
      }
      settleDeployToast(toast.progress(`Promoting ${shortDigest(release.digest)} to ${to.displayName}…`), target.org, d.id, shortDigest(release.digest), to.displayName);
      void refresh();
      router.refresh();
    },
  });
  const label = tagOf(release.image);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        {needsApproval ? `Request promotion to ${to.displayName}` : `Promote to ${to.displayName}`}
        <ChevronRightIcon className="size-4" />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={needsApproval ? `Request promotion to ${to.displayName}` : `Promote to ${to.displayName}`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            promote.run(target.org, target.project, target.component, { from: from.name, to: to.name });
          }}
          className="space-y-4"
        >
          {promote.formError && <Alert>{promote.formError}</Alert>}
          <p className="text-zinc-700">
            Deploy the release active in {from.displayName} to {to.displayName}: exactly the same image, pinned by digest.
            {needsApproval && ` Promotions to ${to.displayName} need approval: an admin or platform engineer approves or rejects the request on this page.`}
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg bg-zinc-50 p-3 text-sm">
            {label && (
              <>
                <dt className="text-zinc-500">Tag</dt>
                <dd className="font-mono text-xs leading-5">{label}</dd>
              </>
            )}
            <dt className="text-zinc-500">Digest</dt>
            <dd className="font-mono text-xs leading-5 break-all">{release.digest}</dd>
          </dl>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" autoFocus pending={promote.pending}>
              {needsApproval ? 'Request approval' : 'Promote'}
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </>
  );
}
