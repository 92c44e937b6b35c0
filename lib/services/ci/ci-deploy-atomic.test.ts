import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { deployment, webhookDelivery } from '@/db/schema';
import { useTestApp } from '@/lib/api/testing';
import { captureLogs } from '@/lib/logger';
import { POST as ciDeployRoute } from '@/app/api/v1/ci/deploy/route';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { createCiToken } from './tokens';

/**
 * The CI deploy accept is one transaction: the release, the queued deployment and the
 * delivery record commit together, so a failure after queueing leaves nothing to deploy and
 * a retry cannot deploy twice.
 */
let d: Database;
let reg: TestRegistry;
let token: string;
let componentId: string;

beforeAll(async () => {
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  useTestApp(d);
  await pushImage(await buildTestImage({ message: 'atomic 1.0' }), `${reg.host}/team/atomic:1.0`);
  await orgWithMembers(d.db, 'acme');
  await createProject(system(d.db), { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(system(d.db), 'acme', { displayName: 'Local', authType: 'anonymous', host: reg.host });
  componentId = (await createComponent(system(d.db), { org: 'acme', project: 'shop', name: 'atomic', displayName: 'Atomic', type: 'service', registryId: r.id, image: `${reg.host}/team/atomic:1.0` })).id;
  token = (await createCiToken(system(d.db), 'acme', 'shop', 'atomic', { name: 'ci' })).token;
}, 180_000);
afterAll(async () => {
  await Promise.all([d?.close(), reg?.stop()]);
});

const deploy = (body: unknown) =>
  ciDeployRoute(new Request('http://127.0.0.1:3000/api/v1/ci/deploy', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
const deployments = async () => (await d.db.select({ id: deployment.id }).from(deployment).where(eq(deployment.componentId, componentId))).length;

describe('CI deploy: one transaction', () => {
  it('refuses a NUL in commit as invalid (422) and queues nothing', async () => {
    const before = await deployments();
    const res = await deploy({ tag: '1.0', commit: 'abc\u0000def' });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.fields).toHaveProperty('commit');
    expect(await deployments()).toBe(before);
  });

  it('rolls the queued deployment back when recording the delivery fails, and logs no SQL values', async () => {
    // A real failure after queueing: the database refuses the accepted delivery record.
    await d.db.execute(sql.raw(`
      create function refuse_accepted_delivery() returns trigger language plpgsql as $$
      begin
        if new.result = 'accepted' then raise exception 'delivery refused for the test'; end if;
        return new;
      end $$;`));
    await d.db.execute(sql.raw(`
      create trigger refuse_accepted before insert or update on webhook_delivery for each row execute function refuse_accepted_delivery();`));
    const before = await deployments();
    const { result: res, lines } = await captureLogs(() => deploy({ tag: '1.0', commit: 'secret-commit-value' }));
    expect(res.status).toBe(500);
    expect(await deployments()).toBe(before);
    const rows = await d.db.select().from(webhookDelivery).where(eq(webhookDelivery.componentId, componentId));
    expect(rows.filter((r) => r.result === 'accepted')).toHaveLength(0);
    // The failure is logged by the statement's kind, never its text or parameter values.
    expect(lines).toContain('insert webhook_delivery');
    expect(lines).not.toContain('secret-commit-value');
    expect(lines).not.toMatch(/insert into "webhook_delivery"/);

    await d.db.execute(sql.raw('drop trigger refuse_accepted on webhook_delivery'));
    const retry = await deploy({ tag: '1.0', commit: 'secret-commit-value' });
    expect(retry.status).toBe(202);
    expect(await deployments()).toBe(before + 1);
  });
});
