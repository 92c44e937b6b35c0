import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, release } from '@/db/schema';
import type { ImageReference } from '@/lib/oci/reference';
import { actorLabel, type ServiceContext } from '../context';

/** The release for (image, digest): reused when the component already has it, else recorded. */
export async function makeRelease(tx: Tx, ctx: ServiceContext, comp: typeof component.$inferSelect, ref: ImageReference, digest: string) {
  const image = ref.canonical();
  const [existing] = await tx
    .select()
    .from(release)
    .where(and(eq(release.componentId, comp.id), eq(release.image, image), eq(release.digest, digest)))
    .limit(1);
  if (existing) return existing;
  const [row] = await tx
    .insert(release)
    .values({ componentId: comp.id, image, tag: ref.digest ? null : (ref.tag ?? null), digest, createdByLabel: actorLabel(ctx.actor) })
    .returning();
  return row;
}
