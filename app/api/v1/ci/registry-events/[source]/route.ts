import { eventSources, type EventSource } from '@/lib/ci/registry-events';
import { ServiceError } from '@/lib/errors';
import { ciApi } from '@/lib/http/ci-api';
import { registryEvent } from '@/lib/services/ci/registry-event';

type P = { source: string };
export const POST = ciApi<P>(
  async ({ ctx, params, body }) => {
    if (!eventSources.includes(params.source as EventSource)) throw ServiceError.notFound(`Event source "${params.source}" (use one of ${eventSources.join(', ')})`);
    const { deployed, deliveries } = await registryEvent(ctx, { source: params.source as EventSource, notification: await body() });
    // 202 when a deployment was queued, 200 when the notification was only recorded.
    return { status: deployed ? 202 : 200, body: { deliveries } };
  },
  { allowQueryToken: true },
);
