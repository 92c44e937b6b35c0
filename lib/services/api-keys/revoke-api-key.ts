import { and, eq } from 'drizzle-orm';
import { apiKey } from '@/db/schema';
import { revokeCredentials } from '@/lib/auth/bearer-credential';
import { ServiceError } from '@/lib/errors';
import { audit, authorize, type ServiceContext } from '../context';
import { isUuid } from '../validation';

export async function revokeApiKey(ctx: ServiceContext, orgSlug: string, id: string) {
  const { org } = await authorize(ctx, orgSlug, 'api-keys:manage');
  if (!isUuid(id)) throw ServiceError.notFound('API key');
  return ctx.db.transaction(async (tx) => {
    const [row] = await revokeCredentials(tx, 'api-key', and(eq(apiKey.id, id), eq(apiKey.organizationId, org.id)));
    if (!row) throw ServiceError.notFound('API key');
    await audit(tx, ctx, org.id, { action: 'api-key.revoke', targetType: 'api-key', targetId: row.id, targetLabel: row.name });
    return row;
  });
}
