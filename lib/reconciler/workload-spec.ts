import { isLongRunning } from '@/lib/component-types';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { component, componentConfig, dataPlane, deployment, environment, organization, project, release, taskSchedule, type DeploymentTaskSettings, type ReleaseWorkload } from '@/db/schema';
import { keyRing } from '@/lib/crypto';
import { parseImageReference } from '@/lib/oci/reference';
import type { PullAuth, TaskSettings, WorkloadPort, WorkloadSpec } from '@/lib/dataplane/types';
import { registryWithCredentials } from '@/lib/services/registries/registry-credentials';
import { configSecretLabel } from '@/lib/services/configs/config-secret';
import { connectionEnv, recordConnections } from '@/lib/marketplace/inject';
import { isPublicHttp } from '@/lib/gateway/public-routes';

/** Everything a driver needs for one deployment, secrets decrypted (this is the data-plane path). */
export async function workloadFor(db: Db, deploymentId: string) {
  const [row] = await db
    .select({ dep: deployment, comp: component, rel: release, env: environment, plane: dataPlane, org: organization.slug, project: project.name })
    .from(deployment)
    .innerJoin(component, eq(component.id, deployment.componentId))
    .innerJoin(release, eq(release.id, deployment.releaseId))
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId))
    .innerJoin(organization, eq(organization.id, deployment.organizationId))
    .innerJoin(project, eq(project.id, component.projectId))
    .where(eq(deployment.id, deploymentId));
  const registry = await registryWithCredentials(db, row.dep.organizationId, row.comp.registryId);
  const pullAuth: PullAuth =
    registry.authType === 'vendor' ? { kind: 'vendor' } : registry.credentials ? { kind: 'basic', serverAddress: registry.host, ...registry.credentials } : { kind: 'none' };

  // The release's frozen snapshot; releases from before snapshots run the live settings.
  const frozen = row.rel.config ?? (await liveConfigRows(db, row.comp.id));
  const configs = frozen.filter((c) => c.environmentId === null || c.environmentId === row.env.id);
  // Environment-specific values override the environment-independent ones.
  configs.sort((a, b) => Number(a.environmentId !== null) - Number(b.environmentId !== null));
  // Connections first: explicit configuration wins over a connection's variable.
  const connections = await connectionEnv(db, { projectId: row.comp.projectId, componentId: row.comp.id, environmentId: row.env.id, frozen: row.rel.connections });
  await recordConnections(db, row.dep, connections.used);
  const env: Record<string, string> = { ...connections.env };
  const files = new Map<string, string>();
  for (const c of configs) {
    const value = c.secret ? keyRing().decrypt(c.valueCiphertext!, configSecretLabel(c.configId)) : (c.value ?? '');
    if (c.kind === 'env') env[c.key] = value;
    else files.set(c.key, value);
  }
  const workload = row.rel.workload ?? { ports: row.comp.ports, healthPath: row.comp.healthPath, endpoints: [], task: null };

  const repository = parseImageReference(row.rel.image).name;
  const spec: WorkloadSpec = {
    identity: { org: row.org, project: row.project, component: row.comp.name, environment: row.env.name, release: row.rel.id },
    type: row.comp.type,
    image: `${repository}@${row.rel.digest}`,
    pullAuth,
    ports: portsWithVisibility(workload),
    routes: workload.endpoints.filter(isPublicHttp).map((e) => ({ port: e.port, context: e.context ?? '/' })),
    env,
    files: [...files].map(([path, content]) => ({ path, content })),
    health: isLongRunning(row.comp.type) ? { httpPath: workload.healthPath ?? undefined, timeoutSeconds: 30 } : undefined,
    // What the deployment recorded (so a rollback reproduces it); the schedule's pause is live.
    schedule: row.dep.taskSettings?.schedule?.cron ?? (row.rel.workload ? workload.task?.schedule : row.comp.schedule) ?? undefined,
    task: row.dep.taskSettings ? await taskSpec(db, row.dep.taskSettings, row.comp.id, row.env.id) : undefined,
    // A connection to a component's endpoint (entryId null) reaches it on the organisation's network.
    ...(connections.used.some((u) => u.entryId === null) ? { organizationClient: true } : {}),
  };
  return { spec, workload, deployment: row.dep, release: { id: row.rel.id, image: row.rel.image }, plane: row.plane, registryInsecureHost: registry.insecure || isLoopback(registry.host) ? registry.host : undefined };
}

const RANK = { project: 0, organization: 1, public: 2 } as const;

/**
 * Each port with who may reach it: the widest visibility of the release's endpoints on it
 * ('project' for a port none names). A release that declares no endpoints leaves it out, and
 * the docker plane publishes its ports on the host as it did before endpoints existed.
 */
export function portsWithVisibility(workload: Pick<ReleaseWorkload, 'ports' | 'endpoints'>): WorkloadPort[] {
  if (!workload.endpoints.length) return workload.ports;
  return workload.ports.map((p) => {
    const on = workload.endpoints.filter((e) => e.port === p.port).flatMap((e) => e.visibilities.map((v) => v.toLowerCase() as keyof typeof RANK));
    const visibility = on.reduce<keyof typeof RANK>((w, v) => (RANK[v] > RANK[w] ? v : w), 'project');
    return { ...p, visibility };
  });
}

async function liveConfigRows(db: Db, componentId: string) {
  const rows = await db.select().from(componentConfig).where(eq(componentConfig.componentId, componentId));
  return rows.map((c) => ({ configId: c.id, environmentId: c.environmentId, kind: c.kind, key: c.key, value: c.value, secret: c.secret, valueCiphertext: c.valueCiphertext }));
}

async function taskSpec(db: Db, ts: DeploymentTaskSettings, componentId: string, environmentId: string): Promise<TaskSettings> {
  const [s] = await db.select({ paused: taskSchedule.paused }).from(taskSchedule).where(and(eq(taskSchedule.componentId, componentId), eq(taskSchedule.environmentId, environmentId)));
  return {
    timeoutSeconds: ts.timeoutSeconds,
    timeZone: ts.schedule?.timeZone,
    concurrencyPolicy: ts.schedule?.concurrencyPolicy,
    startingDeadlineSeconds: ts.schedule?.startingDeadlineSeconds,
    suspend: s?.paused ?? false,
  };
}

function isLoopback(host: string) {
  return /^(127\.|localhost(:|$)|\[::1\])/.test(host);
}
