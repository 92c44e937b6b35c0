import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { user } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { provisionOrg } from '../orgs/provision-org';
import { createOrgInput } from '../orgs/schemas';
import { parse } from '../validation';
import { newUserInput } from './schemas';
import { insertUser } from './insert-user';

export const setupInput = newUserInput.extend({
  organization: createOrgInput.optional(),
});

export async function hasAnyUser(ctx: ServiceContext): Promise<boolean> {
  const [row] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(user);
  return row.n > 0;
}

/**
 * First run: creates the first admin (and their organisation). Allowed only while no
 * user exists; an advisory lock makes two concurrent attempts create one admin.
 */
export async function setupFirstAdmin(ctx: ServiceContext, input: unknown) {
  // Who may ask comes first: once set up, every attempt gets the same answer, whatever it sends.
  if (await hasAnyUser(ctx)) throw alreadySetUp();
  const data = parse(setupInput, input);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(4242001)`);
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(user);
    if (row.n > 0) throw alreadySetUp();
    const created = await insertUser(tx, data);
    const sys = { ...ctx, actor: { type: 'user' as const, userId: created.id, email: created.email, via: ctx.actor.type === 'user' ? ctx.actor.via : ('console' as const) } };
    const org = data.organization ? await provisionOrg(tx, sys, { ...data.organization, ownerId: created.id }) : undefined;
    return { user: created, org };
  });
}

const alreadySetUp = () => new ServiceError('conflict', 'Gantry is already set up. Sign in, or ask an admin to invite you.');

export type SetupInput = z.input<typeof setupInput>;
