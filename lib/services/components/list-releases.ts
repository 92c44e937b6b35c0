import { desc, eq } from 'drizzle-orm';
import { environment, release } from '@/db/schema';
import type { ServiceContext } from '../context';
import { releasePublicColumns } from '../deployments/make-release';
import { releaseChanges, type ReleaseChanges } from '../releases/changes';
import { noFields } from '../paths';
import { parse } from '../validation';
import { loadComponent } from './find-component';

/**
 * "Previous Images": every release ever made for the component, newest first, each with what
 * changed since the release before it (image, endpoints, config keys — never config values).
 */
export async function listReleases(ctx: ServiceContext, input: unknown) {
  const { org, component, body } = await loadComponent(ctx, input, 'org:read');
  parse(noFields, body);
  const rows = await ctx.db
    .select({ ...releasePublicColumns, config: release.config })
    .from(release)
    .where(eq(release.componentId, component.id))
    .orderBy(desc(release.createdAt), desc(release.id))
    .limit(501);
  const envs = new Map((await ctx.db.select({ id: environment.id, name: environment.name }).from(environment).where(eq(environment.organizationId, org.id))).map((e) => [e.id, e.name]));
  const envName = (id: string) => envs.get(id) ?? 'a removed environment';
  return rows.slice(0, 500).map(({ config: _config, ...r }, i): typeof r & { changes: ReleaseChanges | null } => {
    const prev = rows[i + 1];
    return { ...r, changes: prev ? releaseChanges(prev, rows[i], envName) : null };
  });
}
