import { z } from 'zod';
import { ServiceError } from '@/lib/errors';
import { nextDeploymentChange } from '@/lib/events/deployment-changes';
import type { ServiceContext } from '../context';
import { findDeploymentWithEvents } from '../deployments/get-deployment';
import { idPath } from '../paths';
import { parse } from '../validation';
import { ciComponent } from './ci-component';
import { isTerminal } from '../deployments/queries';

const input = z.strictObject({ ...idPath, wait: z.coerce.number().int().min(0).max(120, 'wait is at most 120 seconds.').default(0) });

/** Long-polls one CI token may hold open at once. */
export const MAX_WAITERS_PER_TOKEN = 10;
/** Re-read this often anyway: a change made by another process sends no in-process notice. */
export const RECHECK_MS = 2000;

const g = globalThis as unknown as { __gantryCiWaiters?: Map<string, number> };
const waiters = (g.__gantryCiWaiters ??= new Map());

/** How many long-polls a token holds open now. */
export const ciWaiters = (tokenId: string) => waiters.get(tokenId) ?? 0;

/**
 * Status of a deployment this token's component owns; `wait` long-polls until it settles.
 * A waiter sleeps until the reconciler or a service says the deployment changed
 * (lib/events/deployment-changes), re-checking every `recheckMs` for other processes' changes.
 */
export async function ciDeploymentStatus(ctx: ServiceContext, raw: unknown, signal?: AbortSignal, recheckMs = RECHECK_MS) {
  const { actor } = await ciComponent(ctx);
  const { id, wait } = parse(input, raw);
  const read = async () => {
    const d = await findDeploymentWithEvents(ctx, actor.organizationId, id);
    if (d.componentId !== actor.componentId) throw ServiceError.notFound('Deployment');
    return { id: d.id, status: d.status, done: isTerminal(d.status), reason: d.reason, environment: d.environment, image: d.image, digest: d.digest, endpoints: d.endpoints };
  };
  const first = await read();
  if (first.done || wait === 0) return first;
  if (ciWaiters(actor.tokenId) >= MAX_WAITERS_PER_TOKEN) {
    throw new ServiceError('rate_limited', `This token already has ${MAX_WAITERS_PER_TOKEN} requests waiting for deployments; wait for one to finish.`, { retryAfter: 5 });
  }
  waiters.set(actor.tokenId, ciWaiters(actor.tokenId) + 1);
  try {
    const deadline = Date.now() + wait * 1000;
    for (;;) {
      await nextDeploymentChange(id, Math.min(recheckMs, deadline - Date.now()), signal);
      const d = await read();
      if (d.done || Date.now() >= deadline || signal?.aborted) return d;
    }
  } finally {
    const left = ciWaiters(actor.tokenId) - 1;
    if (left > 0) waiters.set(actor.tokenId, left);
    else waiters.delete(actor.tokenId);
  }
}
