import { and, asc, eq } from 'drizzle-orm';
import { ServiceError } from '@/lib/errors';
import { dataPlane, environment } from '@/db/schema';
import type { ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { environmentRefInput, orgInput } from './schemas';

/** The organisation's environments in promotion order (input: `{ org }`). */
export async function listEnvironments(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'org:read');
  parse(orgInput, input);
  return ctx.db
    .select({
      id: environment.id,
      name: environment.name,
      displayName: environment.displayName,
      position: environment.position,
      dataPlane: dataPlane.name,
      createdAt: environment.createdAt,
    })
    .from(environment)
    .innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId))
    .where(eq(environment.organizationId, org.id))
    .orderBy(asc(environment.position));
}

/** One environment (input: `{ org, env }`). */
export async function getEnvironment(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'org:read');
  const { env } = parse(environmentRefInput, input);
  const [row] = await ctx.db
    .select({ id: environment.id, name: environment.name, displayName: environment.displayName, position: environment.position, dataPlane: dataPlane.name, createdAt: environment.createdAt })
    .from(environment)
    .innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId))
    .where(and(eq(environment.organizationId, org.id), eq(environment.name, env)));
  if (!row) throw ServiceError.notFound(`Environment "${env}"`);
  return row;
}
