import { asc, eq } from 'drizzle-orm';
import { dataPlane, environment } from '@/db/schema';
import { authorize, type ServiceContext } from '../context';

/** The organisation's environments in promotion order. */
export async function listEnvironments(ctx: ServiceContext, orgSlug: string) {
  const { org } = await authorize(ctx, orgSlug, 'org:read');
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
