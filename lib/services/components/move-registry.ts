import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { component, deployment, environment, release } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { parseImageReference } from '@/lib/oci/reference';
import { audit, type ServiceContext } from '../context';
import { registryWithCredentials } from '../registries/registry-credentials';
import { parse } from '../validation';
import { loadComponent } from './find-component';
import { repositoryOf, resolveImage } from './resolve-image';

const moveInput = z.strictObject({
  registryId: z.string({ message: 'Choose a container registry.' }).min(1, 'Choose a container registry.').max(64),
  /** The image on the new registry; omitted: the same repository path and tag on its host. */
  image: z.string().trim().min(1).max(512, 'The image URL must be at most 512 characters.').optional(),
});

/**
 * Moves a component to another of the organisation's registries (a mirror, a new vendor):
 * the image it runs is re-resolved there first, so a registry that lacks it, or credentials
 * that cannot pull it, are refused and nothing changes. From then on deployments pull from the
 * new registry; what runs keeps running. The old registry can then be deleted once no
 * component uses it. Releases made before the move name the old registry's image.
 */
export async function moveComponentRegistry(ctx: ServiceContext, input: unknown) {
  const { org, project, component: comp, body } = await loadComponent(ctx, input, 'components:manage');
  const data = parse(moveInput, body);
  if (data.registryId === comp.registryId) throw ServiceError.invalid('The component already uses this registry.', { registryId: 'Choose another registry.' });
  const target = await registryWithCredentials(ctx.db, org.id, data.registryId).catch((e) => {
    if (e instanceof ServiceError && e.code === 'not_found') throw ServiceError.invalid("Choose one of this organization's container registries.", { registryId: 'Unknown registry.' });
    throw e;
  });
  // What it runs in its first environment (or was created from), as the new registry names it.
  const [current] = await ctx.db
    .select({ image: release.image, digest: release.digest })
    .from(deployment)
    .innerJoin(release, eq(release.id, deployment.releaseId))
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .where(and(eq(deployment.componentId, comp.id), eq(deployment.status, 'active')))
    .orderBy(asc(environment.position))
    .limit(1);
  const [newest] = current ? [current] : await ctx.db.select({ image: release.image, digest: release.digest }).from(release).where(eq(release.componentId, comp.id)).orderBy(desc(release.createdAt)).limit(1);
  const image = data.image ?? sameImageOn(target.host, newest.image);
  const resolved = await resolveImage(target, image);
  const from = comp.repository;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(component)
      .set({ registryId: target.id, repository: repositoryOf(resolved.ref), updatedAt: new Date() })
      .where(eq(component.id, comp.id))
      .returning();
    await audit(tx, ctx, org.id, {
      action: 'component.move-registry',
      targetType: 'component',
      targetId: comp.id,
      targetLabel: `${project.name}/${comp.name}`,
      data: { from, to: row.repository, registry: target.displayName, image: resolved.ref.canonical(), digest: resolved.digest, sameDigest: resolved.digest === newest.digest },
    });
    return { ...row, image: resolved.ref.canonical(), digest: resolved.digest, sameDigest: resolved.digest === newest.digest };
  });
}

/** "old.example/team/hello:1.0" → "new.example/team/hello:1.0" (repository path and tag kept). */
function sameImageOn(host: string, image: string): string {
  const ref = parseImageReference(image);
  return `${host}/${ref.path}${ref.tag ? `:${ref.tag}` : ref.digest ? `@${ref.digest}` : ''}`;
}
