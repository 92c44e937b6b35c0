import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { dataPlane, member, organization } from '@/db/schema';
import type { Actor } from '../context';

export interface PlaneHealth {
  name: string;
  /** The organisation, shown only to its own members. */
  org?: string;
  driver: 'docker' | 'kubernetes';
  /** False until a check said it works. */
  ok: boolean;
  /** When it was last checked; null: not yet (it does not count against the status). */
  checkedAt: Date | null;
}

/**
 * Every data plane's last health check, for `GET /api/v1/health`. The docker planes of all
 * organisations that share one engine are that engine, reported once as "local". Clusters
 * are named (with their organisation) only to a caller of that organisation; anyone else
 * sees "kubernetes" and whether it is ok.
 */
export async function planesHealth(db: Db, actor: Actor | null): Promise<PlaneHealth[]> {
  const rows = await db
    .select({ org: organization.slug, orgId: dataPlane.organizationId, name: dataPlane.name, driver: dataPlane.driver, settings: dataPlane.settings, ok: dataPlane.healthOk, checkedAt: dataPlane.healthCheckedAt })
    .from(dataPlane)
    .innerJoin(organization, eq(organization.id, dataPlane.organizationId))
    .orderBy(organization.slug, dataPlane.name);
  const mine = await orgsOf(db, actor);
  const engines = new Map<string, PlaneHealth>();
  const clusters: PlaneHealth[] = [];
  for (const r of rows) {
    if (r.driver === 'docker') {
      // One engine, however many organisations: its newest check speaks for it.
      const key = r.settings.dockerHost ?? '';
      const seen = engines.get(key);
      if (!seen || (r.checkedAt && (!seen.checkedAt || r.checkedAt > seen.checkedAt))) {
        engines.set(key, { name: key ? `local (${engines.size + 1})` : 'local', driver: 'docker', ok: r.ok === true, checkedAt: r.checkedAt });
      }
      continue;
    }
    clusters.push(mine.has(r.orgId) ? { name: r.name, org: r.org, driver: 'kubernetes', ok: r.ok === true, checkedAt: r.checkedAt } : { name: 'kubernetes', driver: 'kubernetes', ok: r.ok === true, checkedAt: r.checkedAt });
  }
  return [...engines.values(), ...clusters];
}

async function orgsOf(db: Db, actor: Actor | null): Promise<Set<string>> {
  if (actor?.type === 'api-key') return new Set([actor.organizationId]);
  if (actor?.type !== 'user') return new Set();
  const rows = await db.select({ id: member.organizationId }).from(member).where(eq(member.userId, actor.userId));
  return new Set(rows.map((r) => r.id));
}
