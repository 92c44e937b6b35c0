import { environment } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { isUniqueViolation, parse } from '../validation';
import { findDataPlane, lockEnvironments } from './find';
import { writePositions } from './positions';
import { MAX_ENVIRONMENTS, createEnvironmentInput } from './schemas';

/**
 * Adds an environment to the promotion path (input: `{ org, name, displayName, dataPlane, position? }`),
 * at `position` (0 = first) or last. A new first environment becomes where CI deploys and new releases go.
 */
export async function createEnvironment(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'environments:manage');
  const data = parse(createEnvironmentInput, input);
  return ctx.db.transaction(async (tx) => {
    const envs = await lockEnvironments(tx, org.id);
    if (envs.length >= MAX_ENVIRONMENTS) throw ServiceError.conflict(`An organization has at most ${MAX_ENVIRONMENTS} environments.`);
    if (envs.some((e) => e.name === data.name)) throw nameTaken(data.name);
    const plane = await findDataPlane(tx, org.id, data.dataPlane, 'dataPlane');
    const position = Math.min(data.position ?? envs.length, envs.length);
    // Make room: everything from `position` on moves one step down the path.
    await writePositions(tx, org.id, envs, new Map(envs.map((e, i) => [e.id, i < position ? i : i + 1])));
    const [row] = await tx
      .insert(environment)
      .values({ organizationId: org.id, name: data.name, displayName: data.displayName, position, dataPlaneId: plane.id })
      .returning()
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? nameTaken(data.name) : e;
      });
    await audit(tx, ctx, org.id, {
      action: 'environment.create',
      targetType: 'environment',
      targetId: row.id,
      targetLabel: row.name,
      data: { displayName: row.displayName, dataPlane: plane.name, position },
    });
    return { ...row, dataPlane: plane.name };
  });
}

function nameTaken(name: string) {
  return new ServiceError('conflict', `There is already an environment "${name}". Choose another name.`, { fields: { name: 'This name is taken.' } });
}
