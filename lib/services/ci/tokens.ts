import { and, desc, eq } from 'drizzle-orm';
import { ciToken, user } from '@/db/schema';
import { expiryAfterDays, isUsable, issueCredential, revokeCredentials } from '@/lib/auth/bearer-credential';
import { ServiceError } from '@/lib/errors';
import { actorLabel, audit, type ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { parse, isUuid } from '../validation';
import { createCiTokenInput } from './schemas';

/** Creates a token bound to this one component; the value is returned this once. */
export async function createCiToken(ctx: ServiceContext, orgSlug: string, projectName: string, componentName: string, input: unknown) {
  const { org, component } = await loadComponent(ctx, orgSlug, projectName, componentName, 'ci-tokens:manage');
  const data = parse(createCiTokenInput, input);
  const { secret: token, prefix, hash } = issueCredential('ci-token');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ciToken)
      .values({
        organizationId: org.id,
        componentId: component.id,
        name: data.name,
        prefix,
        hash,
        createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
        createdByLabel: actorLabel(ctx.actor),
        expiresAt: expiryAfterDays(data.expiresInDays),
      })
      .returning({ id: ciToken.id, name: ciToken.name, prefix: ciToken.prefix, createdAt: ciToken.createdAt, expiresAt: ciToken.expiresAt });
    await audit(tx, ctx, org.id, { action: 'ci-token.create', targetType: 'component', targetId: component.id, targetLabel: `${projectName}/${componentName}`, data: { tokenId: row.id, name: row.name, prefix: row.prefix } });
    return { ...row, token };
  });
}

export async function listCiTokens(ctx: ServiceContext, orgSlug: string, projectName: string, componentName: string) {
  const { component } = await loadComponent(ctx, orgSlug, projectName, componentName, 'ci-tokens:manage');
  const rows = await ctx.db
    .select({ id: ciToken.id, name: ciToken.name, prefix: ciToken.prefix, createdAt: ciToken.createdAt, createdBy: ciToken.createdByLabel, lastUsedAt: ciToken.lastUsedAt, expiresAt: ciToken.expiresAt, revokedAt: ciToken.revokedAt, userEmail: user.email })
    .from(ciToken)
    .leftJoin(user, eq(user.id, ciToken.createdBy))
    .where(eq(ciToken.componentId, component.id))
    .orderBy(desc(ciToken.createdAt));
  const now = new Date();
  return rows.map(({ userEmail, ...r }) => ({
    ...r,
    createdBy: userEmail ?? r.createdBy,
    status: isUsable(r, now) ? 'active' : r.revokedAt ? 'revoked' : 'expired',
  }));
}

/** Revocation is effective at once: the next request with the token is refused. */
export async function revokeCiToken(ctx: ServiceContext, orgSlug: string, projectName: string, componentName: string, id: string) {
  const { org, component } = await loadComponent(ctx, orgSlug, projectName, componentName, 'ci-tokens:manage');
  if (!isUuid(id)) throw ServiceError.notFound('CI token');
  return ctx.db.transaction(async (tx) => {
    const [row] = await revokeCredentials(tx, 'ci-token', and(eq(ciToken.id, id), eq(ciToken.componentId, component.id)));
    if (!row) throw ServiceError.notFound('CI token');
    await audit(tx, ctx, org.id, { action: 'ci-token.revoke', targetType: 'component', targetId: component.id, targetLabel: `${projectName}/${componentName}`, data: { tokenId: row.id, name: row.name } });
    return row;
  });
}
