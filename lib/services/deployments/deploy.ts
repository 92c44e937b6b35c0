import { and, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, containerRegistry, deployment, environment, release, type DeploymentTrigger, type ReleaseWorkload } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { resolveImage } from '../components/resolve-image';
import { registryWithCredentials, withCredentials } from '../registries/registry-credentials';
import { parse } from '../validation';
import { findEnvironment } from './find-environment';
import { planRelease } from './make-release';
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
  /**
   * More writes that belong to the same acceptance (the CI delivery record): all or nothing.
   * On a transaction when something is queued; on the database itself when nothing is (one write).
   */
  within?: (tx: Tx, accepted: Accepted) => Promise<void>,
  opts: {
    /** CI: a request for what the newest deployment already does answers with that deployment. */
    skipWhenActive?: boolean;
    /** The first environment and the component's registry row, when the caller read them already (ci-accept.ts). */
    firstEnvironment?: Environment;
    registry?: RegistryRow;
  } = {},
): Promise<Accepted> {
  const env = !data.environment && opts.firstEnvironment ? opts.firstEnvironment : await findEnvironment(ctx.db, organizationId, data.environment);
  let resolved: Awaited<ReturnType<typeof resolveImage>> | undefined;
  if (!data.releaseId) {
    const registry = opts.registry?.id === comp.registryId ? withCredentials(opts.registry) : await registryWithCredentials(ctx.db, organizationId, comp.registryId);
    const image = data.image ?? (data.digest ? `${comp.repository}@${data.digest}` : `${comp.repository}:${data.tag}`);
    resolved = await resolveImage(registry, image);
  }
  // The reads come first, outside any transaction (at READ COMMITTED each statement sees the
  // same inside one or not): a request the newest deployment already covers then costs one
  // write and no transaction. A new release is only written inside the transaction below.
  let rel: ReleaseRef | undefined;
  let recordRelease: ((tx: Tx) => Promise<ReleaseRef>) | undefined;
  if (resolved) {
    // The component's repository is NOT changed here: what a component is follows the
    // release that becomes active (run-deployment), never an attempt that may fail.
    const planned = await planRelease(ctx.db, ctx, comp, resolved.ref, resolved.digest);
    // Asked by snapshot hash first: when the newest deployment runs exactly this, that answers.
    const current = opts.skipWhenActive ? await sameAsNewest(ctx.db, comp.id, env.id, eq(release.snapshotHash, planned.hash)) : undefined;
    if (current) return unchanged(current, env.name, within, ctx.db);
    rel = await planned.find();
    recordRelease = planned.record;
  } else {
    // Previous Images / rollback / promotion: exactly that release's snapshot.
    [rel] = await ctx.db.select({ id: release.id, image: release.image, digest: release.digest, workload: release.workload }).from(release).where(and(eq(release.id, data.releaseId!), eq(release.componentId, comp.id)));
    if (!rel) throw ServiceError.notFound('Release');
    const current = opts.skipWhenActive ? await sameAsNewest(ctx.db, comp.id, env.id, eq(release.id, rel.id)) : undefined;
    if (current) return unchanged(current, env.name, within, ctx.db);
  }
  const row = await ctx.db.transaction(async (tx) => {
    const r = rel ?? (await recordRelease!(tx));
    const dep = await queueDeployment(tx, ctx, { organizationId, componentId: comp.id, componentLabel: label, environmentId: env.id, environmentName: env.name, releaseId: r.id, image: r.image, digest: r.digest, trigger: data.trigger ?? (data.releaseId ? 'rollback' : undefined) }, { component: comp, workload: r.workload });
    const accepted: Accepted = { id: dep.id, status: dep.status, environment: env.name, release: { id: r.id, image: r.image, digest: r.digest } };
    await within?.(tx, accepted);
    return accepted;
  });
  // Only after the commit: the reconciler must never see a deployment that may still roll back.
  wakeReconciler();
  return row;
}

type ReleaseRef = { id: string; image: string; digest: string; workload: ReleaseWorkload | null };
type Environment = typeof environment.$inferSelect;
type RegistryRow = typeof containerRegistry.$inferSelect;

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
 * spec (`sameRelease`: this release's id, or the snapshot hash of an identical one) and is
 * active, in flight or queued: a new one would only redo it. Not when it failed
 * (a retry is a real deploy), when the component was edited since (configuration changes
 * queue their own redeploy, so they make it not the newest), or when drift detection found
 * the active one missing or degraded.
 */
async function sameAsNewest(db: Tx, componentId: string, environmentId: string, sameRelease: SQL) {
  const [latest] = await db
    .select({
      id: deployment.id,
      status: deployment.status,
      observed: deployment.observedStatus,
      createdAt: deployment.createdAt,
      componentUpdatedAt: component.updatedAt,
      release: { id: release.id, image: release.image, digest: release.digest },
      same: sql<boolean>`coalesce(${sameRelease}, false)`,
    })
    .from(deployment)
    .innerJoin(component, eq(component.id, deployment.componentId))
    .innerJoin(release, eq(release.id, deployment.releaseId))
    .where(and(eq(deployment.componentId, componentId), eq(deployment.environmentId, environmentId), ne(deployment.status, 'superseded')))
    .orderBy(desc(deployment.createdAt))
    .limit(1);
  if (!latest || latest.status === 'failed' || !latest.same) return undefined;
  if (latest.observed === 'missing' || latest.observed === 'degraded') return undefined;
  if (latest.componentUpdatedAt > latest.createdAt) return undefined;
  return latest;
}

/** The answer for a request the newest deployment already covers: nothing queued; `within` writes on the database itself. */
async function unchanged(current: NonNullable<Awaited<ReturnType<typeof sameAsNewest>>>, environment: string, within: ((tx: Tx, accepted: Accepted) => Promise<void>) | undefined, db: Tx) {
  const accepted: Accepted = { id: current.id, status: current.status, environment, release: current.release, unchanged: true };
  await within?.(db, accepted);
  return accepted;
}
