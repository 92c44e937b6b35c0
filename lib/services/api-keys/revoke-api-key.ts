import { and, eq } from 'drizzle-orm';
import { apiKey } from '@/db/schema';
import { revokeCredentials } from '@/lib/auth/bearer-credential';
import { ServiceError } from '@/lib/errors';
import { z } from 'zod';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg, idPath } from '../paths';
import { isUuid, parse } from '../validation';

export async function revokeApiKey(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'api-keys:manage');
  const { id } = parse(z.strictObject(idPath), body);
  if (!isUuid(id)) throw ServiceError.notFound('API key');
  return ctx.db.transaction(async (tx) => {
    const [row] = await revokeCredentials(tx, 'api-key', and(eq(apiKey.id, id), eq(apiKey.organizationId, org.id)));
    if (!row) throw ServiceError.notFound('API key');
    await audit(tx, ctx, org.id, { action: 'api-key.revoke', targetType: 'api-key', targetId: row.id, targetLabel: row.name });
    return row;
  });
}
