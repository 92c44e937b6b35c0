import { desc, eq } from 'drizzle-orm';
import { apiKey, user } from '@/db/schema';
import type { ServiceContext } from '../context';
import { authorizeOrg, noFields } from '../paths';
import { parse } from '../validation';

export async function listApiKeys(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'api-keys:manage');
  parse(noFields, body);
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
