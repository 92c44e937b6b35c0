import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db/client';
import { dataPlane, environment, member, organization } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { isUniqueViolation } from '../validation';

export const defaultEnvironments = [
  { name: 'development', displayName: 'Development' },
  { name: 'staging', displayName: 'Staging' },
  { name: 'production', displayName: 'Production' },
] as const;

/**
 * Creates an organisation with its owner as admin, the `local` docker data plane and
 * the default promotion path. Runs inside the caller's transaction.
 */
export async function provisionOrg(tx: Tx, ctx: ServiceContext, input: { slug: string; name: string; ownerId: string }) {
  const orgId = randomUUID();
  try {
    await tx.insert(organization).values({ id: orgId, slug: input.slug, name: input.name });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new ServiceError('conflict', `The organization slug "${input.slug}" is taken. Choose another.`, { fields: { slug: 'This slug is taken.' } });
    }
    throw e;
  }
  await tx.insert(member).values({ id: randomUUID(), organizationId: orgId, userId: input.ownerId, role: 'admin' });
  const [plane] = await tx
    .insert(dataPlane)
    .values({ organizationId: orgId, name: 'local', driver: 'docker', settings: {} })
    .returning({ id: dataPlane.id });
  await tx.insert(environment).values(
    defaultEnvironments.map((env, position) => ({ organizationId: orgId, ...env, position, dataPlaneId: plane.id })),
  );
  await audit(tx, ctx, orgId, { action: 'organization.create', targetType: 'organization', targetId: orgId, targetLabel: input.slug, data: { name: input.name } });
  return { id: orgId, slug: input.slug, name: input.name };
}
