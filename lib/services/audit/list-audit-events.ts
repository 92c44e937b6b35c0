import { and, desc, eq, ilike, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvent } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse, isUuid } from '../validation';

/** A moment: ISO 8601 with an offset, or without one (then UTC, as the page shows times); empty = none. */
const moment = (what: string) =>
  z
    .string()
    .trim()
    .max(40)
    .transform((v, c) => {
      if (!v) return undefined; // an empty form field: no bound
      const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
      if (Number.isNaN(t)) {
        c.addIssue({ code: 'custom', message: `${what} must be a date and time, e.g. 2026-11-21T09:30.` });
        return z.NEVER;
      }
      return new Date(t);
    });

/** An empty form field means "no filter". */
const filterText = z
  .string()
  .trim()
  .max(200)
  .transform((v) => v || undefined);

export const listAuditEventsInput = z
  .strictObject({
    org: z.string().max(200),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page (of the same filters). */
    cursor: z.string().max(200).optional(),
    /** Part of who did it: an email, "API key …", "CI token …". */
    actor: filterText.optional(),
    /** An action or its start: "deployment." matches deployment.promote, deployment.rollback … */
    action: filterText.optional(),
    /** Part of the target's name, its id, or its type ("environment"). */
    target: filterText.optional(),
    from: moment('From').optional(),
    to: moment('To').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '"From" must come before "To".', path: ['to'] });

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

/** LIKE treats % and _ as wildcards: a filter means what it says. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The audit log (input: `{ org, limit?, cursor?, actor?, action?, target?, from?, to? }`), newest
 * first, paged by a keyset cursor so deep pages stay fast; the filters narrow every page alike.
 */
export async function listAuditEvents(ctx: ServiceContext, raw: unknown) {
  const { org } = await authorizeOrg(ctx, raw, 'audit:read');
  const q = parse(listAuditEventsInput, raw);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const filters: (SQL | undefined)[] = [
    q.actor ? ilike(auditEvent.actorLabel, `%${literal(q.actor)}%`) : undefined,
    q.action ? like(auditEvent.action, `${literal(q.action)}%`) : undefined,
    q.target
      ? or(ilike(auditEvent.targetLabel, `%${literal(q.target)}%`), eq(auditEvent.targetId, q.target), eq(auditEvent.targetType, q.target))
      : undefined,
    q.from ? sql`${auditEvent.createdAt} >= ${q.from.toISOString()}::timestamptz` : undefined,
    q.to ? sql`${auditEvent.createdAt} <= ${q.to.toISOString()}::timestamptz` : undefined,
  ];
  const rows = await ctx.db
    .select({ event: auditEvent, at: sql<string>`${auditEvent.createdAt}::text` })
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.organizationId, org.id),
        ...filters,
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

/** The actions this organisation's log holds, for the filter's suggestions. */
export async function listAuditActions(ctx: ServiceContext, raw: unknown) {
  const { org } = await authorizeOrg(ctx, raw, 'audit:read');
  parse(z.strictObject({ org: z.string().max(200) }), raw);
  const rows = await ctx.db.selectDistinct({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.organizationId, org.id)).orderBy(auditEvent.action).limit(500);
  return rows.map((r) => r.action);
}
