import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { project } from '@/db/schema';
import { ServiceError } from '@/lib/errors';

export async function findProject(db: Tx, organizationId: string, name: string) {
  const [row] = await db
    .select()
    .from(project)
    .where(and(eq(project.organizationId, organizationId), eq(project.name, name)))
    .limit(1);
  if (!row) throw ServiceError.notFound(`Project "${name}"`);
  return row;
}
