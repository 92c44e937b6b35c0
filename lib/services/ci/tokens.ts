import { and, desc, eq } from 'drizzle-orm';
import { ciToken, user } from '@/db/schema';
import { expiryAfterDays, isUsable, issueCredential, revokeCredentials } from '@/lib/auth/bearer-credential';
import { ServiceError } from '@/lib/errors';
import { actorLabel, audit, type ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { z } from 'zod';
import { idPath, noFields } from '../paths';
import { parse, isUuid } from '../validation';
import { createCiTokenInput } from './schemas';

/** Creates a token bound to this one component; the value is returned this once. */
export async function createCiToken(ctx: ServiceContext, input: unknown) {
  const { org, project, component, body } = await loadComponent(ctx, input, 'ci-tokens:manage');
  const data = parse(createCiTokenInput, body);
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
    await audit(tx, ctx, org.id, { action: 'ci-token.create', targetType: 'component', targetId: component.id, targetLabel: `${project.name}/${component.name}`, data: { tokenId: row.id, name: row.name, prefix: row.prefix } });
    return { ...row, token };
  });
}

export async function listCiTokens(ctx: ServiceContext, input: unknown) {
  const { component, body } = await loadComponent(ctx, input, 'ci-tokens:manage');
  parse(noFields, body);
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
export async function revokeCiToken(ctx: ServiceContext, input: unknown) {
  const { org, project, component, body } = await loadComponent(ctx, input, 'ci-tokens:manage');
  const { id } = parse(z.strictObject(idPath), body);
  if (!isUuid(id)) throw ServiceError.notFound('CI token');
  return ctx.db.transaction(async (tx) => {
    const [row] = await revokeCredentials(tx, 'ci-token', and(eq(ciToken.id, id), eq(ciToken.componentId, component.id)));
    if (!row) throw ServiceError.notFound('CI token');
    await audit(tx, ctx, org.id, { action: 'ci-token.revoke', targetType: 'component', targetId: component.id, targetLabel: `${project.name}/${component.name}`, data: { tokenId: row.id, name: row.name } });
    return row;
  });
}
