import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, component, deployment } from '@/db/schema';
import { findCredential } from '@/lib/auth/bearer-credential';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { settled, testReconciler } from '@/lib/reconciler/testing';
import { createCiToken } from '@/lib/services/ci/tokens';
import { setConfig } from '@/lib/services/configs/set-config';
import { deploy } from '@/lib/services/deployments/deploy';
import { promote } from '@/lib/services/deployments/promote';
import { createProject } from '@/lib/services/projects/create-project';
import { deleteProject } from '@/lib/services/projects/delete-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { buildTestImage, podman, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { pollUntil } from '@/lib/util/poll';
import { createComponent } from './create-component';
import { deleteComponent } from './delete-component';

let d: Database;
let reg: TestRegistry;
let rec: Awaited<ReturnType<typeof testReconciler>>;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let other: Awaited<ReturnType<typeof orgWithMembers>>;
const path = { org: 'acme', project: 'shop', component: 'hello' };
let firstDeployment: string;

/** Every container of this test run for the component, stopped ones included (`podman ps -a`). */
async function containersOf(name: string) {
  const r = await podman(['ps', '-aq', '--filter', `label=gantry.test-run=${rec.run}`, '--filter', `label=gantry.component=${name}`]);
  return r.stdout.split('\n').filter(Boolean);
}

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 5)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'hello delete' }), `${reg.host}/team/hello:1.0`);
  [fx, other] = [await orgWithMembers(d.db, 'acme'), await orgWithMembers(d.db, 'globex')];
  await createProject(fx.users.developer, { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, 'acme', { displayName: 'Local', authType: 'anonymous', host: reg.host });
  // Create and deploy: the first release is queued with the component, in one transaction.
  const created = await createComponent(fx.users.developer, { org: 'acme', project: 'shop', name: 'hello', displayName: 'Hello', type: 'service', registryId: r.id, image: `${reg.host}/team/hello:1.0`, deploy: true });
  expect(created.deployment).toMatchObject({ status: 'queued', environment: 'development' });
  firstDeployment = created.deployment!.id;
  rec = await testReconciler(d.db);
}, 240_000);

afterAll(async () => {
  await rec?.stop();
  await Promise.all([d?.close(), reg?.stop()]);
});

describe('deleting a component', () => {
  let token: string;

  it('runs in two environments with a CI token first', async () => {
    expect(await settled(d.db, firstDeployment)).toMatchObject({ status: 'active', trigger: 'console' });
    expect((await settled(d.db, (await deploy(fx.users.developer, { ...path, tag: '1.0' })).id)).status).toBe('active');
    expect((await settled(d.db, (await promote(fx.users.developer, { ...path, from: 'development', to: 'staging' })).id)).status).toBe('active');
    token = (await createCiToken(fx.users.developer, 'acme', 'shop', 'hello', { name: 'ci' })).token;
    expect(await findCredential(d.db, 'ci-token', token)).toBeDefined();
    expect(await containersOf('hello')).toHaveLength(2);
  }, 120_000);

  it('applies a config change only where asked: the rest keeps running until its next deployment', async () => {
    const onlyStaging = await setConfig(fx.users.developer, { ...path, kind: 'env', key: 'GREETING', value: 'hi', redeploy: ['staging'] });
    expect(onlyStaging).toMatchObject({ redeployed: ['staging'], pending: ['development'] });
    const none = await setConfig(fx.users.developer, { ...path, kind: 'env', key: 'OTHER', value: 'x', redeploy: [] });
    expect(none).toMatchObject({ redeployed: [], pending: ['development', 'staging'] });
    await expect(setConfig(fx.users.developer, { ...path, kind: 'env', key: 'THIRD', value: 'x', redeploy: ['production'] })).rejects.toMatchObject({ code: 'invalid', details: { fields: { redeploy: expect.stringContaining('development, staging') } } });
    const queued = await d.db.select().from(deployment).where(and(eq(deployment.trigger, 'config'), eq(deployment.status, 'queued')));
    const all = await d.db.select({ id: deployment.id, trigger: deployment.trigger }).from(deployment).where(eq(deployment.trigger, 'config'));
    expect(all).toHaveLength(1);
    for (const q of [...queued, ...all]) expect((await settled(d.db, q.id)).status).toBe('active');
    // The replaced staging container is stopped and removed after the switch.
    await pollUntil('the replaced container is removed', async () => (await containersOf('hello')).length === 2);
  }, 60_000);

  it('is not found by outsiders and forbidden to viewers, and changes nothing', async () => {
    await expect(deleteComponent(other.users.admin, path)).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteComponent(fx.users.viewer, path)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deleteComponent(fx.users.developer, { ...path, extra: 1 })).rejects.toMatchObject({ code: 'invalid' });
    expect(await containersOf('hello')).toHaveLength(2);
  });

  it('is refused while a rollout is in flight', async () => {
    const [comp] = await d.db.select().from(component).where(eq(component.name, 'hello'));
    const [active] = await d.db.select().from(deployment).where(and(eq(deployment.componentId, comp.id), eq(deployment.status, 'active'))).limit(1);
    // A rollout the engine has claimed (in flight), as the engine marks it.
    const [inFlight] = await d.db
      .insert(deployment)
      .values({ organizationId: comp.organizationId, componentId: comp.id, environmentId: active.environmentId, releaseId: active.releaseId, status: 'starting', triggeredByType: 'system', triggeredByLabel: 'test', leaseUntil: new Date(Date.now() + 60_000) })
      .returning();
    try {
      await expect(deleteComponent(fx.users.developer, path)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/rollout .* in progress/) });
      expect(await containersOf('hello')).toHaveLength(2);
    } finally {
      await d.db.update(deployment).set({ status: 'failed', finishedAt: new Date() }).where(eq(deployment.id, inFlight.id));
    }
  });

  it('removes every container, revokes CI tokens, keeps the audit history; then the empty project can be deleted', async () => {
    const [comp] = await d.db.select().from(component).where(eq(component.name, 'hello'));
    await expect(deleteProject(fx.users.developer, { org: 'acme', project: 'shop' })).rejects.toMatchObject({ code: 'conflict' });
    const out = await deleteComponent(fx.users.developer, path);
    expect(out).toMatchObject({ name: 'hello', removedFrom: ['development', 'staging'], revokedCiTokens: 1 });
    expect(await containersOf('hello')).toEqual([]);
    expect(await findCredential(d.db, 'ci-token', token)).toBeUndefined();
    expect(await d.db.select().from(component).where(eq(component.id, comp.id))).toEqual([]);
    const history = await d.db.select({ action: auditEvent.action, data: auditEvent.data }).from(auditEvent).where(eq(auditEvent.targetId, comp.id));
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['component.create', 'deployment.create', 'deployment.promote', 'ci-token.create', 'component.delete']));
    expect(history.find((h) => h.action === 'component.delete')?.data).toMatchObject({ removedFrom: ['development', 'staging'], revokedCiTokens: ['ci'] });
    await expect(deleteComponent(fx.users.developer, path)).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteProject(fx.users.developer, { org: 'acme', project: 'shop' })).resolves.toEqual({ name: 'shop' });
  }, 60_000);
});
