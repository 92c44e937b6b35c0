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
  const watch = { org, id, what, where };
  remember(watch, true);
  void watchDeployment(org, id).then((d) => {
    remember(watch, false);
    if (d.status === 'active') toast.settle('success', `Deployed ${what} to ${where}.`);
    else if (d.status === 'superseded') toast.settle('success', `A newer deployment replaced ${what} in ${where}.`);
    else toast.settle('error', `Deploying ${what} to ${where} failed${d.reason ? `: ${d.reason}` : '.'}`);
  });
}

type Watch = { org: string; id: string; what: string; where: string };
const KEY = 'gantry:deploy-toasts';

/**
 * Toasts live in the page: a reload (or Next falling back to a full load when a refresh fails,
 * as happens when the machine's network changes under the browser) would lose the outcome.
 * Unsettled watches are kept in sessionStorage and resumed by `resumeDeployToasts`.
 */
function remember(w: Watch, on: boolean) {
  try {
    const all = (JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as Watch[]).filter((x) => x.id !== w.id);
    sessionStorage.setItem(KEY, JSON.stringify(on ? [...all, w].slice(-10) : all));
  } catch {
    /* storage unavailable: the toast just does not survive a reload */
  }
}

/** After a load: the deployments still watched in this tab get their toast back, and its outcome. */
export function resumeDeployToasts(org: string, progress: (message: string) => ToastHandle) {
  let all: Watch[] = [];
  try {
    all = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as Watch[];
  } catch {
    return;
  }
  for (const w of all) if (w.org === org) settleDeployToast(progress(`Deploying ${w.what} to ${w.where}…`), w.org, w.id, w.what, w.where);
}
