import { authorize, type ServiceContext } from '../context';
import { findProject } from './find-project';

export async function getProject(ctx: ServiceContext, orgSlug: string, name: string) {
  const { org } = await authorize(ctx, orgSlug, 'org:read');
  return findProject(ctx.db, org.id, name);
}
