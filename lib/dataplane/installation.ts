import { randomBytes } from 'node:crypto';
import { asc } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { installation } from '@/db/schema';

/**
 * This installation's id, generated on first start and kept in the database:
 * every process sharing the database (and so the same desired state) uses the
 * same id, and another installation on the same engine has another. When two
 * processes create one at once, both settle on the oldest row.
 */
export async function installationId(db: Db): Promise<string> {
  const oldest = () => db.select({ id: installation.id }).from(installation).orderBy(asc(installation.createdAt), asc(installation.id)).limit(1);
  const [row] = await oldest();
  if (row) return row.id;
  await db.insert(installation).values({ id: newInstallationId() }).onConflictDoNothing();
  return (await oldest())[0].id;
}

/** 12 lowercase hex characters: short enough for container and network names. */
export function newInstallationId(): string {
  return randomBytes(6).toString('hex');
}
