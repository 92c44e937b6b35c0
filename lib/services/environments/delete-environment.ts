import { eq } from 'drizzle-orm';
import { dataPlane, environment } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { lockEnvironments, pickEnvironment, someNames, workloadsIn } from './find';
import { writePositions } from './positions';
import { environmentRefInput } from './schemas';

/**
 * Removes an environment from the promotion path (input: `{ org, env }`). Refused while anything
 * runs in it (its workloads would be left on the data plane with nothing managing them) and for
 * the last environment. Its deployment history, per-environment configs, schedules and
 * marketplace credentials go with it; the audit log keeps what happened.
 */
export async function deleteEnvironment(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'environments:manage');
  const data = parse(environmentRefInput, input);
  await ctx.db.transaction(async (tx) => {
    const envs = await lockEnvironments(tx, org.id);
    const env = pickEnvironment(envs, data.env);
    if (envs.length === 1) throw ServiceError.conflict('The last environment cannot be deleted: deployments need somewhere to go. Add another first.');
    const running = await workloadsIn(tx, env.id);
    if (running.length) {
      throw ServiceError.conflict(
        `${env.displayName} cannot be deleted while components run in it (${someNames(running)}): their workloads would be left on the data plane with nothing managing them. Delete those components first.`,
        { running },
      );
    }
    const [plane] = await tx.select({ name: dataPlane.name }).from(dataPlane).where(eq(dataPlane.id, env.dataPlaneId));
    await tx.delete(environment).where(eq(environment.id, env.id));
    const rest = envs.filter((e) => e.id !== env.id);
    await writePositions(tx, org.id, rest, new Map(rest.map((e, i) => [e.id, i])));
    await audit(tx, ctx, org.id, { action: 'environment.delete', targetType: 'environment', targetId: env.id, targetLabel: env.name, data: { displayName: env.displayName, dataPlane: plane?.name, position: env.position } });
  });
}
