import { and, eq } from 'drizzle-orm';
import { componentConfig } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { wake } from '@/lib/jobs/signal';
import { redeployActive } from './redeploy-active';
import { isUuid } from '../validation';

export async function deleteConfig(ctx: ServiceContext, orgSlug: string, projectName: string, componentName: string, id: string) {
  const { org, component } = await loadComponent(ctx, orgSlug, projectName, componentName, 'components:manage');
  if (!isUuid(id)) throw ServiceError.notFound('Configuration');
  const label = `${projectName}/${componentName}`;
  const result = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(componentConfig).where(and(eq(componentConfig.id, id), eq(componentConfig.componentId, component.id))).returning();
    if (!row) throw ServiceError.notFound('Configuration');
    await audit(tx, ctx, org.id, { action: 'config.delete', targetType: 'component', targetId: component.id, targetLabel: label, data: { kind: row.kind, key: row.key } });
    return { redeployed: await redeployActive(tx, ctx, { organizationId: org.id, componentId: component.id, componentLabel: label, environmentId: row.environmentId }) };
  });
  if (result.redeployed.length) wake('deployment');
  return result;
}
