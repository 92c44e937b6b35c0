import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { useTestApp } from '@/lib/api/testing';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { testReconciler } from '@/lib/reconciler/testing';
import { buildTestImage, podmanEnv, pushImage } from '@/lib/testing/images';
import { startRegistry, waitFor, type TestRegistry } from '@/lib/testing/registry';
import * as statusRoute from '@/app/api/v1/ci/deployments/[id]/route';
import type { ServiceContext } from '../context';
import { authenticateCiToken } from './authenticate-ci-token';
import { ciDeploy } from './ci-deploy';
import { ciDeploymentStatus, ciWaiters, MAX_WAITERS_PER_TOKEN } from './ci-deployment-status';
import { createCiToken } from './tokens';

const run = promisify(execFile);
/** Long enough that only a change notice can release a waiter within the test. */
const never = 3_600_000;
let d: Database;
let reg: TestRegistry;
let token: string;
let ci: ServiceContext;
let rec: Awaited<ReturnType<typeof testReconciler>> | undefined;

beforeAll(async () => {
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  useTestApp(d);
  await pushImage(await buildTestImage({ message: 'long poll' }), `${reg.host}/team/poll:1`);
  await pushImage(await buildTestImage({ message: 'long poll, newer' }), `${reg.host}/team/poll:2`);
  await orgWithMembers(d.db, 'acme');
  await createProject(system(d.db), { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(system(d.db), { org: 'acme', displayName: 'Local', authType: 'anonymous', host: reg.host });
  await createComponent(system(d.db), { org: 'acme', project: 'shop', name: 'poll', displayName: 'poll', type: 'service', registryId: r.id, image: `${reg.host}/team/poll:1` });
  token = (await createCiToken(system(d.db), { org: 'acme', project: 'shop', component: 'poll', name: 'ci' })).token;
  ci = { db: d.db, actor: (await authenticateCiToken(d.db, token))! };
}, 240_000);

afterAll(async () => {
  await rec?.stop();
  if (rec) await run('sh', ['-c', `podman ps -aq --filter label=gantry.test-run=${rec.run} | xargs -r podman rm -f -t 0`], { env: podmanEnv() }).catch(() => undefined);
  await Promise.all([d?.close(), reg?.stop()]);
});

const deploy = async (tag = '1') => (await ciDeploy(ci, { image: `${reg.host}/team/poll:${tag}` })).deploymentId;
const statusRequest = (id: string, signal?: AbortSignal) =>
  statusRoute.GET(new Request(`http://127.0.0.1/api/v1/ci/deployments/${id}?wait=120`, { headers: { authorization: `Bearer ${token}` }, signal }), { params: Promise.resolve({ id }) });

describe('CI long-poll', () => {
  it('releases a waiter when a newer request supersedes its deployment (a change notice, not a poll)', async () => {
    const first = await deploy();
    const waiting = ciDeploymentStatus(ci, { id: first, wait: 120 }, undefined, never);
    await waitFor('the waiter to be registered', async () => ciWaiters(ci.actor.type === 'ci-token' ? ci.actor.tokenId : '') === 1);
    // Another image: a request for the same one would be answered with the deployment already queued.
    await deploy('2');
    expect(await waiting).toMatchObject({ id: first, status: 'superseded', done: true });
    expect(ciWaiters((ci.actor as { tokenId: string }).tokenId)).toBe(0);
  });

  it(`answers the waiter number ${MAX_WAITERS_PER_TOKEN + 1} of one token with 429`, async () => {
    const id = await deploy();
    const tokenId = (ci.actor as { tokenId: string }).tokenId;
    const aborts = Array.from({ length: MAX_WAITERS_PER_TOKEN }, () => new AbortController());
    const held = aborts.map((a) => statusRequest(id, a.signal));
    await waitFor('ten waiters', async () => ciWaiters(tokenId) === MAX_WAITERS_PER_TOKEN);
    const extra = await statusRequest(id);
    expect(extra.status).toBe(429);
    expect((await extra.json()).error.code).toBe('rate_limited');
    // Without wait, the status is still answered.
    const now = await statusRoute.GET(new Request(`http://127.0.0.1/api/v1/ci/deployments/${id}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
    expect(now.status).toBe(200);
    aborts.forEach((a) => a.abort());
    const answers = await Promise.all(held);
    expect(answers.map((r) => r.status)).toEqual(Array(MAX_WAITERS_PER_TOKEN).fill(200));
    expect(ciWaiters(tokenId)).toBe(0);
  });

  it('releases a waiter when the reconciler finishes the deployment on a real engine', async () => {
    const id = await deploy();
    const waiting = ciDeploymentStatus(ci, { id, wait: 120 }, undefined, never);
    await waitFor('the waiter to be registered', async () => ciWaiters((ci.actor as { tokenId: string }).tokenId) === 1);
    rec = await testReconciler(d.db);
    expect(await waiting).toMatchObject({ id, status: 'active', done: true });
  });
});
