import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, release } from '@/db/schema';
import type { ImageReference } from '@/lib/oci/reference';
import { actorLabel, type ServiceContext } from '../context';
import { configRevision, liveSnapshot, snapshotHash, type ReleaseSnapshot } from '../releases/snapshot';

/** The columns of a release anyone may read (never the frozen config or connections, which hold secret ciphertexts). */
export const releasePublicColumns = {
  id: release.id,
  componentId: release.componentId,
  image: release.image,
  tag: release.tag,
  digest: release.digest,
  workload: release.workload,
  configRevision: release.configRevision,
  createdByLabel: release.createdByLabel,
  createdAt: release.createdAt,
};

/**
 * The release for an image with the component's live settings: reused when an identical
 * snapshot (image, digest, workload, config) exists, else recorded. Changing endpoints or
 * config and deploying the same digest therefore makes a new release.
 */
export async function makeRelease(tx: Tx, ctx: ServiceContext, comp: typeof component.$inferSelect, ref: ImageReference, digest: string) {
  const planned = await planRelease(tx, ctx, comp, ref, digest);
  return (await planned.find()) ?? planned.record(tx);
}

/**
 * makeRelease in steps: the reads of the live snapshot (and its hash) now, then `find` (the
 * identical release when one exists) and `record` (the write, on the transaction the caller
 * chooses). A caller that may answer without writing anything (deployComponent, for a request
 * the newest deployment already covers) reads first and opens a transaction only when it has
 * something to write.
 */
export async function planRelease(db: Tx, ctx: ServiceContext, comp: typeof component.$inferSelect, ref: ImageReference, digest: string) {
  return planRecord(db, ctx, comp.id, { image: ref.canonical(), tag: ref.digest ? null : (ref.tag ?? null), digest }, await liveSnapshot(db, comp));
}

/** Records (or reuses) the release of exactly this image + snapshot. */
export async function recordRelease(tx: Tx, ctx: ServiceContext, componentId: string, img: { image: string; tag: string | null; digest: string }, snapshot: ReleaseSnapshot) {
  const planned = planRecord(tx, ctx, componentId, img, snapshot);
  return (await planned.find()) ?? planned.record(tx);
}

function planRecord(db: Tx, ctx: ServiceContext, componentId: string, img: { image: string; tag: string | null; digest: string }, snapshot: ReleaseSnapshot) {
  const hash = snapshotHash(img.image, img.digest, snapshot);
  return {
    /** What identifies the release of exactly this image + snapshot. */
    hash,
    find: async () => (await db.select(releasePublicColumns).from(release).where(and(eq(release.componentId, componentId), eq(release.snapshotHash, hash))).limit(1))[0] as ReleaseRow | undefined,
    record: async (tx: Tx) => {
      const [row] = await tx
        .insert(release)
        .values({ componentId, ...img, workload: snapshot.workload, config: snapshot.config, connections: snapshot.connections, configRevision: configRevision(snapshot.config), snapshotHash: hash, createdByLabel: actorLabel(ctx.actor) })
        .returning(releasePublicColumns);
      return row;
    },
  };
}

type ReleaseRow = { [K in keyof typeof releasePublicColumns]: (typeof releasePublicColumns)[K]['_']['data'] | ((typeof releasePublicColumns)[K]['_']['notNull'] extends true ? never : null) };
