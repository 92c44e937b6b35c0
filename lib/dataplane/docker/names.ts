/**
 * Container and network names and labels of the Docker driver. Pure and
 * deterministic: the same installation, identity, release and spec always give
 * the same container name, so a retried rollout finds the container an earlier
 * attempt created, while a changed spec (config, files) gets a new name and
 * the container serving the old spec keeps running until the new one is healthy.
 */
import { createHash } from 'node:crypto';
import type { WorkloadIdentity, WorkloadSpec } from '../types';

export type ComponentIdentity = Omit<WorkloadIdentity, 'release'>;

export const LABELS = {
  managed: 'gantry.managed',
  /** The Gantry installation that owns the object: a driver never touches another installation's. */
  installation: 'gantry.installation',
  org: 'gantry.org',
  project: 'gantry.project',
  component: 'gantry.component',
  environment: 'gantry.environment',
  release: 'gantry.release',
  /** Hash of what the container was created from; a container is only reused when it matches. */
  specHash: 'gantry.spec-hash',
} as const;

const IDENTITY_KEYS = ['org', 'project', 'component', 'environment'] as const;

function slug(raw: string, max: number): string {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, max).replace(/-+$/, '') || 'x';
}

function shortHash(input: string, length = 8): string {
  const hex = createHash('sha256').update(input).digest('hex');
  return BigInt(`0x${hex.slice(0, 20)}`).toString(36).padStart(length, '0').slice(-length);
}

/** Installation ids are short lowercase tokens: they go into names and labels as they are. */
export const INSTALLATION_ID = /^[a-z0-9]{6,32}$/;

/**
 * "gantry-<installation>-<org>-<project>-<component>-<env>-<release>-<hash>":
 * readable parts (lowercased, runs of other characters turned into "-", each
 * cut short) and a hash of the exact installation, identity, release and spec.
 * The hash keeps names unique where the readable part alone would not
 * ("a-b"/"c" and "a"/"b-c" read the same) and gives a new spec of the same
 * release its own container.
 */
export function containerName(installation: string, identity: WorkloadIdentity, hash: string): string {
  const parts = [
    slug(installation, 12),
    slug(identity.org, 20),
    slug(identity.project, 20),
    slug(identity.component, 24),
    slug(identity.environment, 16),
    slug(identity.release, 12),
  ];
  const unique = shortHash(JSON.stringify([installation, identity.org, identity.project, identity.component, identity.environment, identity.release, hash]));
  return `gantry-${parts.join('-')}-${unique}`;
}

/**
 * The network of one project in one environment: every container of the project joins it and
 * reaches the others by their in-network name (networkAlias). "gantry-<inst>-<org>-<project>-<env>-<hash>".
 */
export function projectNetworkName(installation: string, identity: Pick<WorkloadIdentity, 'org' | 'project' | 'environment'>): string {
  const parts = [slug(installation, 12), slug(identity.org, 16), slug(identity.project, 16), slug(identity.environment, 12)];
  return `gantry-${parts.join('-')}-${shortHash(JSON.stringify(['project', installation, identity.org, identity.project, identity.environment]), 6)}`;
}

/**
 * The network of one organisation in one environment: containers with an Organization or
 * Public endpoint join it besides their project's. "gantry-<inst>-<org>-org-<env>-<hash>"
 * (the hash tells it from a project named "org").
 */
export function orgNetworkName(installation: string, identity: Pick<WorkloadIdentity, 'org' | 'environment'>): string {
  const parts = [slug(installation, 12), slug(identity.org, 16), 'org', slug(identity.environment, 12)];
  return `gantry-${parts.join('-')}-${shortHash(JSON.stringify(['org', installation, identity.org, identity.environment]), 6)}`;
}

/**
 * A component's name inside its networks: "<component>.<project>", the same in the project's
 * network and the organisation's, so one address works from either (names are DNS labels).
 */
export function networkAlias(identity: Pick<WorkloadIdentity, 'project' | 'component'>): string {
  return `${identity.component}.${identity.project}`;
}

/** Labels on every container of a workload (exact values, no sanitising: Docker labels take any string). */
export function workloadLabels(identity: WorkloadIdentity, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...extra,
    [LABELS.managed]: 'true',
    [LABELS.org]: identity.org,
    [LABELS.project]: identity.project,
    [LABELS.component]: identity.component,
    [LABELS.environment]: identity.environment,
    [LABELS.release]: identity.release,
  };
}

/** `label` filters for listing a component's containers in one environment (the engine ANDs them). */
export function labelFilters(identity: ComponentIdentity, extra: Record<string, string> = {}): string[] {
  return [
    `${LABELS.managed}=true`,
    ...IDENTITY_KEYS.map((k) => `${LABELS[k]}=${identity[k]}`),
    ...Object.entries(extra).map(([k, v]) => `${k}=${v}`),
  ];
}

/** Exact check of a listed container's labels, in case an engine matched a filter loosely. */
export function labelsMatch(labels: Record<string, string> | undefined, identity: ComponentIdentity, extra: Record<string, string> = {}): boolean {
  if (!labels || labels[LABELS.managed] !== 'true') return false;
  if (!IDENTITY_KEYS.every((k) => labels[LABELS[k]] === identity[k])) return false;
  return Object.entries(extra).every(([k, v]) => labels[k] === v);
}

/** Hash of everything the container is created from (not the health check or pull credentials). */
export function specHash(spec: WorkloadSpec): string {
  const canonical = JSON.stringify({
    image: spec.image,
    type: spec.type,
    // Visibility decides publishing and networks; left out when absent so older containers keep their hash.
    ports: spec.ports.map((p) => (p.visibility ? [p.protocol, p.port, p.visibility] : [p.protocol, p.port])),
    env: Object.entries(spec.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    files: spec.files.map((f) => [f.path, f.content]),
    command: spec.command ?? null,
    args: spec.args ?? null,
    ...(spec.organizationClient ? { organizationClient: true } : {}),
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
