import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { createProject } from '../projects/create-project';
import { createRegistry } from '../registries/create-registry';
import { orgWithMembers } from '../testing/fixtures';
import { createComponent } from './create-component';
import { listImageTags } from './list-image-tags';

let d: Database;
let reg: TestRegistry;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const creds = { username: 'tags', password: 'tags-Pa55word' };

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 5)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'basic', ...creds })]);
  const image = await buildTestImage({ message: 'hello tags' });
  for (const tag of ['1.0', '1.9', '1.10', 'latest']) await pushImage(image, `${reg.host}/team/hello:${tag}`, creds);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(fx.users.developer, { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, 'acme', { displayName: 'Local', authType: 'basic', host: reg.host, ...creds });
  await createComponent(fx.users.developer, { org: 'acme', project: 'shop', name: 'hello', displayName: 'Hello', type: 'service', registryId: r.id, image: `${reg.host}/team/hello:1.0` });
}, 180_000);

afterAll(async () => {
  await Promise.all([d?.close(), reg?.stop()]);
});

describe('listing the tags of a component image', () => {
  it('reads them from the password-protected registry, newest-looking first', async () => {
    const result = await listImageTags(fx.users.viewer, { org: 'acme', project: 'shop', component: 'hello' });
    expect(result).toEqual({ repository: `${reg.host}/team/hello`, tags: ['latest', '1.10', '1.9', '1.0'] });
  });

  it('is not available outside the organization', async () => {
    const outsider = (await orgWithMembers(d.db, 'initech')).users.admin;
    await expect(listImageTags(outsider, { org: 'acme', project: 'shop', component: 'hello' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('says which component is missing', async () => {
    await expect(listImageTags(fx.users.viewer, { org: 'acme', project: 'shop', component: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
