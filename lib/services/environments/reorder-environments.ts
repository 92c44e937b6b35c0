import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { lockEnvironments } from './find';
import { writePositions } from './positions';
import { reorderEnvironmentsInput } from './schemas';

/**
 * Sets the promotion path (input: `{ org, order: [every environment's name] }`). Nothing that
 * runs moves: what is active in each environment stays there. What changes is where a release
 * may be promoted next and which environment is first (CI deploys and new releases go there).
 */
export async function reorderEnvironments(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'environments:manage');
  const { order } = parse(reorderEnvironmentsInput, input);
  return ctx.db.transaction(async (tx) => {
    const envs = await lockEnvironments(tx, org.id);
    const names = envs.map((e) => e.name);
    const unknown = order.filter((n) => !names.includes(n));
    const missing = names.filter((n) => !order.includes(n));
    if (unknown.length || missing.length || new Set(order).size !== order.length) {
      const why = [unknown.length ? `unknown: ${unknown.join(', ')}` : '', missing.length ? `missing: ${missing.join(', ')}` : '', new Set(order).size !== order.length ? 'a name appears twice' : '']
        .filter(Boolean)
        .join('; ');
      throw ServiceError.invalid(`Name every environment exactly once (${why}).`, { order: 'Name every environment exactly once.' });
    }
    await writePositions(tx, org.id, envs, new Map(envs.map((e) => [e.id, order.indexOf(e.name)])));
    if (order.some((n, i) => names[i] !== n)) {
      await audit(tx, ctx, org.id, { action: 'environment.reorder', targetType: 'organization', targetId: org.id, targetLabel: org.slug, data: { from: names, to: order } });
    }
    return order.map((name, position) => ({ name, position }));
  });
}
