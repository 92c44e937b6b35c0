import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { auditEvent, member, organization } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { can, type Permission, type Role } from './roles';

export type Via = 'console' | 'api' | 'ci' | 'system';

export type Actor =
  | { type: 'user'; userId: string; email: string; via: 'console' | 'api' }
  /** `role` is already capped at the creator's current role; `createdBy` is the person behind the key (none for system keys). */
  | { type: 'api-key'; keyId: string; name: string; organizationId: string; role: Role; createdBy: string | null }
  | { type: 'ci-token'; tokenId: string; name: string; organizationId: string; componentId: string }
  | { type: 'system'; label?: string }
  /** Someone not signed in (first-run setup, accepting an invitation): holds no role anywhere. */
  | { type: 'anonymous' };

export interface ServiceContext {
  db: Db;
  actor: Actor;
  ip?: string;
  requestId?: string;
}

export interface OrgRef {
  id: string;
  slug: string;
  name: string;
}

export interface Authorized {
  org: OrgRef;
  role: Role;
}

/** The signed-in user, or a clear refusal for any other kind of caller. */
export function requireUser(ctx: ServiceContext) {
  if (ctx.actor.type !== 'user') throw new ServiceError('forbidden', 'This action needs a signed-in user.');
  return ctx.actor;
}

/**
 * Resolves the organisation and the caller's role in it, then checks the permission.
 * Someone outside the organisation learns nothing: the answer is "not found".
 */
export async function authorize(ctx: ServiceContext, orgSlug: string, permission: Permission): Promise<Authorized> {
  const org = await findOrg(ctx.db, orgSlug);
  const role = org ? await roleOf(ctx, org.id) : undefined;
  if (!org || !role) throw ServiceError.notFound(`Organization "${orgSlug}"`);
  if (!can(role, permission)) throw ServiceError.forbidden();
  return { org, role };
}

async function findOrg(db: Tx, slug: string): Promise<OrgRef | undefined> {
  const [row] = await db
    .select({ id: organization.id, slug: organization.slug, name: organization.name })
    .from(organization)
    .where(eq(organization.slug, slug))
    .limit(1);
  return row;
}

async function roleOf(ctx: ServiceContext, orgId: string): Promise<Role | undefined> {
  const a = ctx.actor;
  switch (a.type) {
    case 'system':
      return 'admin';
    case 'api-key':
      return a.organizationId === orgId ? a.role : undefined;
    case 'ci-token':
    case 'anonymous':
      return undefined;
    case 'user': {
      const [row] = await ctx.db
        .select({ role: member.role })
        .from(member)
        .where(and(eq(member.organizationId, orgId), eq(member.userId, a.userId)))
        .limit(1);
      return row?.role as Role | undefined;
    }
  }
}

export function actorVia(actor: Actor): Via {
  switch (actor.type) {
    case 'user':
      return actor.via;
    case 'api-key':
      return 'api';
    case 'ci-token':
      return 'ci';
    case 'system':
      return 'system';
    case 'anonymous':
      return 'console';
  }
}

/** How a caller is named in audit entries, deployment history and release records. */
export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case 'user':
      return actor.email;
    case 'api-key':
      return `API key ${actor.name}`;
    case 'ci-token':
      return `CI token ${actor.name}`;
    case 'system':
      return actor.label ?? 'system';
    case 'anonymous':
      return 'anonymous';
  }
}

function actorFields(actor: Actor) {
  const actorId = actor.type === 'user' ? actor.userId : actor.type === 'api-key' ? actor.keyId : actor.type === 'ci-token' ? actor.tokenId : null;
  const actorType = actor.type === 'anonymous' ? ('system' as const) : actor.type;
  return { actorType, actorId, actorLabel: actorLabel(actor) };
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string | null;
  /** Non-secret fields only. */
  data?: Record<string, unknown>;
}

/** Records who did what; call it inside the same transaction as the write. */
export async function audit(tx: Tx, ctx: ServiceContext, organizationId: string | null, entry: AuditEntry) {
  await tx.insert(auditEvent).values({
    organizationId,
    ...actorFields(ctx.actor),
    via: actorVia(ctx.actor),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? null,
    data: entry.data ?? {},
    ip: ctx.ip ?? null,
  });
}
