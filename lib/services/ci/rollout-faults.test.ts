/**
 * Rollouts through faults, on real containers (PGlite, and Postgres in the Postgres pass):
 * - kill -9 of the console while a deployment is health-checking its new container: the
 *   console started again (same database, engine directory, installation) takes the rollout
 *   back, adopts the container, and the deployment ends active; the previous release answers
 *   every request until the switch.
 * - the Podman API service killed while a deployment is health-checking: Gantry restarts the
 *   service, the deployment is retried with backoff and ends active, saying why it retried.
 * A client loop runs through both; the figures (answers, longest gap, switch) are printed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { deployment, deploymentEvent } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { defaultRetry } from '@/lib/jobs/lease';
import { settled } from '@/lib/reconciler/testing';
import { createComponent } from '@/lib/services/components/create-component';
import { deploy } from '@/lib/services/deployments/deploy';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { killRestartScene } from '@/lib/testing/console-process';
import { buildTestImage, podmanEnv, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { describeService, serveLoop, type ServeLoop } from '@/lib/testing/serve-loop';
import { pollUntil } from '@/lib/util/poll';

let scene: Awaited<ReturnType<typeof killRestartScene>>;
let reg: TestRegistry;
let d: Database | undefined;
let client: ServeLoop | undefined;

const ctx = () => system(d!.db);
const row = async (id: string) => (await d!.db.select().from(deployment).where(eq(deployment.id, id)))[0];
const events = async (id: string) => d!.db.select().from(deploymentEvent).where(eq(deploymentEvent.deploymentId, id)).orderBy(asc(deploymentEvent.at), asc(deploymentEvent.id));
const containers = () => execFileSync('podman', ['ps', '-aq', '--filter', `label=gantry.test-run=${scene.run}`, '--filter', 'label=gantry.component=web'], { env: podmanEnv() }).toString().split('\n').filter(Boolean);
/** Which releases answered, in order, each run of the same body once: ['v1', 'v2'] is one switch. */
const sequence = (answers: { body: string }[]) => answers.map((a) => a.body).filter((b, i, all) => i === 0 || all[i - 1] !== b);

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  [scene, reg] = await Promise.all([killRestartScene('rollout-faults'), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'rollout v1' }), `${reg.host}/team/web:1`);
  for (const v of ['2', '3']) await pushImage(await buildTestImage({ message: `rollout v${v}`, variant: 'http-slow-start' }), `${reg.host}/team/web:${v}`);
  d = await scene.reopen();
  await orgWithMembers(d.db, 'acme');
  await createProject(ctx(), { org: 'acme',  name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(ctx(), { org: 'acme',  displayName: 'Local', authType: 'anonymous', host: reg.host });
  await createComponent(ctx(), { org: 'acme', project: 'shop',  name: 'web', displayName: 'Web', type: 'service', registryId: r.id, image: `${reg.host}/team/web:1` });
}, 240_000);

afterAll(async () => {
  await client?.stop();
  await scene?.cleanup();
  await reg?.stop();
}, 120_000);

