import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, component, dataPlane, deployment, environment, project, release } from '@/db/schema';
import { freePort } from '@/lib/util/net';
import { captureLogs } from '@/lib/logger';
import { startKubeStandin, kubeconfigFor, type KubeStandin } from '@/lib/testing/kube-api-standin';
import { useTestApp } from '@/lib/api/testing';
import { createRegistry } from '../registries/create-registry';
import { orgWithMembers, system } from '../testing/fixtures';
import { attachDataPlane } from './attach-data-plane';
import { createEnvironment } from './create-environment';
import { deleteEnvironment } from './delete-environment';
import { detachDataPlane } from './detach-data-plane';
import { listDataPlanes } from './list-data-planes';
import { listEnvironments } from './list-environments';
import { reorderEnvironments } from './reorder-environments';
import { testDataPlane } from './test-data-plane';
import { updateEnvironment } from './update-environment';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let standin: KubeStandin;
const token = 'kube-token-that-must-never-leak';
const pe = () => fx.users['platform-engineer'];
const names = async () => (await listEnvironments(pe(), { org: 'acme' })).map((e) => `${e.position}:${e.name}@${e.dataPlane}`);
const actions = async () => (await d.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.organizationId, fx.org.id))).map((a) => a.action);

beforeAll(async () => {
  [d, standin] = await Promise.all([testDatabase(), startKubeStandin({ denied: ['cronjobs'] })]);
  useTestApp(d);
  fx = await orgWithMembers(d.db, 'acme');
  await orgWithMembers(d.db, 'globex');
}, 120_000);
afterAll(async () => {
  await Promise.all([d?.close(), standin?.stop()]);
});

/** Something active in `env`: a component with an active deployment (no engine runs here). */
async function runIn(env: string, name: string) {
  const registryId = (await createRegistry(system(d.db), 'acme', { displayName: `r-${name}`, authType: 'anonymous', host: '127.0.0.1:1' })).id;
  const [p] = await d.db.insert(project).values({ organizationId: fx.org.id, name: `p-${name}`, displayName: 'P' }).returning();
  const [c] = await d.db.insert(component).values({ organizationId: fx.org.id, projectId: p.id, name, displayName: name, type: 'service', registryId, repository: '127.0.0.1:1/x' }).returning();
  const [r] = await d.db.insert(release).values({ componentId: c.id, image: '127.0.0.1:1/x:1', digest: `sha256:${'a'.repeat(64)}`, createdByLabel: 'test' }).returning();
  const [e] = await d.db.select().from(environment).where(and(eq(environment.organizationId, fx.org.id), eq(environment.name, env)));
  const [dep] = await d.db.insert(deployment).values({ organizationId: fx.org.id, componentId: c.id, environmentId: e.id, releaseId: r.id, status: 'active', triggeredByType: 'system', triggeredByLabel: 'test' }).returning();
  return { stop: () => d.db.update(deployment).set({ status: 'superseded' }).where(eq(deployment.id, dep.id)) };
}

