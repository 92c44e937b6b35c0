import { and, desc, eq, ne } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, deployment, release, type DeploymentTrigger } from '@/db/schema';
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
 * runs exactly that digest with the settings frozen in its release. Goes to the first environment unless one is named.
 */
export async function deploy(ctx: ServiceContext, input: unknown) {
  const { org, project, component: comp, body } = await loadComponent(ctx, input, 'deployments:manage');
  const data = parse(deployInput, body);
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
  /** CI: a request for what the newest deployment already does answers with that deployment. */
  opts: { skipWhenActive?: boolean } = {},
): Promise<Accepted> {
  const env = await findEnvironment(ctx.db, organizationId, data.environment);
  let resolved: Awaited<ReturnType<typeof resolveImage>> | undefined;
  if (!data.releaseId) {
    const registry = await registryWithCredentials(ctx.db, organizationId, comp.registryId);
    const image = data.image ?? (data.digest ? `${comp.repository}@${data.digest}` : `${comp.repository}:${data.tag}`);
    resolved = await resolveImage(registry, image);
  }
  const row = await ctx.db.transaction(async (tx) => {
    let rel: { id: string; image: string; digest: string };
    if (resolved) {
      // The component's repository is NOT changed here: what a component is follows the
      // release that becomes active (run-deployment), never an attempt that may fail.
      rel = await makeRelease(tx, ctx, comp, resolved.ref, resolved.digest);
    } else {
      // Previous Images / rollback / promotion: exactly that release's snapshot.
      const [found] = await tx.select({ id: release.id, image: release.image, digest: release.digest }).from(release).where(and(eq(release.id, data.releaseId!), eq(release.componentId, comp.id)));
      if (!found) throw ServiceError.notFound('Release');
      rel = found;
    }
    if (opts.skipWhenActive) {
      const current = await sameAsNewest(tx, comp.id, env.id, rel.id);
      if (current) {
        const accepted: Accepted = { id: current.id, status: current.status, environment: env.name, release: { id: rel.id, image: rel.image, digest: rel.digest }, unchanged: true };
        await within?.(tx, accepted);
        return accepted;
      }
    }
    const dep = await queueDeployment(tx, ctx, { organizationId, componentId: comp.id, componentLabel: label, environmentId: env.id, environmentName: env.name, releaseId: rel.id, image: rel.image, digest: rel.digest, trigger: data.trigger ?? (data.releaseId ? 'rollback' : undefined) });
    const accepted: Accepted = { id: dep.id, status: dep.status, environment: env.name, release: { id: rel.id, image: rel.image, digest: rel.digest } };
    await within?.(tx, accepted);
    return accepted;
  });
  // Only after the commit: the reconciler must never see a deployment that may still roll back.
  if (!row.unchanged) wakeReconciler();
  return row;
}

export interface Accepted {
  id: string;
  status: string;
  environment: string;
  release: { id: string; image: string; digest: string };
  /** True when nothing was queued: the newest request (active, in flight or queued) is this release with the same spec. */
  unchanged?: boolean;
}

/**
 * The newest request of (component, environment) when it is for this release with the same
 * spec and is active, in flight or queued: a new one would only redo it. Not when it failed
 * (a retry is a real deploy), when the component was edited since (configuration changes
 * queue their own redeploy, so they make it not the newest), or when drift detection found
 * the active one missing or degraded.
 */
async function sameAsNewest(tx: Tx, componentId: string, environmentId: string, releaseId: string) {
  const [latest] = await tx
    .select({ id: deployment.id, status: deployment.status, releaseId: deployment.releaseId, observed: deployment.observedStatus, createdAt: deployment.createdAt, componentUpdatedAt: component.updatedAt })
    .from(deployment)
    .innerJoin(component, eq(component.id, deployment.componentId))
    .where(and(eq(deployment.componentId, componentId), eq(deployment.environmentId, environmentId), ne(deployment.status, 'superseded')))
    .orderBy(desc(deployment.createdAt))
    .limit(1);
  if (!latest || latest.status === 'failed' || latest.releaseId !== releaseId) return undefined;
  if (latest.observed === 'missing' || latest.observed === 'degraded') return undefined;
  if (latest.componentUpdatedAt > latest.createdAt) return undefined;
  return latest;
}
