import { z } from 'zod';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { findDeploymentWithEvents } from '../deployments/get-deployment';
import { parse } from '../validation';
import { ciComponent } from './ci-component';

const input = z.strictObject({ wait: z.coerce.number().int().min(0).max(120, 'wait is at most 120 seconds.').default(0) });
const terminal = new Set(['active', 'failed', 'superseded']);

/** Status of a deployment this token's component owns; `wait` long-polls until it settles. */
export async function ciDeploymentStatus(ctx: ServiceContext, id: string, raw: unknown, signal?: AbortSignal) {
  const { actor } = await ciComponent(ctx);
  const { wait } = parse(input, raw);
  const deadline = Date.now() + wait * 1000;
  for (;;) {
    const d = await findDeploymentWithEvents(ctx, actor.organizationId, id);
    if (d.componentId !== actor.componentId) throw ServiceError.notFound('Deployment');
    if (terminal.has(d.status) || Date.now() >= deadline || signal?.aborted) {
      return { id: d.id, status: d.status, done: terminal.has(d.status), reason: d.reason, environment: d.environment, image: d.image, digest: d.digest, endpoints: d.endpoints };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