describe('environments', () => {
  it('adds, renames, reorders and deletes along the promotion path, each audited by what happened', async () => {
    expect(await names()).toEqual(['0:development@local', '1:staging@local', '2:production@local']);
    await createEnvironment(pe(), { org: 'acme', name: 'qa', displayName: 'QA', dataPlane: 'local', position: 1 });
    expect(await names()).toEqual(['0:development@local', '1:qa@local', '2:staging@local', '3:production@local']);
    await createEnvironment(pe(), { org: 'acme', name: 'sandbox', displayName: 'Sandbox', dataPlane: 'local' });
    expect((await names()).at(-1)).toBe('4:sandbox@local');
    await updateEnvironment(pe(), { org: 'acme', env: 'qa', name: 'test', displayName: 'Test' });
    await reorderEnvironments(pe(), { org: 'acme', order: ['sandbox', 'development', 'test', 'staging', 'production'] });
    expect(await names()).toEqual(['0:sandbox@local', '1:development@local', '2:test@local', '3:staging@local', '4:production@local']);
    await deleteEnvironment(pe(), { org: 'acme', env: 'development' });
    expect(await names()).toEqual(['0:sandbox@local', '1:test@local', '2:staging@local', '3:production@local']);
    expect(await actions()).toEqual(expect.arrayContaining(['environment.create', 'environment.rename', 'environment.update', 'environment.reorder', 'environment.delete']));
  });

  it('refuses what would orphan running workloads, and says what runs', async () => {
    const running = await runIn('staging', 'api');
    const before = await names();
    const refused = [
      updateEnvironment(pe(), { org: 'acme', env: 'staging', name: 'stage' }),
      deleteEnvironment(pe(), { org: 'acme', env: 'staging' }),
    ];
    for (const p of refused) await expect(p).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('"p-api/api"') });
    // The display name and the order never touch what runs.
    await updateEnvironment(pe(), { org: 'acme', env: 'staging', displayName: 'Staging (EU)' });
    await reorderEnvironments(pe(), { org: 'acme', order: ['sandbox', 'staging', 'test', 'production'] });
    expect(await names()).toEqual(['0:sandbox@local', '1:staging@local', '2:test@local', '3:production@local']);
    await running.stop();
    await updateEnvironment(pe(), { org: 'acme', env: 'staging', name: 'stage' });
    await reorderEnvironments(pe(), { org: 'acme', order: before.map((n) => n.split(/[:@]/)[1]).map((n) => (n === 'staging' ? 'stage' : n)) });
  });

  it('refuses bad input with a field, and changes nothing', async () => {
    const before = await names();
    await expect(createEnvironment(pe(), { org: 'acme', name: 'Prod!', displayName: 'x', dataPlane: 'local' })).rejects.toMatchObject({ code: 'invalid', details: { fields: { name: expect.any(String) } } });
    await expect(createEnvironment(pe(), { org: 'acme', name: 'stage', displayName: 'x', dataPlane: 'local' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(createEnvironment(pe(), { org: 'acme', name: 'x', displayName: 'x', dataPlane: 'nowhere' })).rejects.toMatchObject({ code: 'invalid', details: { fields: { dataPlane: expect.any(String) } } });
    await expect(reorderEnvironments(pe(), { org: 'acme', order: ['sandbox', 'sandbox', 'test', 'production'] })).rejects.toMatchObject({ code: 'invalid' });
    await expect(reorderEnvironments(pe(), { org: 'acme', order: ['sandbox'] })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('missing') });
    await expect(updateEnvironment(pe(), { org: 'acme', env: 'nope', displayName: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateEnvironment(pe(), { org: 'acme', env: 'test', extra: 1 })).rejects.toMatchObject({ code: 'invalid' });
    expect(await names()).toEqual(before);
  });

  it('never deletes the last environment', async () => {
    const [other] = [await orgWithMembers(d.db, 'solo')];
    for (const env of ['development', 'staging']) await deleteEnvironment(other.users.admin, { org: 'solo', env });
    await expect(deleteEnvironment(other.users.admin, { org: 'solo', env: 'production' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('last environment') });
  });

  it('authorises before reading the input: outsiders learn nothing, developers may not', async () => {
    const globexAdmin = (await orgWithMembers(d.db, 'initech')).users.admin;
    await expect(createEnvironment(globexAdmin, { org: 'acme', bogus: true })).rejects.toMatchObject({ code: 'not_found' });
    await expect(createEnvironment(fx.users.developer, { org: 'acme', bogus: true })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(reorderEnvironments(fx.users.viewer, { org: 'acme', order: [] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(attachDataPlane(fx.users.developer, { org: 'acme' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('data planes', () => {
  const planeRows = () => d.db.select().from(dataPlane).where(eq(dataPlane.organizationId, fx.org.id));

  it('attaches nothing when the cluster is not there: a dead port, a host that does not resolve', async () => {
    const before = { planes: (await planeRows()).length, audit: (await actions()).length };
    const port = await freePort();
    const dead = attachDataPlane(pe(), { org: 'acme', name: 'dead', kind: 'kubernetes', kubeconfig: kubeconfigFor(`https://127.0.0.1:${port}`, token) });
    await expect(dead).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/Cannot reach the Kubernetes API at https:\/\/127\.0\.0\.1:\d+: connection refused.*Nothing was saved/) });
    const nowhere = attachDataPlane(pe(), { org: 'acme', name: 'nowhere', kind: 'kubernetes', kubeconfig: kubeconfigFor('https://no-such-cluster.invalid:6443', token) });
    await expect(nowhere).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/no-such-cluster\.invalid.*(host not found|DNS lookup failed)/) });
    expect((await planeRows()).length).toBe(before.planes);
    expect((await actions()).length).toBe(before.audit);
  });

  it('refuses kubeconfigs that would run programs or read files here, before connecting anywhere', async () => {
    const exec = kubeconfigFor(standin.server, token, { insecure: true, user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', args: ['-c', 'id'] } } });
    await expect(attachDataPlane(pe(), { org: 'acme', name: 'ex', kind: 'kubernetes', kubeconfig: exec })).rejects.toMatchObject({ code: 'invalid', details: { fields: { kubeconfig: expect.stringContaining('"exec"') } } });
    await expect(attachDataPlane(pe(), { org: 'acme', name: 'ex', kind: 'kubernetes', kubeconfig: 'just: text' })).rejects.toMatchObject({ code: 'invalid' });
    expect(standin.seenTokens).toEqual([]);
  });

  it('attaches a cluster that answers: kubeconfig sealed, never returned or logged; what the credentials may not do is said', async () => {
    const { result: attached, lines } = await captureLogs(() => attachDataPlane(pe(), { org: 'acme', name: 'eu-1', kind: 'kubernetes', kubeconfig: standin.kubeconfig(token) }));
    expect(attached).toMatchObject({ name: 'eu-1', driver: 'kubernetes', health: { ok: false, version: 'v1.31.0-standin' } });
    expect(attached.health.message).toMatch(/may not create CronJobs/);
    expect(attached.health.permissions?.find((p) => p.resource === 'namespaces')?.allowed).toBe(true);
    expect(standin.seenTokens).toContain(`Bearer ${token}`);
    const [row] = (await planeRows()).filter((p) => p.name === 'eu-1');
    expect(row.secretCiphertext).toMatch(/^v1\./);
    expect(row.secretCiphertext).not.toContain(token);
    const tested = await testDataPlane(pe(), { org: 'acme', name: 'eu-1' });
    expect(tested).toMatchObject({ ok: false, version: 'v1.31.0-standin' });
    const listed = await listDataPlanes(fx.users.viewer, { org: 'acme' });
    for (const text of [JSON.stringify(attached), JSON.stringify(listed), JSON.stringify(tested), JSON.stringify(await d.db.select().from(auditEvent)), lines]) expect(text).not.toContain(token);
    expect(listed.find((p) => p.name === 'eu-1')).toMatchObject({ settings: { server: standin.server, context: 'ctx' }, health: { ok: false } });
    await expect(attachDataPlane(pe(), { org: 'acme', name: 'eu-1', kind: 'kubernetes', kubeconfig: standin.kubeconfig(token) })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('detaches only what no environment uses, and never the built-in engine', async () => {
    await createEnvironment(pe(), { org: 'acme', name: 'eu', displayName: 'EU', dataPlane: 'eu-1' });
    await expect(detachDataPlane(pe(), { org: 'acme', name: 'eu-1' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('(eu)') });
    await expect(detachDataPlane(pe(), { org: 'acme', name: 'local' })).rejects.toMatchObject({ code: 'conflict' });
    // Moving an environment between planes is fine while nothing runs in it.
    await updateEnvironment(pe(), { org: 'acme', env: 'eu', dataPlane: 'local' });
    await detachDataPlane(pe(), { org: 'acme', name: 'eu-1' });
    expect((await planeRows()).map((p) => p.name)).toEqual(['local']);
    expect(await actions()).toEqual(expect.arrayContaining(['data-plane.attach', 'data-plane.detach', 'environment.change-data-plane']));
    await expect(detachDataPlane(pe(), { org: 'acme', name: 'eu-1' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
