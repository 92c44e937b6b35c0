import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { project } from '@/db/schema';
import { orgWithMembers } from '../testing/fixtures';
import { createProject } from './create-project';
import { deleteProject } from './delete-project';
import { getProject } from './get-project';
import { listProjects } from './list-projects';
import { updateProject } from './update-project';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let other: Awaited<ReturnType<typeof orgWithMembers>>;
beforeAll(async () => {
  d = await testDatabase();
  fx = await orgWithMembers(d.db, 'acme');
  other = await orgWithMembers(d.db, 'globex');
});
afterAll(() => d.close());

describe('projects', () => {
  it('creates, reads, renames and deletes a project', async () => {
    const p = await createProject(fx.users.developer, { org: 'acme', name: 'shop', displayName: 'Shop' });
    expect(p).toMatchObject({ name: 'shop', displayName: 'Shop', description: '' });
    expect((await getProject(fx.users.viewer, { org: 'acme', project: 'shop' })).id).toBe(p.id);
    const renamed = await updateProject(fx.users.developer, { org: 'acme', project: 'shop', displayName: 'The Shop', description: 'Sells' });
    expect(renamed).toMatchObject({ name: 'shop', displayName: 'The Shop', description: 'Sells' });
    await expect(updateProject(fx.users.developer, { org: 'acme', project: 'shop', name: 'renamed' })).rejects.toMatchObject({ code: 'invalid' });
    await deleteProject(fx.users.admin, { org: 'acme', project: 'shop' });
    await expect(getProject(fx.users.viewer, { org: 'acme', project: 'shop' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a duplicate name in the same organisation but allows it in another', async () => {
    await createProject(fx.users.developer, { org: 'acme', name: 'api', displayName: 'API' });
    await expect(createProject(fx.users.developer, { org: 'acme', name: 'api', displayName: 'API 2' })).rejects.toMatchObject({ code: 'conflict', details: { fields: { name: expect.any(String) } } });
    await expect(createProject(other.users.developer, { org: 'globex', name: 'api', displayName: 'API' })).resolves.toMatchObject({ name: 'api' });
  });

  it.each([['Shop'], ['shop_1'], ['-shop'], ['x'.repeat(64)], ['sh op']])('refuses the name %j and writes nothing', async (name) => {
    const before = (await d.db.select().from(project)).length;
    await expect(createProject(fx.users.developer, { org: 'acme', name, displayName: 'X' })).rejects.toMatchObject({ code: 'invalid', details: { fields: { name: expect.any(String) } } });
    expect(await d.db.select().from(project)).toHaveLength(before);
  });

  it('enforces roles and hides other organisations', async () => {
    await expect(createProject(fx.users.viewer, { org: 'acme', name: 'v', displayName: 'V' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createProject(fx.users['platform-engineer'], { org: 'acme', name: 'v', displayName: 'V' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getProject(other.users.admin, { org: 'acme', project: 'api' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteProject(other.users.admin, { org: 'acme', project: 'api' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists with search and paging', async () => {
    for (const n of ['alpha', 'beta', 'gamma']) await createProject(fx.users.developer, { org: 'acme', name: n, displayName: n.toUpperCase() });
    const page = await listProjects(fx.users.viewer, { org: 'acme', limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(4);
    expect((await listProjects(fx.users.viewer, { org: 'acme', search: 'amm' })).items.map((p) => p.name)).toEqual(['gamma']);
    expect((await listProjects(fx.users.viewer, { org: 'acme', search: '%' })).items).toEqual([]);
    await expect(listProjects(fx.users.viewer, { org: 'acme', limit: 5000 })).rejects.toMatchObject({ code: 'invalid' });
  });
});
