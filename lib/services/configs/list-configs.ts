import { asc, eq } from 'drizzle-orm';
import { componentConfig, environment } from '@/db/schema';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { noFields } from '../paths';
import { parse } from '../validation';

/** Configuration entries; secret values are never selected. */
export async function listConfigs(ctx: ServiceContext, input: unknown) {
  const { component, body } = await loadComponent(ctx, input, 'org:read');
  parse(noFields, body);
  return ctx.db
    .select({ id: componentConfig.id, kind: componentConfig.kind, key: componentConfig.key, value: componentConfig.value, secret: componentConfig.secret, environment: environment.name, updatedAt: componentConfig.updatedAt })
    .from(componentConfig)
    .leftJoin(environment, eq(environment.id, componentConfig.environmentId))
    .where(eq(componentConfig.componentId, component.id))
    .orderBy(asc(componentConfig.kind), asc(componentConfig.key));
}
