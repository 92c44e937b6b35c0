import { eq } from 'drizzle-orm';
import { component, organization, project } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';

/** The refusal of any caller but a CI token. */
export const notCiToken = () => new ServiceError('unauthenticated', 'Send the component\'s CI token as "Authorization: Bearer gct_…".');

/** The one component a CI token is bound to; any other caller is refused. */
export async function ciComponent(ctx: ServiceContext) {
  if (ctx.actor.type !== 'ci-token') throw notCiToken();
  const [row] = await ctx.db
    .select({ comp: component, project: project.name, org: organization.slug })
    .from(component)
    .innerJoin(project, eq(project.id, component.projectId))
    .innerJoin(organization, eq(organization.id, component.organizationId))
    .where(eq(component.id, ctx.actor.componentId));
  if (!row) throw new ServiceError('unauthenticated', 'This token\'s component no longer exists.');
  return { actor: ctx.actor, component: row.comp, label: `${row.project}/${row.comp.name}`, org: row.org, project: row.project };
}
