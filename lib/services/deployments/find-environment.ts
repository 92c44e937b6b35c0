import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { environment } from '@/db/schema';
import { ServiceError } from '@/lib/errors';

/** The named environment, or the first on the promotion path when no name is given. */
export async function findEnvironment(db: Tx, organizationId: string, name?: string) {
  const [row] = await db
    .select()
    .from(environment)
    .where(and(eq(environment.organizationId, organizationId), name ? eq(environment.name, name) : undefined))
    .orderBy(asc(environment.position))
    .limit(1);
  if (!row) throw name ? ServiceError.invalid(`There is no environment "${name}".`, { environment: 'Unknown environment.' }) : ServiceError.notFound('Environment');
  return row;
}
