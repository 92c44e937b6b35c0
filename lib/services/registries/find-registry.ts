import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { containerRegistry } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { isUuid } from '../validation';

/** Every column except the secret: what ordinary reads may see. */
export const publicColumns = {
  id: containerRegistry.id,
  displayName: containerRegistry.displayName,
  host: containerRegistry.host,
  authType: containerRegistry.authType,
  username: containerRegistry.username,
  insecure: containerRegistry.insecure,
  lastTestStatus: containerRegistry.lastTestStatus,
  lastTestMessage: containerRegistry.lastTestMessage,
  lastTestedAt: containerRegistry.lastTestedAt,
  createdAt: containerRegistry.createdAt,
  updatedAt: containerRegistry.updatedAt,
};

export async function findRegistry(db: Tx, organizationId: string, id: string) {
  if (!isUuid(id)) throw ServiceError.notFound('Container registry');
  const [row] = await db
    .select(publicColumns)
    .from(containerRegistry)
    .where(and(eq(containerRegistry.id, id), eq(containerRegistry.organizationId, organizationId)));
  if (!row) throw ServiceError.notFound('Container registry');
  return row;
}
