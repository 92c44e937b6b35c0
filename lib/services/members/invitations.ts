import { and, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { invitation } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { isUuid, parse } from '../validation';
import { issueInvitation, type InviteResult } from './invite-member';

const invitationIdInput = z.strictObject({ id: z.string({ message: 'Invitation id is required.' }).min(1).max(100) });

/** A pending, unexpired invitation of the organisation, locked for the transaction. */
async function pendingInvitation(tx: Tx, organizationId: string, id: string) {
  if (!isUuid(id)) throw ServiceError.notFound('Invitation');
  const [row] = await tx
    .select()
    .from(invitation)
    .where(and(eq(invitation.id, id), eq(invitation.organizationId, organizationId), eq(invitation.status, 'pending'), gt(invitation.expiresAt, new Date())))
    .for('update');
  if (!row) throw ServiceError.notFound('Pending invitation');
  return row;
}

/** Revokes a pending invitation: its link stops working at once. */
export async function revokeInvitation(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'members:manage');
  const { id } = parse(invitationIdInput, body);
  return ctx.db.transaction(async (tx) => {
    const inv = await pendingInvitation(tx, org.id, id);
    await tx.update(invitation).set({ status: 'canceled' }).where(eq(invitation.id, inv.id));
    await audit(tx, ctx, org.id, { action: 'member.invitation.revoke', targetType: 'invitation', targetId: inv.id, targetLabel: inv.email, data: { role: inv.role } });
    return { id: inv.id, email: inv.email };
  });
}

/**
 * Resends a pending invitation: a new link (returned this once) with a fresh expiry, for the
 * same address and role; the old link stops working.
 */
export async function resendInvitation(ctx: ServiceContext, input: unknown): Promise<InviteResult> {
  const { org, body } = await authorizeOrg(ctx, input, 'members:manage');
  const { id } = parse(invitationIdInput, body);
  return ctx.db.transaction(async (tx) => {
    const inv = await pendingInvitation(tx, org.id, id);
    const issued = await issueInvitation(tx, ctx, org.id, { email: inv.email, role: inv.role });
    await audit(tx, ctx, org.id, { action: 'member.invitation.resend', targetType: 'invitation', targetId: issued.invitationId, targetLabel: inv.email, data: { role: inv.role, replaces: inv.id } });
    return issued;
  });
}
