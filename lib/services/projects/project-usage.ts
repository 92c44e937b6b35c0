import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component } from '@/db/schema';
import { ServiceError } from '@/lib/errors';

/** Refuses to delete a project that still holds components. */
export async function assertProjectEmpty(tx: Tx, projectId: string): Promise<void> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(component).where(eq(component.projectId, projectId));
  if (row.n > 0) throw ServiceError.conflict(`This project still has ${row.n} component${row.n > 1 ? 's' : ''}. Delete them first.`);
}
