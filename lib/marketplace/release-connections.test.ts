import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '@/lib/util/poll';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, deployment, release } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { settled, testReconciler } from '@/lib/reconciler/testing';
import { listReleases } from '@/lib/services/components/list-releases';
import { createComponent } from '@/lib/services/components/create-component';
import { setConfig } from '@/lib/services/configs/set-config';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { deploy } from '@/lib/services/deployments/deploy';
import { promote } from '@/lib/services/deployments/promote';
import { createConnection } from '@/lib/services/marketplace/create-connection';
import { listConnections } from '@/lib/services/marketplace/list-connections';
import { registerMarketplaceEntry } from '@/lib/services/marketplace/register-entry';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { rotateSecrets } from '@/lib/services/registries/rotate-secrets';
import { buildTestImage, podman, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';

/**
 * What a deployment injects from its connections is part of its release, on real Podman: a
 * re-publish reaches containers only through a new release; a rollback, a config-change
 * redeploy and a promotion inject the values their release was made with; the release list
 * names the connection keys that changed and never a value or ciphertext.
 */
let d: Database;
let reg: TestRegistry;
let rec: Awaited<ReturnType<typeof testReconciler>>;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const target = { org: 'acme', project: 'shop', component: 'app' } as const;
const dev = () => fx.users.developer;
const secrets = { dev1: 'dev-Pw-one-7731', stg1: 'stg-Pw-one-7731', dev2: 'dev-Pw-two-8842', stg2: 'stg-Pw-two-8842' };

async function publish(values: { development?: string; staging?: string }, host = 'db.internal') {
  await registerMarketplaceEntry(fx.users['platform-engineer'], {
    org: 'acme',
    name: 'orders-db',
    version: '1.0',
    category: 'Database',
    description: 'Orders database',
    connectionCredentials: Object.entries(values).map(([environment, password]) => ({
      environments: [environment],
      parameters: [{ key: 'HOST', value: `${environment}.${host}` }, { key: 'PASSWORD', value: password, isSecret: true }],
    })),
  });
}

/** The variables the running container of an environment was given. */
async function containerEnv(environment: string) {
  // The replaced container drains for a moment after the switch (blue/green), then stops: wait for one.
  const ids = await pollUntil(`one running container of app in ${environment}`, async () => {
    const running = (await podman(['ps', '-q', '--filter', `label=gantry.test-run=${rec.run}`, '--filter', 'label=gantry.component=app', '--filter', `label=gantry.environment=${environment}`])).stdout.split('\n').filter(Boolean);
    return running.length === 1 && running;
  });
  return JSON.parse((await podman(['inspect', '-f', '{{json .Config.Env}}', ids[0]])).stdout) as string[];
}

const active = async (env: string) => (await componentEnvironments(dev(), target)).find((c) => c.name === env)!.active!;
const latest = async (env: string) => (await componentEnvironments(dev(), target)).find((c) => c.name === env)!.latest!;
const redeployToApply = async () => (await listConnections(fx.users.viewer, { org: 'acme', project: 'shop', component: 'app' })).items[0].redeployToApply;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 9)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'frozen connections' }), `${reg.host}/shop/app:1.0`);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(dev(), { org: 'acme',  name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, { org: 'acme',  displayName: 'Local', authType: 'anonymous', host: reg.host });
  await createComponent(dev(), { org: 'acme', project: 'shop',  name: 'app', displayName: 'App', type: 'service', registryId: r.id, image: `${reg.host}/shop/app:1.0` });
  rec = await testReconciler(d.db);
}, 240_000);

afterAll(async () => {
  await rec?.stop();
  await Promise.all([d?.close(), reg?.stop()]);
}, 180_000);

