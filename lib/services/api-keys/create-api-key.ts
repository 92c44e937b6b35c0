import { apiKey } from '@/db/schema';
import { expiryAfterDays, issueCredential } from '@/lib/auth/bearer-credential';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { covers } from '../roles';
import { parse } from '../validation';
import { createApiKeyInput } from './schemas';

/**
 * Creates an organisation API key; the key is returned this once and stored only as a hash.
 * It records the person behind it (the signed-in user, or the person behind the calling key),
 * so it can never act with more than that person's role, and dies with their membership.
 */
export async function createApiKey(ctx: ServiceContext, input: unknown) {
  const { org, role, body } = await authorizeOrg(ctx, input, 'api-keys:manage');
  const data = parse(createApiKeyInput, body);
  if (!covers(role, data.role)) throw ServiceError.forbidden(`You cannot create a key with more rights than your own role (${role}).`);
  const { secret: key, prefix, hash } = issueCredential('api-key');
  const createdBy = ctx.actor.type === 'user' ? ctx.actor.userId : ctx.actor.type === 'api-key' ? ctx.actor.createdBy : null;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKey)
      .values({ organizationId: org.id, name: data.name, role: data.role, prefix, hash, createdBy, expiresAt: expiryAfterDays(data.expiresInDays) })
      .returning({ id: apiKey.id, name: apiKey.name, role: apiKey.role, prefix: apiKey.prefix, createdAt: apiKey.createdAt, expiresAt: apiKey.expiresAt });
    await audit(tx, ctx, org.id, { action: 'api-key.create', targetType: 'api-key', targetId: row.id, targetLabel: row.name, data: { role: row.role, prefix: row.prefix } });
    return { ...row, key };
  });
}
