import { deployment } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { parse } from '../validation';
import { can } from '../roles';
import { deployComponent, type Accepted } from './deploy';
import { needsApproval, requestPromotion, type PendingPromotion } from './promotion-approval';
import { findEnvironment } from './find-environment';
import { promoteInput } from './schemas';
import { activeDeploymentOf } from './queries';

/**
 * Build once, deploy many: runs the exact release active in `from` in the later environment
 * `to` — or, when the organisation requires approval for its last environment, records the
 * request for an admin or platform engineer (promotion-approval.ts).
 */
export async function promote(ctx: ServiceContext, input: unknown): Promise<Accepted | PendingPromotion> {
  const { org, role, project, component: comp, body } = await loadComponent(ctx, input, 'deployments:manage');
  const data = parse(promoteInput, body);
  const from = await findEnvironment(ctx.db, org.id, data.from);
  const to = await findEnvironment(ctx.db, org.id, data.to);
  if (to.position <= from.position) {
    throw ServiceError.invalid(`Promotion goes forward along the path: ${to.name} does not come after ${from.name}.`, { to: 'Choose a later environment.' });
  }
  const [active] = await ctx.db
    .select({ releaseId: deployment.releaseId })
    .from(deployment)
    .where(activeDeploymentOf(comp.id, from.id));
  if (!active) throw ServiceError.conflict(`Nothing is running in ${from.name} yet: deploy there first.`);
  const label = `${project.name}/${comp.name}`;
  // Under the promotion policy the last environment waits for an approver; one who may approve promotes directly.
  if (!can(role, 'promotions:approve') && (await needsApproval(ctx.db, org.id, to))) {
    return requestPromotion(ctx, { organizationId: org.id, componentId: comp.id, label, from, to, releaseId: active.releaseId });
  }
  return deployComponent(ctx, org.id, label, comp, { releaseId: active.releaseId, environment: to.name, trigger: 'promote' });
}
