import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvent } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { authorizeOrg, type ServiceContext } from '../context';
import { parse, isUuid } from '../validation';

const input = z.strictObject({
  org: z.string().max(200),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).optional(),
});

// The cursor keeps Postgres' own microsecond timestamp text: a JS Date would round it
// to milliseconds and skip events.
function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    if (!/^\d{4}-\d\d-\d\d[ T][\d:.+-]+$/.test(at) || !isUuid(id)) throw new Error();
    return { at, id };
  } catch {
    throw ServiceError.invalid('The page cursor is not valid. Start from the first page.', { cursor: 'Invalid cursor.' });
  }
}

/** The audit log (input: `{ org, limit?, cursor? }`), newest first, paged by a keyset cursor so deep pages stay fast. */
export async function listAuditEvents(ctx: ServiceContext, raw: unknown) {
  const { org } = await authorizeOrg(ctx, raw, 'audit:read');
  const q = parse(input, raw);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await ctx.db
    .select({ event: auditEvent, at: sql<string>`${auditEvent.createdAt}::text` })
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.organizationId, org.id),
        after ? or(sql`${auditEvent.createdAt} < ${after.at}::timestamptz`, and(sql`${auditEvent.createdAt} = ${after.at}::timestamptz`, lt(auditEvent.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(auditEvent.createdAt), desc(auditEvent.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? Buffer.from(`${last.at}|${last.event.id}`).toString('base64url') : null;
  const items = page.map((r) => r.event);
  return { items, nextCursor };
}
