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
});
