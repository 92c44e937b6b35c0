import { asc, eq } from 'drizzle-orm';
import { componentConfig, environment } from '@/db/schema';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';

/** Configuration entries; secret values are never selected. */
export async function listConfigs(ctx: ServiceContext, orgSlug: string, projectName: string, componentName: string) {
  const { component } = await loadComponent(ctx, orgSlug, projectName, componentName, 'org:read');
  return ctx.db
    .select({ id: componentConfig.id, kind: componentConfig.kind, key: componentConfig.key, value: componentConfig.value, secret: componentConfig.secret, environment: environment.name, updatedAt: componentConfig.updatedAt })
    .from(componentConfig)
    .leftJoin(environment, eq(environment.id, componentConfig.environmentId))
    .where(eq(componentConfig.componentId, component.id))
    .orderBy(asc(componentConfig.kind), asc(componentConfig.key));
}
