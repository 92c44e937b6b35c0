import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { component, deployment, environment, promotionRequest, release } from '@/db/schema';
import { deploymentChanged } from '@/lib/events/deployment-changes';
import { createProject } from '../projects/create-project';
import { createRegistry } from '../registries/create-registry';
import { orgWithMembers, system } from '../testing/fixtures';
import { followOrgChanges, type OrgChange } from './follow-org-changes';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let registryId: string;
let projectId: string;
let devId: string;

beforeAll(async () => {
  d = await testDatabase();
  fx = await orgWithMembers(d.db, 'feed');
  registryId = (await createRegistry(system(d.db), { org: 'feed', displayName: 'r', authType: 'anonymous', host: '127.0.0.1:1' })).id;
  projectId = (await createProject(system(d.db), { org: 'feed', name: 'shop', displayName: 'Shop' })).id;
  [{ id: devId }] = await d.db.select({ id: environment.id }).from(environment).where(and(eq(environment.organizationId, fx.org.id), eq(environment.name, 'development')));
});
afterAll(() => d.close());

/** A component with a queued deployment, written straight to the database as another process would. */
async function queued(name: string) {
  const [c] = await d.db.insert(component).values({ organizationId: fx.org.id, projectId, name, displayName: name, type: 'service', registryId, repository: '127.0.0.1:1/a/b' }).returning();
  const [r] = await d.db.insert(release).values({ componentId: c.id, image: '127.0.0.1:1/a/b:1', digest: `sha256:${'0'.repeat(64)}`, createdByLabel: 't' }).returning();
  const [dep] = await d.db.insert(deployment).values({ organizationId: fx.org.id, componentId: c.id, environmentId: devId, releaseId: r.id, triggeredByType: 'system', triggeredByLabel: 't' }).returning();
  return dep;
}

/** The next change the feed yields that `match` accepts (the feed runs until `abort`). */
async function next(feed: AsyncIterator<OrgChange>, match: (c: OrgChange) => boolean) {
  for (;;) {
    const r = await feed.next();
    if (r.done) throw new Error('the feed ended');
    if (match(r.value)) return r.value;
  }
}

const about = (id: string, status: string) => (c: OrgChange) => c.kind === 'deployments' && c.changes.some((x) => x.id === id && x.status === status);

describe('the organisation change feed', () => {
  it('is not found by outsiders and refuses a cursor it never sent, before looking at anything', async () => {
    const outsider = (await orgWithMembers(d.db, 'outside')).users.admin;
    const abort = new AbortController();
    await expect(followOrgChanges(outsider, { org: 'feed' }, abort.signal)).rejects.toMatchObject({ code: 'not_found' });
    await expect(followOrgChanges(fx.users.viewer, { org: 'feed', since: 'yesterday' }, abort.signal)).rejects.toMatchObject({ code: 'invalid' });
    await expect(followOrgChanges(fx.users.viewer, { org: 'feed', extra: 1 }, abort.signal)).rejects.toMatchObject({ code: 'invalid' });
  });

  it('reports a status change written by another process, by looking at the database', async () => {
    const dep = await queued('polled');
    const abort = new AbortController();
    const feed = (await followOrgChanges(fx.users.viewer, { org: 'feed' }, abort.signal, { pollMs: 50 }))[Symbol.asyncIterator]();
    await d.db.update(deployment).set({ status: 'active', updatedAt: new Date() }).where(eq(deployment.id, dep.id));
    const change = await next(feed, about(dep.id, 'active'));
    expect(change).toMatchObject({ kind: 'deployments', cursor: expect.any(Number) });
    expect(change.kind === 'deployments' && change.changes.find((c) => c.id === dep.id)).toEqual({ id: dep.id, project: 'shop', component: 'polled', environment: 'development', status: 'active', observedStatus: null });
    abort.abort();
  });

  it('wakes at once on an in-process notice, without waiting for its next look', async () => {
    const dep = await queued('woken');
    const abort = new AbortController();
    // A look every hour: only the notice can bring the change within the test's time.
    const feed = (await followOrgChanges(fx.users.admin, { org: 'feed' }, abort.signal, { pollMs: 3_600_000 }))[Symbol.asyncIterator]();
    const pending = next(feed, about(dep.id, 'failed'));
    await new Promise((r) => setImmediate(r));
    await d.db.update(deployment).set({ status: 'failed', updatedAt: new Date() }).where(eq(deployment.id, dep.id));
    deploymentChanged(dep.id);
    await pending;
    abort.abort();
  });

  it('says when components change', async () => {
    const abort = new AbortController();
    const feed = (await followOrgChanges(fx.users.developer, { org: 'feed' }, abort.signal, { pollMs: 50 }))[Symbol.asyncIterator]();
    await d.db.insert(component).values({ organizationId: fx.org.id, projectId, name: 'fresh', displayName: 'fresh', type: 'service', registryId, repository: '127.0.0.1:1/a/b' });
    expect(await next(feed, (c) => c.kind === 'components')).toEqual({ kind: 'components' });
    abort.abort();
  });

  it('says when a promotion is asked for approval and when it is decided', async () => {
    // The component exists before the feed opens: only the promotion request can change what it says.
    const dep = await queued('promoted');
    const abort = new AbortController();
    const feed = (await followOrgChanges(fx.users.viewer, { org: 'feed' }, abort.signal, { pollMs: 50 }))[Symbol.asyncIterator]();
    const [staging] = await d.db.select({ id: environment.id }).from(environment).where(and(eq(environment.organizationId, fx.org.id), eq(environment.name, 'staging')));
    const [asked] = await d.db
      .insert(promotionRequest)
      .values({ organizationId: fx.org.id, componentId: dep.componentId, fromEnvironmentId: devId, toEnvironmentId: staging.id, releaseId: dep.releaseId, requestedByLabel: 't' })
      .returning();
    expect(await next(feed, (c) => c.kind === 'components')).toEqual({ kind: 'components' });
    await d.db.update(promotionRequest).set({ status: 'rejected', decidedAt: new Date(Date.now() + 1000), decidedByLabel: 'admin' }).where(eq(promotionRequest.id, asked.id));
    expect(await next(feed, (c) => c.kind === 'components')).toEqual({ kind: 'components' });
    abort.abort();
  });

  it('ends when the client goes away', async () => {
    const abort = new AbortController();
    const feed = (await followOrgChanges(fx.users.viewer, { org: 'feed' }, abort.signal, { pollMs: 3_600_000 }))[Symbol.asyncIterator]();
    const first = feed.next();
    abort.abort();
    // What it had already found may still come out (earlier tests' changes); then it ends.
    let r = await first;
    for (let i = 0; !r.done && i < 5; i++) r = await feed.next();
    expect(r.done).toBe(true);
  });
});
