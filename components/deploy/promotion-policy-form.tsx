'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { setPromotionPolicyAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

/** The organisation's promotion policy: does a promotion to the last environment wait for approval? */
export function PromotionPolicyForm({ orgSlug, requireApproval, lastEnvironment, canManage }: { orgSlug: string; requireApproval: boolean; lastEnvironment: string | null; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [on, setOn] = useState(requireApproval);
  const save = useServerAction(setPromotionPolicyAction, {
    onSuccess(r) {
      toast.success(r.requireApproval ? `Promotions to ${lastEnvironment ?? 'the last environment'} now wait for approval.` : 'Promotions no longer wait for approval.');
      router.refresh();
    },
  });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.run(orgSlug, { requireApproval: on });
      }}
    >
      {save.formError && <Alert>{save.formError}</Alert>}
      <label className="flex items-start gap-2 text-sm text-zinc-800">
        <input type="checkbox" checked={on} disabled={!canManage} onChange={(e) => setOn(e.target.checked)} className="mt-0.5 accent-accent-600" />
        <span>
          Require approval for promotions to {lastEnvironment ?? 'the last environment'}
          <span className="block text-xs text-zinc-600">
            A developer&apos;s promotion then waits until an admin or platform engineer approves it on the component&apos;s Deploy page. Admins and platform engineers promote
            directly.
          </span>
        </span>
      </label>
      {canManage ? (
        <Button type="submit" size="sm" pending={save.pending} disabled={on === requireApproval}>
          Save
        </Button>
      ) : (
        <p className="text-xs text-zinc-600">Only admins change this setting.</p>
      )}
    </form>
  );
}
