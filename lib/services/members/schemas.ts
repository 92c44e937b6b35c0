import { z } from 'zod';
import { roleSchema } from '../roles';
import { emailSchema, newUserInput } from '../users/schemas';

export const inviteMemberInput = z.strictObject({ email: emailSchema, role: roleSchema });
/** The member of a path (/members/{userId}). */
export const memberPathInput = z.strictObject({ userId: z.string({ message: 'User id is required.' }).min(1, 'User id is required.').max(100) });
export const updateMemberInput = z.strictObject({ role: roleSchema });
export const acceptInvitationInput = z.strictObject({
  token: z.string().min(10, 'The invitation link is incomplete.').max(200),
  /** Needed when the invitee has no account yet. */
  account: newUserInput.omit({ email: true }).optional(),
});
