import { z } from 'zod';
import { registryInput, testRegistryInput, updateRegistryInput } from '@/lib/services/registries/schemas';
import { describe, orgParams } from './registry';

const registryView = z.object({
  id: z.string(),
  displayName: z.string(),
  host: z.string(),
  authType: z.enum(['anonymous', 'basic', 'docker-config', 'vendor']),
  username: z.string().nullable(),
  insecure: z.boolean(),
  lastTestStatus: z.enum(['ok', 'failed', 'unverifiable']).nullable(),
  lastTestMessage: z.string().nullable(),
  lastTestedAt: z.string().nullable(),
  usedBy: z.array(z.string()).optional(),
  warnings: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const testResult = z.object({ ok: z.boolean(), status: z.enum(['ok', 'failed', 'unverifiable']), message: z.string(), checkedAt: z.string() });
const idParams = orgParams.extend({ id: z.string() });

describe({ method: 'get', path: '/api/v1/orgs/{org}/registries', summary: 'Container registries (secrets are never returned)', tags: ['registries'], params: orgParams, response: z.object({ items: z.array(registryView) }) });
describe({ method: 'post', path: '/api/v1/orgs/{org}/registries', summary: 'Register a container registry', tags: ['registries'], params: orgParams, body: registryInput, status: 201, response: registryView });
describe({ method: 'get', path: '/api/v1/orgs/{org}/registries/{id}', summary: 'One registry', tags: ['registries'], params: idParams, response: registryView });
describe({ method: 'patch', path: '/api/v1/orgs/{org}/registries/{id}', summary: 'Change a registry or rotate its credentials (omitted fields are kept; changing the host or insecure flag of a registry with stored credentials requires them again)', tags: ['registries'], params: idParams, body: updateRegistryInput, response: registryView });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/registries/{id}', summary: 'Delete a registry (409 while components use it)', tags: ['registries'], params: idParams, status: 204 });
describe({ method: 'post', path: '/api/v1/orgs/{org}/registries/{id}/test', summary: 'Test connection with the stored credentials (optionally pull access to one image)', tags: ['registries'], params: idParams, body: testRegistryInput, response: testResult });
describe({ method: 'post', path: '/api/v1/orgs/{org}/registries-test', summary: 'Test connection for unsaved registry details', tags: ['registries'], params: orgParams, body: z.object({ registry: registryInput, image: z.string().optional() }), response: testResult });
