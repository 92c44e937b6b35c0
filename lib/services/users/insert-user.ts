import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import type { Tx } from '@/db/client';
import { account, user } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { isUniqueViolation } from '../validation';

/** Writes a user with an email + password credential in better-auth's shape. */
export async function insertUser(tx: Tx, input: { name: string; email: string; password: string }) {
  const id = randomUUID();
  const hash = await hashPassword(input.password);
  try {
    await tx.insert(user).values({ id, name: input.name, email: input.email, emailVerified: false });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new ServiceError('conflict', `An account with the email ${input.email} already exists. Sign in instead.`, { fields: { email: 'This email is already registered.' } });
    }
    throw e;
  }
  await tx.insert(account).values({ id: randomUUID(), accountId: id, providerId: 'credential', userId: id, password: hash });
  return { id, name: input.name, email: input.email };
}
