import { desc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { deployment, environment, organization } from '@/db/schema';
import { createComponent } from '@/lib/services/components/create-component';
import type { ServiceContext } from '@/lib/services/context';
import { promote } from '@/lib/services/deployments/promote';
import { setPromotionPolicy } from '@/lib/services/deployments/promotion-approval';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { roles, type Role } from '@/lib/services/roles';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry } from '@/lib/testing/registry';
import { sessionCookie, useTestApp } from './testing';

/**
 * What the authorization matrices call into: organisation "acme" with a member of each role,
 * an outsider organisation "globex", project "base" with component "web" built from a real
 * image in a real registry, and an active deployment of it in development.
 */
export async function buildMatrixWorld(d: Database) {
  useTestApp(d);
  const acme = await orgWithMembers(d.db, 'acme');
  const globex = await orgWithMembers(d.db, 'globex');
  await createProject(system(d.db), { org: 'acme', name: 'base', displayName: 'Base' });
  const registry = await startRegistry({ auth: 'anonymous' });
  await pushImage(await buildTestImage({ message: 'hello 1.0' }), `${registry.host}/team/hello:1.0`);
  const image = `${registry.host}/team/hello:1.0`;
  const registryId = (await createRegistry(system(d.db), { org: 'acme', displayName: 'local', authType: 'anonymous', host: registry.host })).id;
  const web = await createComponent(system(d.db), { org: 'acme', project: 'base', name: 'web', displayName: 'Web', type: 'service', registryId, image });
  const [dev] = await d.db.select().from(environment).where(eq(environment.organizationId, acme.org.id)).orderBy(environment.position);
  const [active] = await d.db
    .insert(deployment)
    .values({ organizationId: acme.org.id, componentId: web.id, environmentId: dev.id, releaseId: web.release.id, status: 'active', triggeredByType: 'system', triggeredByLabel: 'test' })
    .returning();
  const sessions = {} as Record<Role | 'outsider', string>;
  for (const role of roles) sessions[role] = await sessionCookie(d, (acme.users[role].actor as { email: string }).email);
  sessions.outsider = await sessionCookie(d, (globex.users.admin.actor as { email: string }).email);
  return { acme, globex, registryId, image, releaseId: web.release.id, deploymentId: active.id, sessions, stop: () => registry.stop() };
}
export type MatrixWorld = Awaited<ReturnType<typeof buildMatrixWorld>>;

/**
 * A fresh promotion of acme/base/web from development to the last environment waiting for approval,
 * asked by the developer (the organisation's policy is turned on by the first call). The last
 * environment is read each time: other rows of the matrices add environments at the end.
 */
export async function newPendingPromotion(d: Database, developer: ServiceContext) {
  await setPromotionPolicy(system(d.db), { org: 'acme', requireApproval: true });
  const [last] = await d.db.select({ name: environment.name }).from(environment).innerJoin(organization, eq(organization.id, environment.organizationId)).where(eq(organization.slug, 'acme')).orderBy(desc(environment.position)).limit(1);
  const asked = await promote(developer, { org: 'acme', project: 'base', component: 'web', from: 'development', to: last.name });
  if (!('pendingApproval' in asked)) throw new Error('expected the promotion to wait for approval');
  return asked.id;
}
