import { z } from 'zod';
import { attachDataPlaneInput, createEnvironmentInput, reorderEnvironmentsInput, updateEnvironmentBody } from '@/lib/services/environments/schemas';
import { describe, orgParams } from './registry';

// Platform settings: environments (the promotion path), data planes, the audit log's filters.

const env = z.object({ id: z.string(), name: z.string(), displayName: z.string(), position: z.number(), dataPlane: z.string(), createdAt: z.string() });
const envParams = orgParams.extend({ env: z.string() });
const planeParams = orgParams.extend({ name: z.string() });
const permission = z.object({ verb: z.string(), resource: z.string(), group: z.string(), allowed: z.boolean() });
const check = z.object({ ok: z.boolean(), message: z.string(), checkedAt: z.string(), version: z.string().optional(), permissions: z.array(permission).optional() });

describe({ method: 'post', path: '/api/v1/orgs/{org}/environments', summary: 'Add an environment at `position` (0 = first) or last', tags: ['environments'], params: orgParams, body: createEnvironmentInput.omit({ org: true }), status: 201, response: env.omit({ createdAt: true }) });
describe({ method: 'put', path: '/api/v1/orgs/{org}/environments', summary: 'Set the promotion order: every environment named once; nothing that runs moves', tags: ['environments'], params: orgParams, body: reorderEnvironmentsInput.omit({ org: true }), response: z.object({ items: z.array(z.object({ name: z.string(), position: z.number() })) }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}/environments/{env}', summary: 'One environment', tags: ['environments'], params: envParams, response: env });
describe({ method: 'patch', path: '/api/v1/orgs/{org}/environments/{env}', summary: 'Rename or choose the data plane (409 while components run in it; the display name changes any time)', tags: ['environments'], params: envParams, body: updateEnvironmentBody });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/environments/{env}', summary: 'Delete an environment (409 while components run in it, or when it is the last)', tags: ['environments'], params: envParams, status: 204 });

describe({ method: 'post', path: '/api/v1/orgs/{org}/data-planes', summary: 'Attach a Kubernetes cluster: stored (encrypted, never returned) only when its API server answers (503 otherwise)', tags: ['environments'], params: orgParams, body: attachDataPlaneInput.omit({ org: true }), status: 201 });
describe({ method: 'get', path: '/api/v1/orgs/{org}/data-planes/{name}', summary: 'One data plane with its environments and last health check', tags: ['environments'], params: planeParams });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/data-planes/{name}', summary: 'Detach a cluster (409 while an environment uses it)', tags: ['environments'], params: planeParams, status: 204 });
describe({ method: 'post', path: '/api/v1/orgs/{org}/data-planes/{name}/test', summary: 'Test connection: server version and what the credentials may create (SelfSubjectAccessReviews); recorded as its health', tags: ['environments'], params: planeParams, response: check });
