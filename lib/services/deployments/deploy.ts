import { and, eq } from 'drizzle-orm';
import { component, release } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { resolveImage } from '../components/resolve-image';
import { registryWithCredentials } from '../registries/registry-credentials';
import { parse } from '../validation';
import { findEnvironment } from './find-environment';
import { makeRelease } from './make-release';
import { queueDeployment } from './queue-deployment';
import { deployInput } from './schemas';
import { wake } from '@/lib/jobs/signal';

type Component = typeof component.$inferSelect;

/**
 * Update Image & Deploy: a new tag, a new image URL on the same registry, or an existing
 * release (Previous Images). Tags and URLs are resolved to a digest now; the deployment
 * runs exactly that digest. Goes to the first environment unless one is named.
 */
export async function deploy(ctx: ServiceContext, orgSlug: string, projectName: string, componentName: string, input: unknown) {
  const data = parse(deployInput, input);
  const { org, project, component: comp } = await loadComponent(ctx, orgSlug, projectName, componentName, 'deployments:manage');
  return deployComponent(ctx, org.id, `${project.name}/${comp.name}`, comp, data);
}

export async function deployComponent(
  ctx: ServiceContext,
  organizationId: string,
  label: string,
  comp: Component,
  data: { tag?: string; image?: string; releaseId?: string; digest?: string; environment?: string },
) {
  const env = await findEnvironment(ctx.db, organizationId, data.environment);
  let resolved: Awaited<ReturnType<typeof resolveImage>> | undefined;
  if (!data.releaseId) {
    const registry = await registryWithCredentials(ctx.db, organizationId, comp.registryId);
    const image = data.image ?? (data.digest ? `${comp.repository}@${data.digest}` : `${comp.repository}:${data.tag}`);
    resolved = await resolveImage(registry, image);
  }
  const row = await ctx.db.transaction(async (tx) => {
    let rel: typeof release.$inferSelect;
    if (resolved) {
      rel = await makeRelease(tx, ctx, comp, resolved.ref, resolved.digest);
      if (resolved.ref.name !== comp.repository) {
        await tx.update(component).set({ repository: resolved.ref.name, updatedAt: new Date() }).where(eq(component.id, comp.id));
      }
    } else {
      const [found] = await tx.select().from(release).where(and(eq(release.id, data.releaseId!), eq(release.componentId, comp.id)));
      if (!found) throw ServiceError.notFound('Release');
      rel = found;
    }
    const dep = await queueDeployment(tx, ctx, { organizationId, componentId: comp.id, componentLabel: label, environmentId: env.id, environmentName: env.name, releaseId: rel.id, image: rel.image, digest: rel.digest });
    return { dep, rel };
  });
  wake('deployment');
  return { id: row.dep.id, status: row.dep.status, environment: env.name, release: { id: row.rel.id, image: row.rel.image, digest: row.rel.digest } };
}
