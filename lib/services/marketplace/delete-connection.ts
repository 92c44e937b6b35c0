import { eq } from 'drizzle-orm';
import { connection } from '@/db/schema';
import { audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { findConnection } from './find-connection';
import { locateScope } from './locate';
import { connectionRefInput } from './schemas';

/** Removes a connection; running containers keep their values until the next deployment. */
export async function deleteConnection(ctx: ServiceContext, input: unknown) {
  const scope = await locateScope(ctx, input, true);
  const data = parse(connectionRefInput, input);
  return ctx.db.transaction(async (tx) => {
    const row = await findConnection(tx, scope, data.name);
    await tx.delete(connection).where(eq(connection.id, row.id));
    await audit(tx, ctx, scope.org.id, { action: 'connection.delete', targetType: scope.component ? 'component' : 'project', targetId: scope.component?.id ?? scope.project.id, targetLabel: scope.label, data: { connection: row.name } });
    return { deleted: row.name };
  });
}