describe('rollouts through faults', () => {
  it('kill -9 of the console mid-rollout: the restarted console finishes it, and the previous release answers every request until the switch', async () => {
    // The console as it was: v1 active and serving.
    await scene.restart();
    const v1 = await settled(d!.db, (await deploy(ctx(), { org: 'acme', project: 'shop', component: 'web',  tag: '1' })).id);
    expect(v1.status).toBe('active');
    const oldUrl = v1.endpoints![0].url;
    const v2 = await deploy(ctx(), { org: 'acme', project: 'shop', component: 'web',  tag: '2' });
    await scene.stop(); // a clean stop; on PGlite the database is one process's at a time
    d = undefined;

    client = serveLoop(oldUrl);
    // A console takes the rollout to health-checking (its container starts listening after 6 s) and is killed right then.
    const console1 = await scene.startConsole(v2.id, 'deployment');
    expect(await console1.kill()).toBe('SIGKILL');
    const killedAt = Date.now();

    d = await scene.reopen();
    expect((await row(v2.id)).status).toBe('health-checking');
    expect(containers()).toHaveLength(2); // v1 serving, v2's container left starting
    await scene.restart(defaultRetry);
    const done = await settled(d.db, v2.id, 120_000);
    expect(done).toMatchObject({ status: 'active', reason: null });
    client.target(done.endpoints![0].url);
    const activeAt = done.finishedAt!.getTime();
    expect((await events(v2.id)).map((e) => e.message)).toContain('Resumed after the control plane restarted.');
    expect((await row(v1.id)).status).toBe('superseded');
    // The container started before the kill was adopted, not started again: one container left once v1's is retired.
    await pollUntil('the replaced container to be removed', async () => containers().length === 1, { timeoutMs: 60_000 });
    const answersNow = await client.answered();
    await pollUntil('answers from v2', async () => (await client!.answered()) >= answersNow + 20, { timeoutMs: 30_000 });
    const seen = await client.stop();

    // v1 answered all through the kill and the restart; then v2; never back.
    expect(sequence(seen.answers)).toEqual(['rollout v1', 'rollout v2']);
    expect(seen.answers.filter((a) => a.body === 'rollout v1' && a.at > killedAt).length).toBeGreaterThan(0);
    // Requests without an answer happen only in the switch: after v2 became active, on v1's retired URL.
    expect(seen.failures.filter((f) => f.at < activeAt || f.url !== oldUrl)).toEqual([]);
    const lastOld = seen.answers.filter((a) => a.body === 'rollout v1').at(-1)!.at;
    const firstNew = seen.answers.find((a) => a.body === 'rollout v2')!.at;
    console.log(
      `kill -9 mid-rollout (${scene.world.kind}, load average ${os.loadavg()[0].toFixed(1)}): ${describeService(seen)}; switch (last v1 → first v2 answer) ${firstNew - lastOld} ms; ` +
        `kill → active ${activeAt - killedAt} ms`,
    );
    client = undefined;
  }, 300_000);

  it('the Podman service killed mid-rollout: restarted by Gantry, the deployment retried and active', async () => {
    const serving = (await d!.db.select().from(deployment).where(eq(deployment.status, 'active')))[0];
    const oldUrl = serving.endpoints![0].url;
    client = serveLoop(oldUrl);
    const pidFile = path.join(scene.engineDir, 'podman.pid');
    const v3 = await deploy(ctx(), { org: 'acme', project: 'shop', component: 'web',  tag: '3' });
    await pollUntil('v3 to be health-checking', async () => (await row(v3.id)).status === 'health-checking', { timeoutMs: 60_000 });
    const servicePid = Number(fs.readFileSync(pidFile, 'utf8'));
    process.kill(servicePid, 'SIGKILL');

    const done = await settled(d!.db, v3.id, 120_000);
    client.target(done.endpoints![0].url);
    expect(done).toMatchObject({ status: 'active', reason: null });
    const messages = (await events(v3.id)).map((e) => `${e.status}: ${e.message ?? ''}`);
    expect(messages.some((m) => /^queued: The container engine is unreachable .*Retrying in/.test(m))).toBe(true);
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    // Restarted: another service process answers on the same socket.
    const restartedPid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(restartedPid).not.toBe(servicePid);
    expect(fs.existsSync(`/proc/${restartedPid}`)).toBe(true);
    await pollUntil('the replaced container to be removed', async () => containers().length === 1, { timeoutMs: 60_000 });
    const answersNow = await client.answered();
    await pollUntil('answers from v3', async () => (await client!.answered()) >= answersNow + 20, { timeoutMs: 30_000 });
    const seen = await client.stop();
    expect(sequence(seen.answers)).toEqual(['rollout v2', 'rollout v3']);
    expect(seen.failures.filter((f) => f.at < done.finishedAt!.getTime() || f.url !== oldUrl)).toEqual([]);
    console.log(`podman service killed mid-rollout (${scene.world.kind}, load average ${os.loadavg()[0].toFixed(1)}): ${messages.join(' | ')}; ${describeService(seen)}`);
    client = undefined;
  }, 300_000);
});
