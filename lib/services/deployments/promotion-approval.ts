import { and, desc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { component, environment, project, promotionPolicy, promotionRequest, release } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { actorLabel, audit, type ServiceContext } from '../context';
import { authorizeOrg, noFields } from '../paths';
import { isUuid, parse } from '../validation';
import { deployComponent, type Accepted } from './deploy';

/**
 * Promotion approval: an organisation may require that a promotion to the LAST environment of
 * its path (production, usually) is approved by an admin or a platform engineer. The request
 * waits as a promotion_request; approving queues exactly the release that was asked for.
 */

export interface PendingPromotion {
  pendingApproval: true;
  id: string;
  environment: string;
  release: { id: string; image: string; digest: string };
}

/** Whether a promotion to `to` must wait for approval under the organisation's policy. */
export async function needsApproval(db: Tx, organizationId: string, to: { id: string; position: number }) {
  const [policy] = await db.select({ on: promotionPolicy.requireApproval }).from(promotionPolicy).where(eq(promotionPolicy.organizationId, organizationId));
  if (!policy?.on) return false;
  const [last] = await db.select({ position: max(environment.position) }).from(environment).where(eq(environment.organizationId, organizationId));
  return last?.position === to.position;
}

/** Records the request (a newer one replaces a waiting one for the same component and environment). */
export async function requestPromotion(
  ctx: ServiceContext,
  t: { organizationId: string; componentId: string; label: string; from: { id: string; name: string }; to: { id: string; name: string }; releaseId: string },
): Promise<PendingPromotion> {
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(promotionRequest)
      .set({ status: 'canceled', decidedAt: new Date(), decidedByLabel: actorLabel(ctx.actor), reason: 'Replaced by a newer request.' })
      .where(and(eq(promotionRequest.componentId, t.componentId), eq(promotionRequest.toEnvironmentId, t.to.id), eq(promotionRequest.status, 'pending')));
    const [row] = await tx
      .insert(promotionRequest)
      .values({ organizationId: t.organizationId, componentId: t.componentId, fromEnvironmentId: t.from.id, toEnvironmentId: t.to.id, releaseId: t.releaseId, requestedByLabel: actorLabel(ctx.actor) })
      .returning();
    const [rel] = await tx.select({ id: release.id, image: release.image, digest: release.digest }).from(release).where(eq(release.id, t.releaseId));
    await audit(tx, ctx, t.organizationId, { action: 'promotion.request', targetType: 'component', targetId: t.componentId, targetLabel: t.label, data: { requestId: row.id, from: t.from.name, to: t.to.name, image: rel.image, digest: rel.digest } });
    return { pendingApproval: true, id: row.id, environment: t.to.name, release: rel };
  });
}

const decisionInput = z.strictObject({
  id: z.string({ message: 'Promotion request id is required.' }).min(1).max(100),
  reason: z.string().trim().max(500, 'A reason is at most 500 characters.').optional(),
});

/** The pending request with what approving it needs, locked for the transaction. */
async function pendingRequest(tx: Tx, organizationId: string, id: string) {
  if (!isUuid(id)) throw ServiceError.notFound('Promotion request');
  const [row] = await tx
    .select({ request: promotionRequest, component, project: project.name, from: environment.name })
    .from(promotionRequest)
    .innerJoin(component, eq(component.id, promotionRequest.componentId))
    .innerJoin(project, eq(project.id, component.projectId))
    .innerJoin(environment, eq(environment.id, promotionRequest.fromEnvironmentId))
    .where(and(eq(promotionRequest.id, id), eq(promotionRequest.organizationId, organizationId)))
    .for('update', { of: promotionRequest });
  if (!row) throw ServiceError.notFound('Promotion request');
  if (row.request.status !== 'pending') throw ServiceError.conflict(`This promotion was already ${row.request.status}.`);
  const [to] = await tx.select({ name: environment.name }).from(environment).where(eq(environment.id, row.request.toEnvironmentId));
  return { ...row, to: to.name, label: `${row.project}/${row.component.name}` };
}

/** Approves: exactly the requested release is queued to the environment, in the same transaction as the decision. */
export async function approvePromotion(ctx: ServiceContext, input: unknown): Promise<Accepted> {
  const { org, body } = await authorizeOrg(ctx, input, 'promotions:approve');
  const { id } = parse(decisionInput.omit({ reason: true }), body);
  // The decision is re-checked inside the deployment's transaction (locked), so two approvers cannot both queue it.
  const found = await pendingRequest(ctx.db, org.id, id);
  return deployComponent(ctx, org.id, found.label, found.component, { releaseId: found.request.releaseId, environment: found.to, trigger: 'promote' }, async (tx, accepted) => {
    const again = await pendingRequest(tx, org.id, id);
    await tx.update(promotionRequest).set({ status: 'approved', decidedAt: new Date(), decidedByLabel: actorLabel(ctx.actor), deploymentId: accepted.id }).where(eq(promotionRequest.id, again.request.id));
    await audit(tx, ctx, org.id, { action: 'promotion.approve', targetType: 'component', targetId: found.component.id, targetLabel: found.label, data: { requestId: id, from: found.from, to: found.to, requestedBy: found.request.requestedByLabel, deploymentId: accepted.id } });
  });
}

