import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { component, deployment, deploymentEvent, environment, project, release } from '@/db/schema';
import { useTestApp } from '@/lib/api/testing';
import { createRegistry } from '../registries/create-registry';
import { orgWithMembers, system } from '../testing/fixtures';
import { gettingStarted } from './getting-started';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
beforeAll(async () => {
  d = await testDatabase();
  useTestApp(d);
  fx = await orgWithMembers(d.db, 'acme');
});
afterAll(() => d.close());

const states = async () => (await gettingStarted(fx.users.viewer, { org: 'acme' })).steps.map((s) => `${s.key}:${s.state}`);

describe('getting started', () => {
  it('follows an organisation from nothing to a first active deploy', async () => {
    expect(await states()).toEqual(['registry:next', 'component:todo', 'deploy:todo']);
    const registryId = (await createRegistry(system(d.db), 'acme', { displayName: 'hub', authType: 'anonymous', host: '127.0.0.1:1' })).id;
    expect(await states()).toEqual(['registry:done', 'component:next', 'deploy:todo']);
    const [p] = await d.db.insert(project).values({ organizationId: fx.org.id, name: 'shop', displayName: 'Shop' }).returning();
    expect((await gettingStarted(fx.users.viewer, { org: 'acme' })).steps[1]).toMatchObject({ project: 'shop' });
    const [c] = await d.db.insert(component).values({ organizationId: fx.org.id, projectId: p.id, name: 'api', displayName: 'API', type: 'service', registryId, repository: '127.0.0.1:1/api' }).returning();
    expect(await states()).toEqual(['registry:done', 'component:done', 'deploy:next']);
    const [r] = await d.db.insert(release).values({ componentId: c.id, image: '127.0.0.1:1/api:1', digest: `sha256:${'b'.repeat(64)}`, createdByLabel: 'test' }).returning();
    const [env] = await d.db.select().from(environment).where(eq(environment.organizationId, fx.org.id)).limit(1);
    // A requested deploy that failed is not a deploy.
    const [failed] = await d.db.insert(deployment).values({ organizationId: fx.org.id, componentId: c.id, environmentId: env.id, releaseId: r.id, status: 'failed', triggeredByType: 'system', triggeredByLabel: 't' }).returning();
    await d.db.insert(deploymentEvent).values({ deploymentId: failed.id, status: 'failed' });
    expect(await states()).toEqual(['registry:done', 'component:done', 'deploy:next']);
    const [ok] = await d.db.insert(deployment).values({ organizationId: fx.org.id, componentId: c.id, environmentId: env.id, releaseId: r.id, status: 'active', triggeredByType: 'system', triggeredByLabel: 't' }).returning();
    await d.db.insert(deploymentEvent).values({ deploymentId: ok.id, status: 'active' });
    expect(await gettingStarted(fx.users.viewer, { org: 'acme' })).toMatchObject({ complete: true });
  });

  it('is for members only', async () => {
    const other = await orgWithMembers(d.db, 'globex');
    await expect(gettingStarted(other.users.admin, { org: 'acme' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
