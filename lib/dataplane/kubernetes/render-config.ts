/**
 * The configuration objects of a workload: its env Secret, its files ConfigMap
 * and one image-pull Secret per registry with credentials.
 */
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import { ServiceError } from '@/lib/errors';
import type { FileMount, PullAuth, WorkloadSpec } from '../types';
import { componentBaseName, shortHash, workloadLabels } from './names';

/** Secret and ConfigMap payloads are capped at 1 MiB by the API server; keep clear of it. */
const MAX_PAYLOAD_BYTES = 1_000_000;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';

type BasicAuth = Extract<PullAuth, { kind: 'basic' }>;

/** Env and files are per release, so a failed rollout never changes what the running release reads. */
export function envSecretName(spec: WorkloadSpec): string {
  return `${componentBaseName(spec.identity.component)}-env-${shortHash(spec.identity.release)}`;
}

export function filesConfigMapName(spec: WorkloadSpec): string {
  return `${componentBaseName(spec.identity.component)}-files-${shortHash(spec.identity.release)}`;
}

export function pullSecretName(spec: WorkloadSpec, serverAddress: string): string {
  return `${componentBaseName(spec.identity.component)}-pull-${shortHash(serverAddress.toLowerCase())}`;
}

/** The ConfigMap key holding file number `index`. */
export function fileKey(file: FileMount, index: number): string {
  const base = file.path.split('/').pop()?.replace(/[^-._a-zA-Z0-9]+/g, '_').slice(0, 60) ?? '';
  return `f${index}-${base || 'file'}`;
}

function byteSize(values: string[]): number {
  return values.reduce((n, v) => n + Buffer.byteLength(v, 'utf8'), 0);
}

export function renderEnvSecret(spec: WorkloadSpec, namespace: string): V1Secret | null {
  const keys = Object.keys(spec.env);
  if (keys.length === 0) return null;
  const fields: Record<string, string> = {};
  for (const key of keys) if (!DATA_KEY.test(key)) fields[`env.${key}`] = 'Use only letters, digits, "-", "_" and ".".';
  if (Object.keys(fields).length) {
    throw ServiceError.invalid(`Environment variable names must use only letters, digits, "-", "_" and ".".`, fields);
  }
  if (byteSize([...keys, ...Object.values(spec.env)]) > MAX_PAYLOAD_BYTES) {
    throw ServiceError.invalid('The environment variables exceed 1 MB in total.', { env: 'Too large.' });
  }
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: envSecretName(spec), namespace, labels: workloadLabels(spec.identity) },
    type: 'Opaque',
    stringData: { ...spec.env },
  };
}

export function checkFiles(files: FileMount[]): void {
  const seen = new Set<string>();
  files.forEach((file, i) => {
    const bad =
      !file.path.startsWith('/') || file.path.endsWith('/') || file.path.split('/').some((s) => s === '..' || s === '.') || file.path.includes(':');
    if (bad) throw ServiceError.invalid(`File path "${file.path}" must be an absolute path to a file.`, { [`files.${i}.path`]: 'Invalid path.' });
    if (seen.has(file.path)) throw ServiceError.invalid(`File path "${file.path}" is mounted twice.`, { [`files.${i}.path`]: 'Duplicate path.' });
    seen.add(file.path);
  });
  if (byteSize(files.map((f) => f.content)) > MAX_PAYLOAD_BYTES) {
    throw ServiceError.invalid('The mounted files exceed 1 MB in total.', { files: 'Too large.' });
  }
}

export function renderFilesConfigMap(spec: WorkloadSpec, namespace: string): V1ConfigMap | null {
  if (spec.files.length === 0) return null;
  checkFiles(spec.files);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: filesConfigMapName(spec), namespace, labels: workloadLabels(spec.identity) },
    data: Object.fromEntries(spec.files.map((f, i) => [fileKey(f, i), f.content])),
  };
}

/** The distinct registries with credentials, the spec's own first. `vendor` and `none` need no Secret. */
export function basicRegistries(spec: WorkloadSpec, registries: PullAuth[] = []): BasicAuth[] {
  const out = new Map<string, BasicAuth>();
  for (const auth of [spec.pullAuth, ...registries]) {
    if (auth.kind !== 'basic') continue;
    const key = auth.serverAddress.toLowerCase();
    if (!out.has(key)) out.set(key, auth);
  }
  return [...out.values()];
}

function dockerConfigKey(serverAddress: string): string {
  const host = serverAddress.replace(/^https?:\/\//, '').split('/')[0].toLowerCase();
  return DOCKER_HUB_HOSTS.has(host) ? DOCKER_HUB_KEY : serverAddress;
}

export function renderPullSecret(spec: WorkloadSpec, namespace: string, auth: BasicAuth): V1Secret {
  const { username, password } = auth;
  const config = {
    auths: {
      [dockerConfigKey(auth.serverAddress)]: {
        username,
        password,
        auth: Buffer.from(`${username}:${password}`).toString('base64'),
      },
    },
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: pullSecretName(spec, auth.serverAddress), namespace, labels: workloadLabels(spec.identity) },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': Buffer.from(JSON.stringify(config)).toString('base64') },
  };
}
