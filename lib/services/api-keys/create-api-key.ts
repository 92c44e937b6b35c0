import { apiKey } from '@/db/schema';
import { displayPrefix, generateToken, hashToken } from '@/lib/crypto/tokens';
import { audit, authorize, type ServiceContext } from '../context';
import { parse } from '../validation';
import { createApiKeyInput } from './schemas';

export const apiKeyPrefix = 'gak';

/** Creates an organisation API key; the key is returned this once and stored only as a hash. */
export async function createApiKey(ctx: ServiceContext, orgSlug: string, input: unknown) {
  const { org } = await authorize(ctx, orgSlug, 'api-keys:manage');
  const data = parse(createApiKeyInput, input);
  const key = generateToken(apiKeyPrefix);
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKey)
      .values({
        organizationId: org.id,
        name: data.name,
        role: data.role,
        prefix: displayPrefix(key),
        hash: hashToken(key),
        createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
        expiresAt,
      })
      .returning({ id: apiKey.id, name: apiKey.name, role: apiKey.role, prefix: apiKey.prefix, createdAt: apiKey.createdAt, expiresAt: apiKey.expiresAt });
    await audit(tx, ctx, org.id, { action: 'api-key.create', targetType: 'api-key', targetId: row.id, targetLabel: row.name, data: { role: row.role, prefix: row.prefix } });
    return { ...row, key };
  });
}
