import { and, eq } from 'drizzle-orm';
import { componentConfig } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { wake } from '@/lib/jobs/signal';
import { activeEnvironments, assertRedeployChoice, redeployActive } from './redeploy-active';
import { deleteConfigInput } from './schemas';
import { isUuid, parse } from '../validation';

export async function deleteConfig(ctx: ServiceContext, input: unknown) {
  const { org, project, component, body } = await loadComponent(ctx, input, 'components:manage');
  const { id, redeploy } = parse(deleteConfigInput, body);
  if (!isUuid(id)) throw ServiceError.notFound('Configuration');
  const label = `${project.name}/${component.name}`;
  const result = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(componentConfig).where(and(eq(componentConfig.id, id), eq(componentConfig.componentId, component.id))).returning();
    if (!row) throw ServiceError.notFound('Configuration');
    await audit(tx, ctx, org.id, { action: 'config.delete', targetType: 'component', targetId: component.id, targetLabel: label, data: { kind: row.kind, key: row.key } });
    const applies = await activeEnvironments(tx, component.id, row.environmentId);
    assertRedeployChoice(redeploy, applies);
    const redeployed = await redeployActive(tx, ctx, { organizationId: org.id, componentId: component.id, componentLabel: label, environmentId: row.environmentId }, redeploy);
    return { redeployed, pending: applies.filter((e) => !redeployed.includes(e)) };
  });
  if (result.redeployed.length) wake('deployment');
  return result;
}
