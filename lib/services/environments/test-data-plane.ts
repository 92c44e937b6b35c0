import { and, eq } from 'drizzle-orm';
import { dataPlane } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { checkPlane, saveCheck } from './check-plane';
import { dataPlaneRefInput } from './schemas';

/**
 * Test connection (input: `{ org, name }`): the docker engine's ping, or the cluster's version
 * and what its credentials may create. The answer is recorded as the plane's health.
 */
export async function testDataPlane(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'data-planes:manage');
  const data = parse(dataPlaneRefInput, input);
  const [plane] = await ctx.db
    .select({ id: dataPlane.id, name: dataPlane.name, driver: dataPlane.driver, settings: dataPlane.settings, secretCiphertext: dataPlane.secretCiphertext, healthDetails: dataPlane.healthDetails })
    .from(dataPlane)
    .where(and(eq(dataPlane.organizationId, org.id), eq(dataPlane.name, data.name)));
  if (!plane) throw ServiceError.notFound(`Data plane "${data.name}"`);
  const check = await checkPlane(plane, { permissions: true });
  await saveCheck(ctx.db, plane.id, check, plane.healthDetails);
  return { ok: check.ok, message: check.message, checkedAt: check.checkedAt, ...check.details };
}
