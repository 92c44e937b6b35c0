import { desc, eq } from 'drizzle-orm';
import { apiKey, user } from '@/db/schema';
import { authorize, type ServiceContext } from '../context';

export async function listApiKeys(ctx: ServiceContext, orgSlug: string) {
  const { org } = await authorize(ctx, orgSlug, 'api-keys:manage');
  return ctx.db
    .select({
      id: apiKey.id,
      name: apiKey.name,
      role: apiKey.role,
      prefix: apiKey.prefix,
      createdAt: apiKey.createdAt,
      createdBy: user.email,
      expiresAt: apiKey.expiresAt,
      lastUsedAt: apiKey.lastUsedAt,
      revokedAt: apiKey.revokedAt,
    })
    .from(apiKey)
    .leftJoin(user, eq(user.id, apiKey.createdBy))
    .where(eq(apiKey.organizationId, org.id))
    .orderBy(desc(apiKey.createdAt));
}
