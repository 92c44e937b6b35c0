import { asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { componentEndpoints, schemaFile } from '@/db/schema';
import { isLongRunning } from '@/lib/component-types';

export async function savedEndpoints(db: Tx, componentId: string) {
  const [row] = await db.select().from(componentEndpoints).where(eq(componentEndpoints.componentId, componentId)).limit(1);
  return row;
}

export async function schemaFileNames(db: Tx, componentId: string): Promise<string[]> {
  const rows = await db.select({ name: schemaFile.name }).from(schemaFile).where(eq(schemaFile.componentId, componentId)).orderBy(asc(schemaFile.name));
  return rows.map((r) => r.name);
}

/** Endpoints are what services (and web apps) answer on; tasks run to completion and have none. */
export const hasEndpoints = isLongRunning;
