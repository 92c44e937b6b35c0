// npm run bench:registries — registries list with 1,000 registries, and Test connection against
// a loopback Bearer-token registry, cold (no cached token) and warm.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { containerRegistry } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { clearTokenCache } from '@/lib/oci/client';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { listRegistries } from '@/lib/services/registries/list-registries';
import { testRegistry } from '@/lib/services/registries/test-registry';
import { createUser } from '@/lib/services/users/create-user';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry } from '@/lib/testing/registry';
import { median } from './fixtures';

async function times(n: number, before: () => void, fn: () => Promise<unknown>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    before();
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  process.env.GANTRY_LOG_LEVEL = 'warn';
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 5)]));
  const d = await openDatabase({});
  const creds = { username: 'bench', password: 'bench-token-pw' };
  const reg = await startRegistry({ auth: 'token', ...creds });
  try {
    await pushImage(await buildTestImage({ message: 'bench' }), `${reg.host}/bench/hello:1.0`, creds);
    const system = { db: d.db, actor: { type: 'system' as const, label: 'bench' } };
    const { user } = await createUser(system, { name: 'Bench', email: 'bench@example.test', password: 'bench-password-1', organization: { slug: 'bench', name: 'Bench' } });
    const ctx = { db: d.db, actor: { type: 'user' as const, userId: user.id, email: user.email, via: 'console' as const } };
    const r = await createRegistry(ctx, { org: 'bench', displayName: 'Token registry', authType: 'basic', host: reg.host, ...creds });
    const [{ orgId }] = await d.db.select({ orgId: containerRegistry.organizationId }).from(containerRegistry);
    await d.db.execute(sql`insert into ${containerRegistry} (organization_id, display_name, host, auth_type)
      select ${orgId}, 'Registry ' || g, 'registry-' || g || '.example.com', 'anonymous' from generate_series(1, 999) g`);
    await d.db.execute(sql`analyze`);

    await listRegistries(ctx, { org: 'bench' });
    const list = await times(10, () => undefined, () => listRegistries(ctx, { org: 'bench' }));
    const cold = await times(10, clearTokenCache, () => testRegistry(ctx, { org: 'bench', id: r.id, image: 'bench/hello:1.0' }));
    const warm = await times(10, () => undefined, () => testRegistry(ctx, { org: 'bench', id: r.id, image: 'bench/hello:1.0' }));
    const row = (label: string, v: number[], target: number) =>
      console.log(`${label.padEnd(44)} ${median(v).toFixed(1).padStart(7)} ms  (max ${Math.max(...v).toFixed(1)})  target < ${target} ms  ${median(v) < target ? 'OK' : 'OVER'}`);
    console.log(`\nGantry registries benchmark (${os.cpus().length} cores; service time, embedded PGlite)\n`);
    row('Registries list, 1,000 registries, p50', list, 300);
    row('Test connection, Bearer registry, cold, p50', cold, 400);
    row('Test connection, Bearer registry, warm, p50', warm, 150);
  } finally {
    await reg.stop();
    await d.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
