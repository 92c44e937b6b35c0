import type { ReleaseConfigEntry, ReleaseConnectionEntry, ReleaseWorkload } from '@/db/schema';

/** What changed from one release to the next, in words a person deploying can check. */
export interface ReleaseChanges {
  /** The previous release's image when the image or digest changed. */
  image: { from: string; fromDigest: string } | null;
  endpoints: { added: string[]; removed: string[]; changed: string[] };
  /** Config keys ("NAME", "/path/file", with "@ environment" when environment-specific); values never. */
  config: { added: string[]; removed: string[]; changed: string[] };
  /** Connection keys ("db.PASSWORD @ environment"): a value, its variable or the entry behind it; values never. */
  connections: { added: string[]; removed: string[]; changed: string[] };
  /** Other workload settings that changed: ports, health check, task settings. */
  settings: string[];
}

interface Comparable {
  image: string;
  digest: string;
  workload: ReleaseWorkload | null;
  config: ReleaseConfigEntry[] | null;
  /** Null: made before connections were frozen (not compared). */
  connections?: ReleaseConnectionEntry[] | null;
}

export function releaseChanges(prev: Comparable, next: Comparable, envName: (id: string) => string): ReleaseChanges {
  const endpoints = diff(byKey(prev.workload?.endpoints ?? [], (e) => e.name), byKey(next.workload?.endpoints ?? [], (e) => e.name));
  const configKey = (c: ReleaseConfigEntry) => (c.environmentId ? `${c.key} @ ${envName(c.environmentId)}` : c.key);
  const configValue = (c: ReleaseConfigEntry) => ({ secret: c.secret, value: c.value, valueCiphertext: c.valueCiphertext });
  const config = diff(byKey((prev.config ?? []).map((c) => [configKey(c), configValue(c)] as const)), byKey((next.config ?? []).map((c) => [configKey(c), configValue(c)] as const)));
  const connections = prev.connections && next.connections ? diff(byKey(connectionKeys(prev.connections, envName)), byKey(connectionKeys(next.connections, envName))) : { added: [], removed: [], changed: [] };
  const settings: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (prev.workload && next.workload) {
    if (!same(prev.workload.ports, next.workload.ports)) settings.push('ports');
    if (!same(prev.workload.healthPath, next.workload.healthPath)) settings.push('health check');
    if (!same(prev.workload.task, next.workload.task)) settings.push('task settings');
  }
  const imageChanged = prev.image !== next.image || prev.digest !== next.digest;
  return { image: imageChanged ? { from: prev.image, fromDigest: prev.digest } : null, endpoints, config, connections, settings };
}

/** Each connection key in each environment, with what decides its value (a secret by its ciphertext). */
function connectionKeys(connections: ReleaseConnectionEntry[], envName: (id: string) => string) {
  return connections
    .flatMap((c) => c.values.map((v) => [`${c.name}.${v.key} @ ${envName(v.environmentId)}`, { env: c.env[v.key], entry: `${c.entryName}@${c.entryVersion}`, secret: v.secret, value: v.value, valueCiphertext: v.valueCiphertext }] as const))
    .sort(([a], [b]) => a.localeCompare(b));
}

function byKey<T>(items: readonly T[] | readonly (readonly [string, unknown])[], key?: (t: T) => string): Map<string, string> {
  const m = new Map<string, string>();
  for (const it of items) {
    if (key) m.set(key(it as T), stable(it));
    else m.set((it as readonly [string, unknown])[0], stable((it as readonly [string, unknown])[1]));
  }
  return m;
}

function diff(a: Map<string, string>, b: Map<string, string>) {
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const changed = [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k));
  return { added, removed, changed };
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, val) => (val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, val[k]])) : val));
}
