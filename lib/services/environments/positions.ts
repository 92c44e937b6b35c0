import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { environment } from '@/db/schema';

/**
 * Moves each environment to its new position (`moves`: id → position). Positions are unique
 * per organisation (an index), so every row first steps aside to a negative position in one
 * statement, then goes to its place. Call it holding `lockEnvironments`.
 */
export async function writePositions(tx: Tx, organizationId: string, current: { id: string; position: number }[], moves: Map<string, number>) {
  if (current.every((e) => moves.get(e.id) === e.position)) return;
  await tx
    .update(environment)
    .set({ position: sql`-1 - ${environment.position}` })
    .where(eq(environment.organizationId, organizationId));
  for (const e of current) await tx.update(environment).set({ position: moves.get(e.id)! }).where(eq(environment.id, e.id));
}
