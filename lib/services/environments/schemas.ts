import { z } from 'zod';
import { displayName, dnsLabel } from '../validation';

/** A path identifier as the REST path carries it; the finders decide whether it names anything. */
export const pathName = z.string().max(200);

/** How many environments one organisation may have: a promotion path, not a list of tenants. */
export const MAX_ENVIRONMENTS = 20;

export const orgInput = z.strictObject({ org: pathName });

export const environmentRefInput = z.strictObject({ org: pathName, env: pathName });

export const createEnvironmentInput = z.strictObject({
  org: pathName,
  name: dnsLabel('Name'),
  displayName: displayName(),
  /** The data plane its workloads run on (by name). */
  dataPlane: dnsLabel('Data plane'),
  /** 0-based place on the promotion path; default: last. */
  position: z.number().int().min(0).max(MAX_ENVIRONMENTS).optional(),
});

/** The body of PATCH …/environments/{env} (the OpenAPI document shows it). */
export const updateEnvironmentBody = z.strictObject({
  name: dnsLabel('Name').optional(),
  displayName: displayName().optional(),
  dataPlane: dnsLabel('Data plane').optional(),
});

export const updateEnvironmentInput = updateEnvironmentBody
  .extend({ org: pathName, env: pathName })
  .refine((v) => v.name !== undefined || v.displayName !== undefined || v.dataPlane !== undefined, { message: 'Change the name, the display name or the data plane.' });

export const reorderEnvironmentsInput = z.strictObject({
  org: pathName,
  /** Every environment's name, once, in the new promotion order. */
  order: z.array(pathName).min(1).max(MAX_ENVIRONMENTS),
});

export const dataPlaneRefInput = z.strictObject({ org: pathName, name: pathName });

/** A kubeconfig is a few KiB; 256 KiB leaves room for long certificate chains and nothing more. */
export const MAX_KUBECONFIG_BYTES = 256 * 1024;

export const attachDataPlaneInput = z.strictObject({
  org: pathName,
  name: dnsLabel('Name'),
  kind: z.literal('kubernetes', { message: 'Only Kubernetes clusters can be attached ("kind": "kubernetes").' }),
  kubeconfig: z
    .string({ message: 'Upload or paste a kubeconfig.' })
    .min(1, 'Upload or paste a kubeconfig.')
    .max(MAX_KUBECONFIG_BYTES, 'A kubeconfig must be at most 256 KiB.'),
  /** Prefix of the namespaces Gantry creates on the cluster; default "gantry-". */
  namespacePrefix: z.string().max(20, 'The namespace prefix must be at most 20 characters.').optional(),
});
