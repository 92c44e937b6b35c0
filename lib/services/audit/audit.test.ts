import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent } from '@/db/schema';
import { orgWithMembers } from '../testing/fixtures';
import { listAuditEvents } from './list-audit-events';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
beforeAll(async () => {
  d = await testDatabase();
  fx = await orgWithMembers(d.db, 'acme');
  // 120 events written in one transaction share one timestamp: paging must still not skip or repeat.
  await d.db.transaction(async (tx) => {
    await tx.insert(auditEvent).values(
      Array.from({ length: 120 }, (_, i) => ({ organizationId: fx.org.id, actorType: 'system' as const, actorLabel: 'seed', via: 'system' as const, action: `seed.${i}`, targetType: 'seed' })),
    );
  });
});
afterAll(() => d.close());

describe('audit log', () => {
  it('pages newest first through every event exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEvents(fx.users.admin, { org: 'acme', limit: 50, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.id));
      for (let i = 1; i < page.items.length; i++) expect(page.items[i - 1].createdAt >= page.items[i].createdAt).toBe(true);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(124);
    expect(pages).toBe(Math.ceil(seen.length / 50));
  });

  it('refuses a forged cursor and readers without the permission', async () => {
    await expect(listAuditEvents(fx.users.admin, { org: 'acme', cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(listAuditEvents(fx.users.developer, { org: 'acme' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listAuditEvents(fx.users['platform-engineer'], { org: 'acme', limit: 1 })).items).toHaveLength(1);
  });

  it('filters by actor, action, target and time, on every page alike', async () => {
    const at = (iso: string) => new Date(iso);
    await d.db.insert(auditEvent).values([
      { organizationId: fx.org.id, actorType: 'user', actorLabel: 'ada@example.com', via: 'console', action: 'deployment.promote', targetType: 'component', targetId: 'c-1', targetLabel: 'shop/api', createdAt: at('2026-01-10T10:00:00Z') },
      { organizationId: fx.org.id, actorType: 'user', actorLabel: 'ada@example.com', via: 'console', action: 'deployment.rollback', targetType: 'component', targetId: 'c-1', targetLabel: 'shop/api', createdAt: at('2026-01-11T10:00:00Z') },
      { organizationId: fx.org.id, actorType: 'api-key', actorLabel: 'API key release', via: 'api', action: 'environment.rename', targetType: 'environment', targetId: 'e-1', targetLabel: 'qa_50%', createdAt: at('2026-01-12T10:00:00Z') },
    ]);
    const ids = async (filters: Record<string, string>) => (await listAuditEvents(fx.users.admin, { org: 'acme', ...filters })).items.map((e) => `${e.action}@${e.targetLabel}`);
    expect(await ids({ actor: 'ADA@' })).toEqual(['deployment.rollback@shop/api', 'deployment.promote@shop/api']);
    expect(await ids({ action: 'deployment.' })).toEqual(['deployment.rollback@shop/api', 'deployment.promote@shop/api']);
    expect(await ids({ action: 'deployment.promote' })).toEqual(['deployment.promote@shop/api']);
    expect(await ids({ target: 'environment' })).toEqual(['environment.rename@qa_50%']);
    expect(await ids({ target: 'c-1', from: '2026-01-11T00:00', to: '2026-01-12T23:59:59+00:00' })).toEqual(['deployment.rollback@shop/api']);
    // % and _ are not wildcards: "%" finds only the target that has one.
    expect(await ids({ target: '_50%' })).toEqual(['environment.rename@qa_50%']);
    expect(await ids({ action: '%' })).toEqual([]);
    // Empty form fields are no filter; a filtered page still pages through its own events.
    expect((await ids({ actor: '', action: '', target: '', from: '', to: '', limit: '200' })).length).toBeGreaterThan(120);
    const first = await listAuditEvents(fx.users.admin, { org: 'acme', actor: 'ada@example.com', limit: 1 });
    const second = await listAuditEvents(fx.users.admin, { org: 'acme', actor: 'ada@example.com', limit: 1, cursor: first.nextCursor! });
    expect([first.items[0].action, second.items[0].action, second.nextCursor]).toEqual(['deployment.rollback', 'deployment.promote', null]);
  });

  it('refuses filters it cannot read, naming the field', async () => {
    await expect(listAuditEvents(fx.users.admin, { org: 'acme', from: 'last tuesday' })).rejects.toMatchObject({ code: 'invalid', details: { fields: { from: expect.any(String) } } });
    await expect(listAuditEvents(fx.users.admin, { org: 'acme', from: '2026-02-01', to: '2026-01-01' })).rejects.toMatchObject({ code: 'invalid', details: { fields: { to: expect.any(String) } } });
    await expect(listAuditEvents(fx.users.admin, { org: 'acme', who: 'x' })).rejects.toMatchObject({ code: 'invalid' });
  });
});
