/** The pod template shared by Deployments, CronJobs and Jobs. */
import type { V1Container, V1ContainerPort, V1PodTemplateSpec, V1Probe } from '@kubernetes/client-node';
import { ServiceError } from '@/lib/errors';
import type { WorkloadPort, WorkloadSpec } from '../types';
import { workloadLabels } from './names';
import { envSecretName, fileKey, filesConfigMapName } from './render-config';

export const CONTAINER_NAME = 'app';
const FILES_VOLUME = 'files';

/** IANA service name: ≤ 15 chars, lowercase letters, digits and single hyphens, at least one letter. */
function isPortName(name: string): boolean {
  return name.length <= 15 && /^[a-z0-9]([a-z0-9]|-(?=[a-z0-9]))*$/.test(name) && /[a-z]/.test(name);
}

/** Port names Kubernetes accepts, unique within the workload: the given name when valid, else "tcp-8080". */
export function portNames(ports: WorkloadPort[]): string[] {
  const used = new Set<string>();
  return ports.map((p) => {
    let name = p.name.toLowerCase();
    if (!isPortName(name) || used.has(name)) name = `${p.protocol.toLowerCase()}-${p.port}`;
    for (let n = 2; used.has(name); n++) name = `p${n}-${p.port}`;
    used.add(name);
    return name;
  });
}

export function checkPorts(ports: WorkloadPort[]): void {
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      throw ServiceError.invalid(`Port ${p.port} is not between 1 and 65535.`, { [`ports.${i}.port`]: 'Invalid port.' });
    }
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) throw ServiceError.invalid(`Port ${key} is listed twice.`, { [`ports.${i}.port`]: 'Duplicate port.' });
    seen.add(key);
  });
}

/** HTTP GET on `health.httpPath`, else a TCP connect, both on the first TCP port; none without a TCP port. */
export function readinessProbe(spec: WorkloadSpec): V1Probe | undefined {
  const port = spec.ports.find((p) => p.protocol === 'TCP')?.port;
  if (port === undefined) return undefined;
  const timeoutSeconds = Math.min(60, Math.max(1, Math.round(spec.health?.timeoutSeconds ?? 1)));
  const timing = { timeoutSeconds, periodSeconds: Math.max(5, timeoutSeconds + 1), successThreshold: 1, failureThreshold: 3 };
  const path = spec.health?.httpPath;
  if (path) {
    if (!path.startsWith('/')) throw ServiceError.invalid('The health check path must start with "/".', { 'health.httpPath': 'Must start with "/".' });
    return { httpGet: { path, port }, ...timing };
  }
  return { tcpSocket: { port }, ...timing };
}

export interface PodTemplateOptions {
  withPorts: boolean;
  restartPolicy?: 'Always' | 'Never';
  pullSecretNames: string[];
}

export function renderPodTemplate(spec: WorkloadSpec, opts: PodTemplateOptions): V1PodTemplateSpec {
  const names = portNames(spec.ports);
  const ports: V1ContainerPort[] = spec.ports.map((p, i) => ({ name: names[i], containerPort: p.port, protocol: p.protocol }));
  const hasEnv = Object.keys(spec.env).length > 0;
  const container: V1Container = {
    name: CONTAINER_NAME,
    image: spec.image,
    imagePullPolicy: 'IfNotPresent',
    ...(spec.command?.length ? { command: spec.command } : {}),
    ...(spec.args?.length ? { args: spec.args } : {}),
    ...(hasEnv ? { envFrom: [{ secretRef: { name: envSecretName(spec) } }] } : {}),
    ...(opts.withPorts && ports.length ? { ports } : {}),
    ...(spec.files.length
      ? { volumeMounts: spec.files.map((f, i) => ({ name: FILES_VOLUME, mountPath: f.path, subPath: fileKey(f, i), readOnly: true })) }
      : {}),
  };
  const probe = opts.withPorts ? readinessProbe(spec) : undefined;
  if (probe) container.readinessProbe = probe;
  return {
    metadata: { labels: workloadLabels(spec.identity) },
    spec: {
      // Workloads get no Kubernetes API credentials and no env vars describing their neighbours' Services.
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      ...(opts.restartPolicy ? { restartPolicy: opts.restartPolicy } : {}),
      ...(opts.pullSecretNames.length ? { imagePullSecrets: opts.pullSecretNames.map((name) => ({ name })) } : {}),
      containers: [container],
      ...(spec.files.length ? { volumes: [{ name: FILES_VOLUME, configMap: { name: filesConfigMapName(spec) } }] } : {}),
    },
  };
}
