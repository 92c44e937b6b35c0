import { and, eq } from 'drizzle-orm';
import { deployment } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { parse } from '../validation';
import { deployComponent } from './deploy';
import { findEnvironment } from './find-environment';
import { promoteInput } from './schemas';

/** Build once, deploy many: runs the exact release active in `from` in the later environment `to`. */
export async function promote(ctx: ServiceContext, input: unknown) {
  const { org, project, component: comp, body } = await loadComponent(ctx, input, 'deployments:manage');
  const data = parse(promoteInput, body);
  const from = await findEnvironment(ctx.db, org.id, data.from);
  const to = await findEnvironment(ctx.db, org.id, data.to);
  if (to.position <= from.position) {
    throw ServiceError.invalid(`Promotion goes forward along the path: ${to.name} does not come after ${from.name}.`, { to: 'Choose a later environment.' });
  }
  const [active] = await ctx.db
    .select({ releaseId: deployment.releaseId })
    .from(deployment)
    .where(and(eq(deployment.componentId, comp.id), eq(deployment.environmentId, from.id), eq(deployment.status, 'active')));
  if (!active) throw ServiceError.conflict(`Nothing is running in ${from.name} yet: deploy there first.`);
  return deployComponent(ctx, org.id, `${project.name}/${comp.name}`, comp, { releaseId: active.releaseId, environment: to.name, trigger: 'promote' });
}
