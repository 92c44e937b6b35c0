import { and, asc, eq, sql } from 'drizzle-orm';
import { dataPlane, environment } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { dataPlaneRefInput, orgInput } from './schemas';

function planes(ctx: ServiceContext, organizationId: string, name?: string) {
  return ctx.db
    .select({
      id: dataPlane.id,
      name: dataPlane.name,
      driver: dataPlane.driver,
      /** Non-secret: the API server and context of a cluster, its namespace prefix. */
      settings: dataPlane.settings,
      createdAt: dataPlane.createdAt,
      environments: sql<string[]>`coalesce(array_agg(${environment.name} order by ${environment.position}) filter (where ${environment.id} is not null), '{}')`,
      health: {
        ok: dataPlane.healthOk,
        message: dataPlane.healthMessage,
        checkedAt: dataPlane.healthCheckedAt,
        details: dataPlane.healthDetails,
      },
    })
    .from(dataPlane)
    .leftJoin(environment, eq(environment.dataPlaneId, dataPlane.id))
    .where(and(eq(dataPlane.organizationId, organizationId), name ? eq(dataPlane.name, name) : undefined))
    .groupBy(dataPlane.id)
    .orderBy(asc(dataPlane.name));
}

/** Data planes with the environments bound to them and their last health check (input: `{ org }`); secret material is never selected. */
export async function listDataPlanes(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'org:read');
  parse(orgInput, input);
  return planes(ctx, org.id);
}

/** One data plane (input: `{ org, name }`). */
export async function getDataPlane(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'org:read');
  const data = parse(dataPlaneRefInput, input);
  const [row] = await planes(ctx, org.id, data.name);
  if (!row) throw ServiceError.notFound(`Data plane "${data.name}"`);
  return row;
}
