import { and, eq, sql } from 'drizzle-orm';
import { component, containerRegistry, environment, organization, project } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import type { Draw } from '../rate-limit';
import { notCiToken } from './ci-component';
import { checkCiDraw, ciDraw, ciRateLimit } from './rate-limit';

/**
 * What a webhook that may deploy needs before it resolves the image, read in ONE statement (a
 * storm of webhooks pays per statement): the token's component with its project and
 * organisation names (as ciComponent), a draw from the token's rate-limit bucket (as
 * takeRateLimit: a data-modifying CTE, so it runs once whatever the rest finds), the first
 * environment on the promotion path (as findEnvironment) and the component's registry row with
 * its secret column (as registryWithCredentials; decrypted only by withCredentials on the resolve
 * path). `environment` / `registry` are undefined when there is none: deployComponent then looks
 * again and answers as it always does.
 * Check the draw with `limited()` before anything else is decided.
 */
export async function ciAccept(ctx: ServiceContext) {
  if (ctx.actor.type !== 'ci-token') throw notCiToken();
  const actor = ctx.actor;
  const perMinute = ciRateLimit();
  const draw = ctx.db.$with('draw', { tokens: sql<number | string>`tokens`, granted: sql<boolean>`granted` }).as(ciDraw(actor.tokenId, perMinute));
  const firstPosition = sql`(select min(e.position) from ${environment} e where e.organization_id = ${component.organizationId})`;
  const [row] = await ctx.db
    .with(draw)
    .select({
      comp: component,
      project: project.name,
      org: organization.slug,
      env: environment,
      registry: containerRegistry,
      tokens: sql<number | string>`(select tokens from draw)`,
      granted: sql<boolean>`(select granted from draw)`,
    })
    .from(component)
    .innerJoin(project, eq(project.id, component.projectId))
    .innerJoin(organization, eq(organization.id, component.organizationId))
    .leftJoin(environment, and(eq(environment.organizationId, component.organizationId), eq(environment.position, firstPosition)))
    .leftJoin(containerRegistry, and(eq(containerRegistry.id, component.registryId), eq(containerRegistry.organizationId, component.organizationId)))
    .where(eq(component.id, actor.componentId));
  if (!row) throw new ServiceError('unauthenticated', 'This token\'s component no longer exists.');
  const drawn: Draw = { tokens: row.tokens, granted: row.granted };
  return {
    actor,
    component: row.comp,
    label: `${row.project}/${row.comp.name}`,
    org: row.org,
    project: row.project,
    /** Throws rate_limited when this request got no token from the bucket. */
    limited: () => checkCiDraw(drawn, perMinute),
    environment: row.env ?? undefined,
    registry: row.registry ?? undefined,
  };
}
