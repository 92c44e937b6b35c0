import { and, asc, eq } from 'drizzle-orm';
import { dataPlane, environment } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { dataPlaneRefInput } from './schemas';

/**
 * Detaches a cluster (input: `{ org, name }`): its sealed kubeconfig is deleted. Refused while an
 * environment uses it (move those environments first) and for the built-in docker plane.
 * What runs on the cluster is not touched: nothing can run there without an environment.
 */
export async function detachDataPlane(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'data-planes:manage');
  const data = parse(dataPlaneRefInput, input);
  await ctx.db.transaction(async (tx) => {
    const [plane] = await tx
      .select({ id: dataPlane.id, name: dataPlane.name, driver: dataPlane.driver, settings: dataPlane.settings })
      .from(dataPlane)
      .where(and(eq(dataPlane.organizationId, org.id), eq(dataPlane.name, data.name)))
      .for('update');
    if (!plane) throw ServiceError.notFound(`Data plane "${data.name}"`);
    if (plane.driver === 'docker') throw ServiceError.conflict(`"${plane.name}" is this installation's own container engine: it cannot be detached.`);
    // Locks the environments on the plane: none can move onto it while it goes.
    const users = await tx.select({ name: environment.name }).from(environment).where(eq(environment.dataPlaneId, plane.id)).orderBy(asc(environment.position)).for('update');
    if (users.length) {
      throw ServiceError.conflict(`"${plane.name}" cannot be detached while environments use it (${users.map((u) => u.name).join(', ')}). Choose another data plane for them first.`, {
        environments: users.map((u) => u.name),
      });
    }
    await tx.delete(dataPlane).where(eq(dataPlane.id, plane.id));
    await audit(tx, ctx, org.id, { action: 'data-plane.detach', targetType: 'data-plane', targetId: plane.id, targetLabel: plane.name, data: { driver: plane.driver, server: plane.settings.server } });
  });
}
