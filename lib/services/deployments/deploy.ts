import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, release, type DeploymentTrigger } from '@/db/schema';
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
import { wakeReconciler } from './wake';

type Component = typeof component.$inferSelect;

/**
 * Update Image & Deploy: a new tag, a new image URL on the same registry, or an existing
 * release (Previous Images). Tags and URLs are resolved to a digest now; the deployment
 * runs exactly that digest. Goes to the first environment unless one is named.
 */
export async function deploy(ctx: ServiceContext, orgSlug: string, projectName: string, componentName: string, input: unknown) {
  const { org, project, component: comp } = await loadComponent(ctx, orgSlug, projectName, componentName, 'deployments:manage');
  const data = parse(deployInput, input);
  return deployComponent(ctx, org.id, `${project.name}/${comp.name}`, comp, data);
}

export async function deployComponent(
  ctx: ServiceContext,
  organizationId: string,
  label: string,
  comp: Component,
  data: { tag?: string; image?: string; releaseId?: string; digest?: string; environment?: string; trigger?: DeploymentTrigger },
  /** More writes that belong to the same acceptance (the CI delivery record): all or nothing. */
  within?: (tx: Tx, accepted: Accepted) => Promise<void>,
): Promise<Accepted> {
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
    const dep = await queueDeployment(tx, ctx, { organizationId, componentId: comp.id, componentLabel: label, environmentId: env.id, environmentName: env.name, releaseId: rel.id, image: rel.image, digest: rel.digest, trigger: data.trigger ?? (data.releaseId ? 'rollback' : undefined) });
    const accepted: Accepted = { id: dep.id, status: dep.status, environment: env.name, release: { id: rel.id, image: rel.image, digest: rel.digest } };
    await within?.(tx, accepted);
    return accepted;
  });
  // Only after the commit: the reconciler must never see a deployment that may still roll back.
  wakeReconciler();
  return row;
}

export interface Accepted {
  id: string;
  status: string;
  environment: string;
  release: { id: string; image: string; digest: string };
}