describe('connection values are frozen in the release', () => {
  let first: string;

  it('a release records every environment\'s connection values, secrets encrypted', async () => {
    await publish({ development: secrets.dev1, staging: secrets.stg1 });
    await createConnection(dev(), { org: 'acme', project: 'shop', component: 'app', name: 'db', entry: 'orders-db', version: '1.0' });
    const row = await settled(d.db, (await deploy(dev(), { ...target, tag: '1.0' })).id, 90_000);
    expect(row.status, row.reason ?? '').toBe('active');
    first = row.releaseId;
    expect(await containerEnv('development')).toEqual(expect.arrayContaining(['DB_HOST=development.db.internal', `DB_PASSWORD=${secrets.dev1}`]));
    const [rel] = await d.db.select().from(release).where(eq(release.id, first));
    expect(rel.connections).toHaveLength(1);
    expect(rel.connections![0]).toMatchObject({ name: 'db', entryName: 'orders-db', entryVersion: '1.0', entryRevision: 1, env: { HOST: 'DB_HOST', PASSWORD: 'DB_PASSWORD' } });
    expect(rel.connections![0].values.map((v) => v.key).sort()).toEqual(['HOST', 'HOST', 'PASSWORD', 'PASSWORD']);
    expect(JSON.stringify(rel.connections)).not.toContain(secrets.dev1);
    expect(JSON.stringify(rel.connections)).not.toContain(secrets.stg1);
    expect(await redeployToApply()).toEqual([]);
  }, 180_000);

  it('a re-publish shows "redeploy to apply"; the next deploy makes a new release with the new values', async () => {
    await publish({ development: secrets.dev2, staging: secrets.stg2 });
    expect(await redeployToApply()).toEqual(['development']);
    // What runs is untouched until a deployment.
    expect(await containerEnv('development')).toContain(`DB_PASSWORD=${secrets.dev1}`);
    const row = await settled(d.db, (await deploy(dev(), { ...target, tag: '1.0' })).id, 90_000);
    expect(row.status, row.reason ?? '').toBe('active');
    expect(row.releaseId).not.toBe(first);
    expect(await containerEnv('development')).toContain(`DB_PASSWORD=${secrets.dev2}`);
    expect(await redeployToApply()).toEqual([]);

    // The release list names the keys that changed, never a value or a ciphertext.
    const releases = await listReleases(fx.users.viewer, target);
    expect(releases[0].id).toBe(row.releaseId);
    expect(releases[0].changes!.connections).toEqual({ added: [], removed: [], changed: ['db.PASSWORD @ development', 'db.PASSWORD @ staging'] });
    expect(releases[0].changes!.config).toEqual({ added: [], removed: [], changed: [] });
    const text = JSON.stringify(releases);
    for (const s of Object.values(secrets)) expect(text).not.toContain(s);
    expect(text).not.toContain('valueCiphertext');
    expect(text).not.toContain('credentialId');
  }, 180_000);

  it('a rollback injects the values its release was made with, and shows "redeploy to apply"', async () => {
    const row = await settled(d.db, (await deploy(dev(), { ...target, releaseId: first })).id, 90_000);
    expect(row.status, row.reason ?? '').toBe('active');
    expect(row.releaseId).toBe(first);
    expect(await containerEnv('development')).toContain(`DB_PASSWORD=${secrets.dev1}`);
    expect(await redeployToApply()).toEqual(['development']);
  }, 180_000);

  it('a config change redeploys with the active release\'s connection values, not the live ones', async () => {
    const r = await setConfig(dev(), { ...target, kind: 'env', key: 'FEATURE', value: 'on' });
    expect(r.redeployed).toEqual(['development']);
    const row = await settled(d.db, (await latest('development')).id, 90_000);
    expect(row.status, row.reason ?? '').toBe('active');
    expect(row.releaseId).not.toBe(first);
    const env = await containerEnv('development');
    expect(env).toContain('FEATURE=on');
    expect(env).toContain(`DB_PASSWORD=${secrets.dev1}`);
  }, 180_000);

  it('a promotion injects the target environment\'s values as the release froze them', async () => {
    const accepted = await promote(dev(), { org: 'acme', project: 'shop', component: 'app',  from: 'development', to: 'staging' });
    expect(accepted.release.id).toBe((await active('development')).releaseId);
    const row = await settled(d.db, accepted.id, 90_000);
    expect(row.status, row.reason ?? '').toBe('active');
    expect(await containerEnv('staging')).toEqual(expect.arrayContaining(['DB_HOST=staging.db.internal', `DB_PASSWORD=${secrets.stg1}`]));
  }, 180_000);

  it('a release made without an environment\'s values fails there before anything starts, saying how to fix it', async () => {
    await publish({ development: secrets.dev2 }, 'db2.internal');
    const made = await settled(d.db, (await deploy(dev(), { ...target, tag: '1.0' })).id, 90_000);
    expect(made.status, made.reason ?? '').toBe('active');
    // The live entry gets staging values back, but the release was made without them.
    await publish({ development: secrets.dev2, staging: secrets.stg2 }, 'db2.internal');
    const before = (await podman(['ps', '-aq', '--filter', `label=gantry.test-run=${rec.run}`, '--filter', 'label=gantry.environment=staging'])).stdout;
    const failed = await settled(d.db, (await promote(dev(), { org: 'acme', project: 'shop', component: 'app',  from: 'development', to: 'staging' })).id, 90_000);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toContain('Connection "db" (orders-db@1.0) has no value for HOST in staging in this release');
    expect(failed.reason).toContain('deploy a new release');
    expect((await podman(['ps', '-aq', '--filter', `label=gantry.test-run=${rec.run}`, '--filter', 'label=gantry.environment=staging'])).stdout).toBe(before);
    // Still running what it ran.
    expect(await containerEnv('staging')).toContain(`DB_PASSWORD=${secrets.stg1}`);

    // No secret reached a deployment's record or the audit log.
    const stored = JSON.stringify([await d.db.select().from(deployment), await d.db.select().from(auditEvent)]);
    for (const s of Object.values(secrets)) expect(stored).not.toContain(s);
  }, 240_000);

  it('secrets:rotate re-encrypts what releases froze: after the old key is gone, a rollback still injects its values', async () => {
    const oldKey = Buffer.alloc(32, 9);
    const newKey = Buffer.alloc(32, 10);
    setKeyRingForTests(new KeyRing([newKey, oldKey]));
    const r = await rotateSecrets(system(d.db));
    expect(r.failed).toEqual([]);
    expect(r.rotated).toBeGreaterThan(0);
    expect((await rotateSecrets(system(d.db))).rotated).toBe(0);
    setKeyRingForTests(new KeyRing([newKey]));
    const [rel] = await d.db.select().from(release).where(eq(release.id, first));
    expect(rel.connections![0].values.filter((v) => v.secret).every((v) => v.valueCiphertext!.split('.')[1] === new KeyRing([newKey]).currentKeyId)).toBe(true);
    const row = await settled(d.db, (await deploy(dev(), { ...target, releaseId: first })).id, 90_000);
    expect(row.status, row.reason ?? '').toBe('active');
    expect(await containerEnv('development')).toContain(`DB_PASSWORD=${secrets.dev1}`);
  }, 180_000);
});