/** Rejects: nothing is deployed; the requester sees who rejected it and why. */
export async function rejectPromotion(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'promotions:approve');
  const { id, reason } = parse(decisionInput, body);
  return ctx.db.transaction(async (tx) => {
    const found = await pendingRequest(tx, org.id, id);
    await tx.update(promotionRequest).set({ status: 'rejected', decidedAt: new Date(), decidedByLabel: actorLabel(ctx.actor), reason: reason || null }).where(eq(promotionRequest.id, id));
    await audit(tx, ctx, org.id, { action: 'promotion.reject', targetType: 'component', targetId: found.component.id, targetLabel: found.label, data: { requestId: id, from: found.from, to: found.to, requestedBy: found.request.requestedByLabel, reason: reason || undefined } });
    return { id, status: 'rejected' as const };
  });
}

/** The organisation's promotions waiting for approval, oldest first. */
export async function listPendingPromotions(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'org:read');
  parse(noFields, body);
  return ctx.db
    .select({ id: promotionRequest.id, project: project.name, component: component.name, componentDisplayName: component.displayName, releaseId: release.id, image: release.image, tag: release.tag, digest: release.digest, requestedBy: promotionRequest.requestedByLabel, createdAt: promotionRequest.createdAt, to: environment.name })
    .from(promotionRequest)
    .innerJoin(component, eq(component.id, promotionRequest.componentId))
    .innerJoin(project, eq(project.id, component.projectId))
    .innerJoin(release, eq(release.id, promotionRequest.releaseId))
    .innerJoin(environment, eq(environment.id, promotionRequest.toEnvironmentId))
    .where(and(eq(promotionRequest.organizationId, org.id), eq(promotionRequest.status, 'pending')))
    .orderBy(promotionRequest.createdAt)
    .limit(200);
}

/** The latest request for each target environment of a component (pending, or the last decision), for its environment cards. */
export async function promotionRequestsOf(db: Tx, componentId: string) {
  const rows = await db
    .select({ id: promotionRequest.id, status: promotionRequest.status, toEnvironmentId: promotionRequest.toEnvironmentId, from: environment.name, releaseId: release.id, image: release.image, tag: release.tag, digest: release.digest, requestedBy: promotionRequest.requestedByLabel, decidedBy: promotionRequest.decidedByLabel, reason: promotionRequest.reason, createdAt: promotionRequest.createdAt, decidedAt: promotionRequest.decidedAt })
    .from(promotionRequest)
    .innerJoin(release, eq(release.id, promotionRequest.releaseId))
    .innerJoin(environment, eq(environment.id, promotionRequest.fromEnvironmentId))
    .where(eq(promotionRequest.componentId, componentId))
    .orderBy(desc(promotionRequest.createdAt))
    .limit(50);
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.toEnvironmentId)) latest.set(r.toEnvironmentId, r);
  return latest;
}

const policyInput = z.strictObject({ requireApproval: z.boolean({ message: 'requireApproval must be true or false.' }) });

export async function getPromotionPolicy(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'org:read');
  parse(noFields, body);
  const [row] = await ctx.db.select({ requireApproval: promotionPolicy.requireApproval }).from(promotionPolicy).where(eq(promotionPolicy.organizationId, org.id));
  const [last] = await ctx.db.select({ name: environment.displayName }).from(environment).where(eq(environment.organizationId, org.id)).orderBy(desc(environment.position)).limit(1);
  return { requireApproval: row?.requireApproval ?? false, lastEnvironment: last?.name ?? null };
}

/** Admins turn approval of promotions to the last environment on or off. Waiting requests stay waiting either way. */
export async function setPromotionPolicy(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'org:manage');
  const data = parse(policyInput, body);
  return ctx.db.transaction(async (tx) => {
    await tx
      .insert(promotionPolicy)
      .values({ organizationId: org.id, requireApproval: data.requireApproval })
      .onConflictDoUpdate({ target: promotionPolicy.organizationId, set: { requireApproval: data.requireApproval, updatedAt: new Date() } });
    await audit(tx, ctx, org.id, { action: 'promotion.policy.set', targetType: 'organization', targetId: org.id, targetLabel: org.slug, data });
    return data;
  });
}
