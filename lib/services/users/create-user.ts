import { z } from 'zod';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { provisionOrg } from '../orgs/provision-org';
import { createOrgInput } from '../orgs/schemas';
import { parse } from '../validation';
import { insertUser } from './insert-user';
import { newUserInput } from './schemas';

const input = newUserInput.extend({ organization: createOrgInput.optional() });

/** Headless account creation (`npm run admin:create`): system callers only. */
export async function createUser(ctx: ServiceContext, raw: z.input<typeof input>) {
  if (ctx.actor.type !== 'system') throw new ServiceError('forbidden', 'Only the installer can create accounts directly.');
  const data = parse(input, raw);
  return ctx.db.transaction(async (tx) => {
    const created = await insertUser(tx, data);
    await audit(tx, ctx, null, { action: 'user.create', targetType: 'user', targetId: created.id, targetLabel: created.email });
    const org = data.organization ? await provisionOrg(tx, ctx, { ...data.organization, ownerId: created.id }) : undefined;
    return { user: created, org };
  });
}
