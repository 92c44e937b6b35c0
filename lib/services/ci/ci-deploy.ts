import { and, eq, gt } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { webhookDelivery } from '@/db/schema';
import { isServiceError, ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { deployComponent } from '../deployments/deploy';
import { parse } from '../validation';
import { ciAccept } from './ci-accept';
import { ciDeployInput } from './schemas';

/** What CI learns about the deployment it started (the adapter adds where to follow it). */
export interface CiDeployAccepted {
  deploymentId: string;
  status: string;
  environment: string;
  image: string;
  digest: string;
}

const idempotencyWindowMs = 24 * 3600_000;

/**
 * The deploy webhook: resolves the image CI just pushed, records a release and queues a
 * deployment to the first environment. The same Idempotency-Key within 24 hours returns
 * the first answer and creates nothing new. Every call is recorded as a delivery.
 */
export async function ciDeploy(ctx: ServiceContext, input: unknown, idempotencyKey?: string): Promise<CiDeployAccepted> {
  const { actor, component, label, limited, environment, registry } = await ciAccept(ctx);
  try {
    limited();
  } catch (e) {
    await ctx.db.insert(webhookDelivery).values({ organizationId: actor.organizationId, componentId: component.id, tokenId: actor.tokenId, source: 'ci', result: 'rejected', message: (e as Error).message });
    throw e;
  }
  const key = idempotencyKey?.trim().slice(0, 200) || undefined;
  let deliveryId: string | undefined;
  if (key) {
    // Reserve the key first (a new key, the common case, costs one statement): the partial
    // unique index lets exactly one request hold it. Taken: answer as the first request did.
    const reserve = async () =>
      (
        await ctx.db
          .insert(webhookDelivery)
          .values({ organizationId: actor.organizationId, componentId: component.id, tokenId: actor.tokenId, source: 'ci', result: 'accepted', message: 'In progress.', idempotencyKey: key })
          .onConflictDoNothing()
          .returning({ id: webhookDelivery.id })
      )[0]?.id;
    deliveryId = await reserve();
    if (!deliveryId) {
      const previous = await previousAnswer(ctx, component.id, key);
      if (previous) return previous;
      // The key expired (previousAnswer freed it) or its first request is still running.
      deliveryId = await reserve();
      if (!deliveryId) {
        const answer = await waitForAnswer(ctx, component.id, key);
        if (!answer) throw ServiceError.conflict('A request with this Idempotency-Key is still being processed.');
        return answer;
      }
    }
  }
  const raw = input as { image?: unknown; tag?: unknown; digest?: unknown } | undefined;
  const attempted = (typeof raw?.image === 'string' ? raw.image : typeof raw?.tag === 'string' ? `${component.repository}:${raw.tag}` : typeof raw?.digest === 'string' ? `${component.repository}@${raw.digest}` : null)?.replace(/\u0000/g, '').slice(0, 512) ?? null;
  try {
    const data = parse(ciDeployInput, input);
    let body: CiDeployAccepted | undefined;
    // The deployment, its release and the delivery record commit together: a failure
    // anywhere leaves nothing queued, so CI may retry without deploying twice.
    await deployComponent(ctx, actor.organizationId, label, component, { image: data.image, tag: data.tag, digest: data.digest }, async (tx, accepted) => {
      body = {
        deploymentId: accepted.id,
        status: accepted.status,
        environment: accepted.environment,
        image: accepted.release.image,
        digest: accepted.release.digest,
      };
      const message = accepted.unchanged ? `The newest deployment (${accepted.status}) already has this image and settings: nothing new to deploy.` : null;
      await record(tx, deliveryId, { organizationId: actor.organizationId, componentId: component.id, tokenId: actor.tokenId, source: 'ci', image: accepted.release.image, result: 'accepted', message, deploymentId: accepted.id, commit: data.commit ?? null, buildUrl: data.buildUrl ?? null, idempotencyKey: key ?? null, responseStatus: null, responseBody: body });
    }, { skipWhenActive: true, firstEnvironment: environment, registry });
    return body!;
  } catch (e) {
    const message = isServiceError(e) ? e.message : 'Internal error.';
    await record(ctx.db, deliveryId, { organizationId: actor.organizationId, componentId: component.id, tokenId: actor.tokenId, source: 'ci', image: attempted, result: 'rejected', message, deploymentId: null, commit: null, buildUrl: null, idempotencyKey: null, responseStatus: null, responseBody: null });
    throw e;
  }
}

type DeliveryValues = typeof webhookDelivery.$inferInsert;

async function record(db: Tx, reservedId: string | undefined, values: DeliveryValues) {
  if (reservedId) {
    // A rejected request frees its key, so CI can retry with the same one.
    const update = values.result === 'rejected' ? { ...values, idempotencyKey: null } : values;
    await db.update(webhookDelivery).set(update).where(eq(webhookDelivery.id, reservedId));
  } else {
    await db.insert(webhookDelivery).values(values);
  }
}

/** The first answer given for this key: the delivery's recorded result, once it has one. */
async function previousAnswer(ctx: ServiceContext, componentId: string, key: string): Promise<CiDeployAccepted | undefined> {
  const [row] = await ctx.db
    .select({ deploymentId: webhookDelivery.deploymentId, body: webhookDelivery.responseBody, createdAt: webhookDelivery.createdAt, id: webhookDelivery.id })
    .from(webhookDelivery)
    .where(and(eq(webhookDelivery.componentId, componentId), eq(webhookDelivery.idempotencyKey, key)));
  if (!row) return undefined;
  if (row.createdAt.getTime() < Date.now() - idempotencyWindowMs) {
    await ctx.db.update(webhookDelivery).set({ idempotencyKey: null }).where(eq(webhookDelivery.id, row.id));
    return undefined;
  }
  if (!row.deploymentId || !row.body) return undefined;
  // Answers recorded before the adapter owned the URL carry it; the adapter sets it anew.
  const { statusUrl: _, ...answer } = row.body as CiDeployAccepted & { statusUrl?: string };
  return answer;
}

async function waitForAnswer(ctx: ServiceContext, componentId: string, key: string): Promise<CiDeployAccepted | undefined> {
  for (let i = 0; i < 100; i++) {
    const answer = await previousAnswer(ctx, componentId, key);
    if (answer) return answer;
    const [pending] = await ctx.db
      .select({ id: webhookDelivery.id })
      .from(webhookDelivery)
      .where(and(eq(webhookDelivery.componentId, componentId), eq(webhookDelivery.idempotencyKey, key), gt(webhookDelivery.createdAt, new Date(Date.now() - idempotencyWindowMs))));
    if (!pending) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}
