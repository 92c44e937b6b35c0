import { and, eq } from 'drizzle-orm';
import { containerRegistry } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { authorizeOrg, idPath } from '../paths';
import { parse, isUuid } from '../validation';
import { checkConnection } from './check-connection';
import { testRegistryInput } from './schemas';
import { decryptRegistrySecret } from './secret';

/** Tests a saved registry with its stored credentials and records the result. */
export async function testRegistry(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'registries:manage');
  const { id, image } = parse(testRegistryInput.extend(idPath), body);
  const [row] = isUuid(id)
    ? await ctx.db
        .select({ id: containerRegistry.id, host: containerRegistry.host, authType: containerRegistry.authType, insecure: containerRegistry.insecure, username: containerRegistry.username, secret: containerRegistry.secretCiphertext })
        .from(containerRegistry)
        .where(and(eq(containerRegistry.id, id), eq(containerRegistry.organizationId, org.id)))
    : [];
  if (!row) throw ServiceError.notFound('Container registry');
  const result = await checkConnection({ ...row, password: decryptRegistrySecret(row.id, row.secret), image });
  await ctx.db
    .update(containerRegistry)
    .set({ lastTestStatus: result.status, lastTestMessage: result.message, lastTestedAt: result.checkedAt })
    .where(eq(containerRegistry.id, row.id));
  return result;
}
