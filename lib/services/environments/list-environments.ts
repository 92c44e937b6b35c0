import { asc, eq } from 'drizzle-orm';
import { dataPlane, environment } from '@/db/schema';
import { authorizeOrg, type ServiceContext } from '../context';
import { parse } from '../validation';
import { orgInput } from './schemas';

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
