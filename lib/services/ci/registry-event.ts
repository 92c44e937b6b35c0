import type { Tx } from '@/db/client';
import { webhookDelivery } from '@/db/schema';
import { tagMatches } from '@/lib/ci/glob';
import { normalisePushEvents, type EventSource, type PushEvent } from '@/lib/ci/registry-events';
import { isServiceError } from '@/lib/errors';
import { normalizeDomain, parseImageReference } from '@/lib/oci/reference';
import type { ServiceContext } from '../context';
import { deployComponent } from '../deployments/deploy';
import { assertNoNulBytes } from '../validation';
import { ciAccept } from './ci-accept';

interface Outcome {
  image: string;
  result: 'accepted' | 'ignored' | 'rejected';
  message: string | null;
  deploymentId: string | null;
}

/**
 * A registry's push notification: each pushed image is matched against the component's
 * repository and tag filter; the last matching one is deployed, the rest are recorded
 * with the reason they were not. `deployed` says whether a deployment was queued.
 * `input`: the event source named in the path and the registry's notification as sent.
 */
export async function registryEvent(ctx: ServiceContext, input: { source: EventSource; notification: unknown }) {
  const { actor, component, label, limited, environment, registry } = await ciAccept(ctx);
  limited();
  const { source, notification } = input;
  assertNoNulBytes(notification);
  const events = normalisePushEvents(source, notification);
  const own = parseImageReference(`${component.repository}:latest`);
  const display = (e: PushEvent) => `${e.host ? `${e.host}/` : ''}${e.path}${e.tag ? `:${e.tag}` : ''}${e.digest && !e.tag ? `@${e.digest}` : ''}`;
  const why = (e: PushEvent): string | null => {
    if (e.host && normalizeDomain(e.host.toLowerCase()) !== normalizeDomain(own.domain)) return `The push is for ${e.host}, not this component's registry ${own.domain}.`;
    if (e.path !== own.path) return `The repository ${e.path} is not this component's (${own.path}).`;
    if (!e.tag && !e.digest) return 'The notification names no tag or digest.';
    if (e.tag && !tagMatches(component.tagFilter, e.tag)) return `The tag ${e.tag} does not match the tag filter "${component.tagFilter}".`;
    return null;
  };
  const outcomes: Outcome[] = events.map((e) => ({ image: display(e), result: 'ignored', message: why(e), deploymentId: null }));
  if (events.length === 0) outcomes.push({ image: '', result: 'ignored', message: 'The notification is not an image push.', deploymentId: null });
  const lastMatch = outcomes.map((o, i) => (o.message === null && events[i] ? i : -1)).filter((i) => i >= 0).pop();
  for (const [i, o] of outcomes.entries()) if (o.message === null && i !== lastMatch) o.message = 'A later image in the same notification was deployed.';
  const record = (db: Tx) =>
    db.insert(webhookDelivery).values(outcomes.map((o) => ({ organizationId: actor.organizationId, componentId: component.id, tokenId: actor.tokenId, source, image: o.image || null, result: o.result, message: o.message, deploymentId: o.deploymentId })));
  let recorded = false;
  if (lastMatch !== undefined) {
    const e = events[lastMatch];
    const o = outcomes[lastMatch];
    const pushed = o.image;
    try {
      // The deliveries commit with the deployment they accepted: no deployment without its record.
      await deployComponent(ctx, actor.organizationId, label, component, e.digest ? { digest: e.digest, trigger: 'registry-event' } : { tag: e.tag, trigger: 'registry-event' }, async (tx, accepted) => {
        Object.assign(o, { result: 'accepted', message: accepted.unchanged ? `The newest deployment (${accepted.status}) already has this image and settings: nothing new to deploy.` : null, deploymentId: accepted.id, image: accepted.release.image });
        await record(tx);
        recorded = true;
      }, { skipWhenActive: true, firstEnvironment: environment, registry });
    } catch (err) {
      recorded = false;
      Object.assign(o, { result: 'rejected', message: isServiceError(err) ? err.message : 'Internal error.', deploymentId: null, image: pushed });
      if (!isServiceError(err)) throw err;
    }
  }
  if (!recorded) await record(ctx.db);
  return { deployed: outcomes.some((o) => o.result === 'accepted'), deliveries: outcomes };
}
