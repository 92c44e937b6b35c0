import { z } from 'zod';
import { setConfigInput } from '@/lib/services/configs/schemas';
import { createComponentInput, listComponentsInput, updateComponentInput } from '@/lib/services/components/schemas';
import { deployInput, promoteInput } from '@/lib/services/deployments/schemas';
import { describe, orgParams, projectParams } from './registry';

const componentParams = projectParams.extend({ component: z.string().describe('Component name') });
const tags = ['components'];
const deploymentAccepted = z.object({ id: z.string(), status: z.string(), environment: z.string(), release: z.object({ id: z.string(), image: z.string(), digest: z.string() }) });

describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components', summary: 'Components of a project', tags, params: projectParams, query: listComponentsInput.partial() });
describe({ method: 'post', path: '/api/v1/orgs/{org}/projects/{project}/components', summary: 'Create a component from a full image URL (resolved against the registry first)', tags, params: projectParams, body: createComponentInput, status: 201 });
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}', summary: 'One component', tags, params: componentParams });
describe({ method: 'patch', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}', summary: 'Change a component (name, type and registry are fixed)', tags, params: componentParams, body: updateComponentInput });
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/releases', summary: 'Previous Images: every release (image, digest, frozen endpoints/ports/health/task settings, config revision), when and by whom, and what changed since the release before (image, endpoints, config keys, connection keys — never values)', tags, params: componentParams });
describe({ method: 'post', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/deployments', summary: 'Deploy exactly one of a tag, an image URL or a previous release', tags, params: componentParams, body: deployInput, status: 202, response: deploymentAccepted });
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/deployments', summary: 'Deployment history', tags, params: componentParams });
describe({ method: 'post', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/promote', summary: 'Deploy the release active in one environment to a later one (same digest)', tags, params: componentParams, body: promoteInput, status: 202, response: deploymentAccepted });
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/environments/{env}', summary: 'What runs in an environment: active release, latest deployment, endpoints, and status (none, active, or degraded / missing with statusReason when drift detection found the active release not running)', tags, params: componentParams.extend({ env: z.string() }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/configs', summary: 'Environment variables and file mounts (secret values are never returned)', tags, params: componentParams });
describe({ method: 'put', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/configs', summary: 'Set a variable or file (applying it redeploys the active release)', tags, params: componentParams, body: setConfigInput });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/configs/{id}', summary: 'Remove a variable or file (redeploys the active release)', tags, params: componentParams.extend({ id: z.string() }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}/deployments/{id}', summary: 'One deployment with its status history and failure reason', tags: ['deployments'], params: orgParams.extend({ id: z.string() }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}/components/{component}/environments/{env}/logs', summary: 'Runtime logs of the active release (?tail, ?q search, ?follow=1 streams Server-Sent Events)', tags, params: componentParams.extend({ env: z.string() }), query: z.object({ tail: z.string().optional(), q: z.string().optional(), follow: z.string().optional() }) });
