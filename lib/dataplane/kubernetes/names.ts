/**
 * Names and labels for the objects the Kubernetes driver creates. Every
 * function here is pure and deterministic: the same identity always maps to the
 * same names, so re-applying a release updates objects instead of adding new ones.
 */
import { createHash } from 'node:crypto';
import { ServiceError } from '@/lib/errors';
import type { WorkloadIdentity } from '../types';

export const DEFAULT_NAMESPACE_PREFIX = 'gantry-';
/** Longest base name of a component's objects, leaving room for "-files-<hash>" and Job run ids. */
export const MAX_BASE_NAME = 40;

export const LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  org: 'gantry.dev/org',
  project: 'gantry.dev/project',
  component: 'gantry.dev/component',
  environment: 'gantry.dev/environment',
  release: 'gantry.dev/release',
} as const;
export const MANAGER = 'gantry';

/** DNS-1035 label (a DNS-1123 label that starts with a letter): valid for every kind we create, Services included. */
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isDnsLabel(name: string, max = 63): boolean {
  return name.length <= max && DNS_LABEL.test(name);
}

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** A short lowercase base-36 digest of `input` (letters and digits only). */
export function shortHash(input: string, length = 10): string {
  const hex = createHash('sha256').update(input).digest('hex');
  return BigInt(`0x${hex.slice(0, 26)}`).toString(36).padStart(length, '0').slice(-length);
}

/** Lowercases and turns every run of characters outside [a-z0-9] into one hyphen, trimming hyphens at both ends. */
function slugify(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function clip(text: string, max: number): string {
  return text.slice(0, Math.max(0, max)).replace(/-+$/, '');
}

/**
 * `raw` itself when it is already a DNS-1035 label of at most `max` characters;
 * otherwise a readable slug, cut short, followed by a hash of the raw value.
 */
export function dnsName(raw: string, max = 63, fallbackPrefix = 'x'): string {
  if (isDnsLabel(raw, max)) return raw;
  const hash = shortHash(raw);
  let slug = slugify(raw);
  if (!/^[a-z]/.test(slug)) slug = `${fallbackPrefix}-${slug}`.replace(/-+$/, '');
  return `${clip(slug, max - hash.length - 1)}-${hash}`;
}

export function checkNamespacePrefix(prefix: string): string {
  if (prefix !== '' && !/^[a-z][-a-z0-9]{0,19}$/.test(prefix)) {
    throw ServiceError.invalid(
      'The namespace prefix must start with a lowercase letter, contain only lowercase letters, digits and hyphens, and be at most 20 characters.',
      { namespacePrefix: 'Invalid namespace prefix.' },
    );
  }
  return prefix;
}

/**
 * The namespace of an (org, project, environment). It always ends in a hash of
 * the exact triple: "a-b"/"c" and "a"/"b-c" join to the same text, and the
 * namespace is the isolation boundary between organisations, so the readable
 * part alone must never decide which namespace a workload lands in.
 */
export function namespaceName(
  identity: Pick<WorkloadIdentity, 'org' | 'project' | 'environment'>,
  prefix = DEFAULT_NAMESPACE_PREFIX,
): string {
  checkNamespacePrefix(prefix);
  const hash = shortHash(JSON.stringify([identity.org, identity.project, identity.environment]), 13);
  let readable = `${prefix}${slugify(`${identity.org}-${identity.project}-${identity.environment}`)}`;
  if (!/^[a-z]/.test(readable)) readable = `ns-${readable}`;
  return `${clip(readable, 63 - hash.length - 1)}-${hash}`;
}

/** The base name of a component's objects inside its namespace ("api", or "c-1st-api-<hash>"). */
export function componentBaseName(component: string): string {
  return dnsName(component, MAX_BASE_NAME, 'c');
}

/** A label value: `raw` when valid, otherwise a sanitised, hash-suffixed form that is still unique. */
export function labelValue(raw: string): string {
  if (isLabelValue(raw)) return raw;
  const hash = shortHash(raw);
  const cleaned = raw
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .slice(0, 63 - hash.length - 1)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return cleaned ? `${cleaned}-${hash}` : hash;
}

/** Labels that never change between releases: what Deployment selectors and Services match on. */
export function selectorLabels(identity: Pick<WorkloadIdentity, 'component'>): Record<string, string> {
  return { [LABELS.managedBy]: MANAGER, [LABELS.component]: labelValue(identity.component) };
}

/** The labels of every object belonging to a workload. */
export function workloadLabels(identity: WorkloadIdentity): Record<string, string> {
  return {
    [LABELS.managedBy]: MANAGER,
    [LABELS.org]: labelValue(identity.org),
    [LABELS.project]: labelValue(identity.project),
    [LABELS.component]: labelValue(identity.component),
    [LABELS.environment]: labelValue(identity.environment),
    [LABELS.release]: labelValue(identity.release),
  };
}

/** Labels of the shared namespace: it belongs to no single component or release. */
export function namespaceLabels(identity: Pick<WorkloadIdentity, 'org' | 'project' | 'environment'>): Record<string, string> {
  return {
    [LABELS.managedBy]: MANAGER,
    [LABELS.org]: labelValue(identity.org),
    [LABELS.project]: labelValue(identity.project),
    [LABELS.environment]: labelValue(identity.environment),
  };
}

/** A label selector string ("a=b,c!=d") selecting a component's objects. */
export function componentSelector(identity: Pick<WorkloadIdentity, 'component'>, exceptRelease?: string): string {
  const parts = Object.entries(selectorLabels(identity)).map(([k, v]) => `${k}=${v}`);
  if (exceptRelease !== undefined) parts.push(`${LABELS.release}!=${labelValue(exceptRelease)}`);
  return parts.join(',');
}
