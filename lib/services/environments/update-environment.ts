import { eq } from 'drizzle-orm';
import { dataPlane, environment } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { isUniqueViolation, parse } from '../validation';
import { findDataPlane, lockEnvironments, pickEnvironment, someNames, workloadsIn } from './find';
import { updateEnvironmentInput } from './schemas';

/**
 * Renames an environment or binds it to another data plane (input: `{ org, env, name?, displayName?, dataPlane? }`).
 * The display name changes freely. The name and the data plane are part of what runs there —
 * containers, namespaces and gateway routes are named after the environment on its plane — so
 * they change only while nothing runs in it (otherwise `conflict`, naming what runs).
 */
export async function updateEnvironment(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'environments:manage');
  const data = parse(updateEnvironmentInput, input);
  return ctx.db.transaction(async (tx) => {
    const envs = await lockEnvironments(tx, org.id);
    const env = pickEnvironment(envs, data.env);
    const [current] = await tx.select({ name: dataPlane.name }).from(dataPlane).where(eq(dataPlane.id, env.dataPlaneId));
    const rename = data.name !== undefined && data.name !== env.name;
    const plane = data.dataPlane !== undefined && data.dataPlane !== current.name ? await findDataPlane(tx, org.id, data.dataPlane, 'dataPlane') : null;
    if (rename && envs.some((e) => e.name === data.name)) {
      throw new ServiceError('conflict', `There is already an environment "${data.name}". Choose another name.`, { fields: { name: 'This name is taken.' } });
    }
    if (rename || plane) {
      const running = await workloadsIn(tx, env.id);
      if (running.length) {
        const what = rename ? 'renamed' : 'moved to another data plane';
        throw ServiceError.conflict(
          `${env.displayName} cannot be ${what} while components run in it (${someNames(running)}): their workloads are named after the environment on its data plane and would be left behind. Delete those components or wait for their rollouts to finish; the display name can change at any time.`,
          { running },
        );
      }
    }
    const displayName = data.displayName ?? env.displayName;
    const [row] = await tx
      .update(environment)
      .set({ name: rename ? data.name : env.name, displayName, dataPlaneId: plane?.id ?? env.dataPlaneId })
      .where(eq(environment.id, env.id))
      .returning()
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? ServiceError.conflict(`There is already an environment "${data.name}".`) : e;
      });
    const target = { targetType: 'environment', targetId: env.id, targetLabel: row.name };
    if (rename) await audit(tx, ctx, org.id, { action: 'environment.rename', ...target, data: { from: env.name, to: row.name } });
    if (displayName !== env.displayName) await audit(tx, ctx, org.id, { action: 'environment.update', ...target, data: { displayName: { from: env.displayName, to: displayName } } });
    if (plane) await audit(tx, ctx, org.id, { action: 'environment.change-data-plane', ...target, data: { from: current.name, to: plane.name } });
    return { ...row, dataPlane: plane?.name ?? current.name };
  });
}
