import type { Db } from '@/db/client';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import type { ServiceContext } from '@/lib/services/context';
import { createUser } from '@/lib/services/users/create-user';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry } from '@/lib/testing/registry';

export const benchUser = { email: 'bench@example.test', password: 'bench-password-1' };

/** A real Basic-auth registry with two images, and an organisation with one service component using it. */
export async function seedDeployWorld(db: Db, components = ['hello']) {
  const creds = { username: 'bench', password: 'bench-registry-pw' };
  const registry = await startRegistry({ auth: 'basic', ...creds });
  const images: Record<string, string> = {};
  const pinned: Record<string, string> = {};
  for (const tag of ['a', 'b']) {
    const { digest } = await pushImage(await buildTestImage({ message: `bench ${tag}` }), `${registry.host}/bench/hello:${tag}`, creds);
    images[tag] = `${registry.host}/bench/hello:${tag}`;
    pinned[tag] = `${registry.host}/bench/hello@${digest}`;
  }
  const system: ServiceContext = { db, actor: { type: 'system', label: 'bench' } };
  const { user, org } = await createUser(system, { name: 'Bench', email: benchUser.email, password: benchUser.password, organization: { slug: 'bench', name: 'Bench' } });
  await createProject(system, { org: 'bench', name: 'shop', displayName: 'Shop' });
  const reg = await createRegistry(system, 'bench', { displayName: 'Bench registry', authType: 'basic', host: registry.host, ...creds });
  for (const name of components) await createComponent(system, { org: 'bench', project: 'shop', name, displayName: name, type: 'service', registryId: reg.id, image: images.a });
  return { registry, images, pinned, system, user, org: org!, registryId: reg.id };
}

export function median(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Polls the endpoint until it answers with the expected text; returns when it did. */
export async function firstServe(url: string, expect: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if ((await res.text()).includes(expect)) return performance.now();
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not serve "${expect}" in time`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
