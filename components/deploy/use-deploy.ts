'use client';

import { useRouter } from 'next/navigation';
import { deployAction } from './actions';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { shortDigest, tagOf } from './format';
import { useRefreshComponent } from './queries';
import { settleDeployToast } from './watch-deployment';

/** Update Image & Deploy, shared by the dialog's three options; `onDeployed` closes the dialog. */
export function useDeploy(api: string, org: string, environmentLabel: string, onDeployed: () => void) {
  const router = useRouter();
  const toast = useToast();
  const refresh = useRefreshComponent(api);
  return useServerAction(deployAction, {
    onSuccess(d) {
      const what = `${tagOf(d.release.image) ?? shortDigest(d.release.digest)} (${shortDigest(d.release.digest)})`;
      settleDeployToast(toast.progress(`Deploying ${what} to ${environmentLabel}…`), org, d.id, what, environmentLabel);
      onDeployed();
      void refresh();
      router.refresh();
    },
  });
}

export type DeployMutation = ReturnType<typeof useDeploy>;
