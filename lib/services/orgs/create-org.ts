import { requireUser, type ServiceContext } from '../context';
import { parse } from '../validation';
import { provisionOrg } from './provision-org';
import { createOrgInput } from './schemas';

/** Any signed-in user may create an organisation and becomes its admin. */
export async function createOrg(ctx: ServiceContext, input: unknown) {
  const user = requireUser(ctx);
  const data = parse(createOrgInput, input);
  return ctx.db.transaction((tx) => provisionOrg(tx, ctx, { ...data, ownerId: user.userId }));
}
