import { asc, eq, sql } from 'drizzle-orm';
import { dataPlane, environment } from '@/db/schema';
import { authorizeOrg, type ServiceContext } from '../context';
import { parse } from '../validation';
import { orgInput } from './schemas';

/** Data planes with the environments bound to them (input: `{ org }`); secret material is never selected. */
export async function listDataPlanes(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'org:read');
  parse(orgInput, input);
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
