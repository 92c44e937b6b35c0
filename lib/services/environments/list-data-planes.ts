import { asc, eq, sql } from 'drizzle-orm';
import { dataPlane, environment } from '@/db/schema';
import { authorize, type ServiceContext } from '../context';

/** Data planes with the environments bound to them; secret material is never selected. */
export async function listDataPlanes(ctx: ServiceContext, orgSlug: string) {
  const { org } = await authorize(ctx, orgSlug, 'org:read');
  return ctx.db
    .select({
      id: dataPlane.id,
      name: dataPlane.name,
      driver: dataPlane.driver,
      settings: dataPlane.settings,
      createdAt: dataPlane.createdAt,
      environments: sql<string[]>`coalesce(array_agg(${environment.name} order by ${environment.position}) filter (where ${environment.id} is not null), '{}')`,
    })
    .from(dataPlane)
    .leftJoin(environment, eq(environment.dataPlaneId, dataPlane.id))
    .where(eq(dataPlane.organizationId, org.id))
    .groupBy(dataPlane.id)
    .orderBy(asc(dataPlane.name));
}
