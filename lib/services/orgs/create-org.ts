import { ServiceError } from '@/lib/errors';
import { requireUser, type ServiceContext } from '../context';
import { parse } from '../validation';
import { mayCreateOrg, orgCreationRefused } from './org-creation';
import { provisionOrg } from './provision-org';
import { createOrgInput } from './schemas';

/** Creates an organisation with the caller as its admin, if the instance lets them (see org-creation). */
export async function createOrg(ctx: ServiceContext, input: unknown) {
  const user = requireUser(ctx);
  if (!(await mayCreateOrg(ctx.db, user.userId))) throw ServiceError.forbidden(orgCreationRefused);
  const data = parse(createOrgInput, input);
  return ctx.db.transaction((tx) => provisionOrg(tx, ctx, { ...data, ownerId: user.userId }));
}
