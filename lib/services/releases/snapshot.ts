import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, componentConfig, componentEndpoints, type ReleaseConfigEntry, type ReleaseConnectionEntry, type ReleaseWorkload } from '@/db/schema';
import { isTask } from '@/lib/component-types';
import { connectionsRevision, liveConnections } from '@/lib/marketplace/snapshot';

type Component = typeof component.$inferSelect;

/** Everything a release freezes besides its image: what the workload runs with. */
export interface ReleaseSnapshot {
  workload: ReleaseWorkload;
  config: ReleaseConfigEntry[];
  /** What the component's connections inject, every environment (lib/marketplace/snapshot.ts). */
  connections: ReleaseConnectionEntry[];
}

/**
 * THE one place that reads a component's live settings into a release snapshot. Anything a
 * deployment must reproduce later (ports, health, endpoints, task settings, configuration,
 * the variables its connections inject) is added here and nowhere else.
 */
export async function liveSnapshot(tx: Tx, comp: Component): Promise<ReleaseSnapshot> {
  return { workload: await liveWorkload(tx, comp), config: await liveConfig(tx, comp.id), connections: await liveConnections(tx, comp) };
}

export async function liveWorkload(tx: Tx, comp: Component): Promise<ReleaseWorkload> {
  const [eps] = await tx.select({ endpoints: componentEndpoints.endpoints }).from(componentEndpoints).where(eq(componentEndpoints.componentId, comp.id));
  return {
    ports: comp.ports,
    healthPath: comp.healthPath,
    endpoints: eps?.endpoints ?? [],
    task: isTask(comp.type) ? { timeoutSeconds: comp.taskTimeoutSeconds, schedule: comp.schedule } : null,
  };
}

/** Every environment's entries: a promotion runs the target environment's entries as they were. */
export async function liveConfig(tx: Tx, componentId: string): Promise<ReleaseConfigEntry[]> {
  const rows = await tx.select().from(componentConfig).where(eq(componentConfig.componentId, componentId));
  return rows
    .map((c) => ({ configId: c.id, environmentId: c.environmentId, kind: c.kind, key: c.key, value: c.secret ? null : c.value, secret: c.secret, valueCiphertext: c.secret ? c.valueCiphertext : null }))
    .sort((a, b) => configKey(a).localeCompare(configKey(b)));
}

const configKey = (c: Pick<ReleaseConfigEntry, 'kind' | 'key' | 'environmentId'>) => `${c.kind}\0${c.key}\0${c.environmentId ?? ''}`;

/** Short, stable revision of a config set (ids excluded: re-creating an equal entry is no change). */
export function configRevision(config: ReleaseConfigEntry[]) {
  return hash(config.map((c) => [c.environmentId, c.kind, c.key, c.secret, c.value, c.valueCiphertext])).slice(0, 12);
}

export function snapshotHash(image: string, digest: string, s: ReleaseSnapshot) {
  // Without connections the hash is what it was before they were frozen: those releases are reused.
  return hash([image, digest, canonical(s.workload), configRevision(s.config), ...(s.connections.length ? [connectionsRevision(s.connections)] : [])]);
}

function hash(value: unknown) {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** Key order fixed, so equal settings hash equally whatever order jsonb gave them back in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}
