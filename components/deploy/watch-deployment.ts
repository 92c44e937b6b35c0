'use client';

import { onDeploymentChange } from '@/components/live/org-changes';
import type { ToastHandle } from '@/components/ui/toast';
import { getJson } from './api';
import { isFinal } from './status';
import type { DeploymentDetail } from './types';

/**
 * Resolves with the deployment once it is active, failed or superseded. It re-reads when the
 * organisation feed reports the deployment changed, and every few seconds in case the feed is down.
 */
export async function watchDeployment(org: string, id: string, fallbackMs = 5000): Promise<DeploymentDetail> {
  for (;;) {
    const d = await getJson<DeploymentDetail>(`/api/v1/orgs/${org}/deployments/${id}`).catch(() => undefined);
    if (d && isFinal(d.status)) return d;
    await new Promise<void>((resolve) => {
      const done = () => {
        off();
        clearTimeout(timer);
        resolve();
      };
      const off = onDeploymentChange(id, done);
      const timer = setTimeout(done, fallbackMs);
    });
  }
}

/** "Deploying 1.1 to Development…" becomes "Deployed 1.1 to Development." or says why it failed. */
export function settleDeployToast(toast: ToastHandle, org: string, id: string, what: string, where: string) {
  void watchDeployment(org, id).then((d) => {
    if (d.status === 'active') toast.settle('success', `Deployed ${what} to ${where}.`);
    else if (d.status === 'superseded') toast.settle('success', `A newer deployment replaced ${what} in ${where}.`);
    else toast.settle('error', `Deploying ${what} to ${where} failed${d.reason ? `: ${d.reason}` : '.'}`);
  });
}
