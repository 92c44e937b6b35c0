import { z } from 'zod';
import { ciDeployInput, createCiTokenInput } from '@/lib/services/ci/schemas';
import { describe, projectParams } from './registry';

const componentParams = projectParams.extend({ component: z.string() });
const ci = (op: Parameters<typeof describe>[0]) => describe({ ...op, ci: true });

describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/ci-tokens', summary: 'CI tokens of a component (never the values)', tags: ['ci'], params: componentParams });
describe({ method: 'post', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/ci-tokens', summary: 'Create a CI token bound to this component: the value is in this response only', tags: ['ci'], params: componentParams, body: createCiTokenInput, status: 201 });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/ci-tokens/{id}', summary: 'Revoke a CI token (effective at once)', tags: ['ci'], params: componentParams.extend({ id: z.string() }), status: 204 });
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/deliveries', summary: 'Recent webhook deliveries and what they did', tags: ['ci'], params: componentParams });
ci({ method: 'post', path: '/api/v1/ci/deploy', summary: 'Deploy the image CI just pushed (exactly one of image, tag, digest); Idempotency-Key header optional', tags: ['ci'], body: ciDeployInput, status: 202, response: z.object({ deploymentId: z.string(), status: z.string(), environment: z.string(), image: z.string(), digest: z.string(), statusUrl: z.string() }) });
ci({ method: 'get', path: '/api/v1/ci/deployments/{id}', summary: 'Status of a deployment this token started; ?wait=SECONDS (≤ 120) long-polls until active or failed', tags: ['ci'], params: z.object({ id: z.string() }), query: z.object({ wait: z.string().optional() }) });
ci({ method: 'post', path: '/api/v1/ci/registry-events/{source}', summary: 'Registry push notification (dockerhub, ghcr, harbor, quay, distribution); token in the header or ?token=', tags: ['ci'], params: z.object({ source: z.enum(['dockerhub', 'ghcr', 'harbor', 'quay', 'distribution']) }), query: z.object({ token: z.string().optional() }) });
