import { and, eq, isNull } from 'drizzle-orm';
import { apiKey } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, authorize, type ServiceContext } from '../context';
import { isUuid } from '../validation';

export async function revokeApiKey(ctx: ServiceContext, orgSlug: string, id: string) {
  const { org } = await authorize(ctx, orgSlug, 'api-keys:manage');
  if (!isUuid(id)) throw ServiceError.notFound('API key');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKey)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKey.id, id), eq(apiKey.organizationId, org.id), isNull(apiKey.revokedAt)))
      .returning({ id: apiKey.id, name: apiKey.name });
    if (!row) throw ServiceError.notFound('API key');
    await audit(tx, ctx, org.id, { action: 'api-key.revoke', targetType: 'api-key', targetId: row.id, targetLabel: row.name });
    return row;
  });
}
