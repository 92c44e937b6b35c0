import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase, testPassword, uniqueEmail } from '@/db/testing';
import { auditEvent, organization } from '@/db/schema';
import { listEnvironments } from '../environments/list-environments';
import { listDataPlanes } from '../environments/list-data-planes';
import { orgWithMembers, system, userCtx } from '../testing/fixtures';
import { createUser } from '../users/create-user';
import { resetConfigForTests } from '@/lib/config';
import { createOrg } from './create-org';
import { canCreateOrg } from './org-creation';
import { getOrg } from './get-org';
import { listOrgs } from './list-orgs';
import { updateOrg } from './update-org';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
beforeAll(async () => {
  d = await testDatabase();
  fx = await orgWithMembers(d.db, 'acme');
});
afterAll(() => d.close());

describe('organisations', () => {
  it('creates an organisation with the creator as admin, the local data plane and the promotion path', async () => {
    const org = await createOrg(fx.users.admin, { slug: 'dev-own', name: 'Dev Own' });
    const ctx = fx.users.admin;
    expect((await getOrg(ctx, 'dev-own')).role).toBe('admin');
    expect((await listEnvironments(ctx, { org: 'dev-own' })).map((e) => [e.name, e.position, e.dataPlane])).toEqual([
      ['development', 0, 'local'],
      ['staging', 1, 'local'],
      ['production', 2, 'local'],
    ]);
    const planes = await listDataPlanes(ctx, { org: 'dev-own' });
    expect(planes.map((p) => [p.name, p.driver, p.environments])).toEqual([['local', 'docker', ['development', 'staging', 'production']]]);
    const events = await d.db.select().from(auditEvent).where(eq(auditEvent.organizationId, org.id));
    expect(events.map((e) => [e.action, e.actorLabel, e.via])).toContainEqual(['organization.create', (ctx.actor as { email: string }).email, 'console']);
  });

  it('refuses a taken slug and writes nothing', async () => {
    const before = await d.db.select().from(organization);
    await expect(createOrg(fx.users.admin, { slug: 'acme', name: 'Again' })).rejects.toMatchObject({ code: 'conflict', details: { fields: { slug: expect.any(String) } } });
    expect(await d.db.select().from(organization)).toHaveLength(before.length);
  });

  it.each([['Acme'], ['-acme'], ['acme-'], ['a'.repeat(64)], ['ac me'], ['ácme'], ['']])('refuses the slug %j with a field error', async (slug) => {
    await expect(createOrg(fx.users.admin, { slug, name: 'X' })).rejects.toMatchObject({ code: 'invalid', details: { fields: { slug: expect.any(String) } } });
  });

  it('refuses unknown fields', async () => {
    await expect(createOrg(fx.users.admin, { slug: 'okay', name: 'X', plan: 'gold' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('lets only the instance\'s admins create organisations, and writes nothing for anyone else', async () => {
    // An admin of an organisation made later is not an instance admin.
    const globex = await orgWithMembers(d.db, 'globex');
    const [orgsBefore, auditBefore] = [await d.db.select().from(organization), await d.db.select().from(auditEvent)];
    for (const ctx of [fx.users.viewer, fx.users.developer, fx.users['platform-engineer'], globex.users.admin, globex.users.viewer]) {
      await expect(createOrg(ctx, { slug: 'grab', name: 'Grab' })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/administrators of this Gantry instance/) });
      // Refused before validation: bad input gets the same answer.
      await expect(createOrg(ctx, { slug: 'Bad Slug' })).rejects.toMatchObject({ code: 'forbidden' });
      expect(await canCreateOrg(ctx)).toBe(false);
    }
    expect(await d.db.select().from(organization)).toHaveLength(orgsBefore.length);
    expect(await d.db.select().from(auditEvent)).toHaveLength(auditBefore.length);
    expect(await canCreateOrg(fx.users.admin)).toBe(true);
  });

  it('GANTRY_ORG_CREATION=anyone lets every signed-in user create one', async () => {
    process.env.GANTRY_ORG_CREATION = 'anyone';
    resetConfigForTests();
    try {
      expect((await createOrg(fx.users.viewer, { slug: 'viewer-own', name: 'Viewer Own' })).slug).toBe('viewer-own');
    } finally {
      delete process.env.GANTRY_ORG_CREATION;
      resetConfigForTests();
    }
    await expect(createOrg(fx.users.viewer, { slug: 'viewer-two', name: 'Two' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('on an instance without organisations, the first one may be created, and its creator is then the instance admin', async () => {
    const fresh = await testDatabase();
    try {
      const [first, second] = await Promise.all(['first', 'second'].map((n) => createUser(system(fresh.db), { name: n, email: uniqueEmail(n), password: testPassword })));
      await createOrg(userCtx(fresh.db, first.user), { slug: 'home', name: 'Home' });
      await expect(createOrg(userCtx(fresh.db, second.user), { slug: 'mine', name: 'Mine' })).rejects.toMatchObject({ code: 'forbidden' });
      expect((await createOrg(userCtx(fresh.db, first.user), { slug: 'more', name: 'More' })).slug).toBe('more');
    } finally {
      await fresh.close();
    }
  });

  it('lists only the caller\'s organisations', async () => {
    const outsider = await createUser(system(d.db), { name: 'O', email: uniqueEmail('out'), password: testPassword });
    expect(await listOrgs(userCtx(d.db, outsider.user))).toEqual([]);
    expect((await listOrgs(fx.users.viewer)).map((o) => o.slug)).toContain('acme');
  });

  it('hides an organisation from outsiders (not found) and lets only admins rename it', async () => {
    const outsider = await createUser(system(d.db), { name: 'O', email: uniqueEmail('out'), password: testPassword });
    await expect(getOrg(userCtx(d.db, outsider.user), 'acme')).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateOrg(fx.users.developer, 'acme', { name: 'Nope' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateOrg(fx.users['platform-engineer'], 'acme', { name: 'Nope' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await updateOrg(fx.users.admin, 'acme', { name: 'Acme Inc' })).name).toBe('Acme Inc');
  });
});
