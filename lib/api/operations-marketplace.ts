import { z } from 'zod';
import { MARKETPLACE_CATEGORIES } from '@/lib/marketplace/categories';
import { connectionBody, registerEntryBody, updateConnectionBody } from '@/lib/services/marketplace/schemas';
import { describe, orgParams, projectParams } from './registry';

const tags = ['marketplace'];
const source = z.enum(['manual', 'pipeline', 'endpoint']);
const summaryView = z.object({ name: z.string(), category: z.enum(MARKETPLACE_CATEGORIES), description: z.string(), tags: z.array(z.string()), source, versions: z.array(z.string()), latestVersion: z.string(), updatedAt: z.string().nullable() });
const parameterView = z.object({ key: z.string(), isSecret: z.boolean(), value: z.string().optional().describe('absent for secrets: they are write-only'), set: z.literal(true) });
const versionView = z.object({
  version: z.string(),
  category: z.enum(MARKETPLACE_CATEGORIES),
  description: z.string(),
  tags: z.array(z.string()),
  properties: z.record(z.string(), z.string()),
  sourceRunId: z.string().nullable(),
  revision: z.number().describe('+1 at every re-publish of this version'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  keys: z.array(z.string()).describe('what a connection provides (How to use): each becomes <CONNECTION>_<KEY> unless mapped'),
  environments: z.array(z.object({ environment: z.string(), available: z.boolean(), parameters: z.array(parameterView) })),
  usedBy: z.array(z.object({ project: z.string(), component: z.string().nullable(), connection: z.string() })),
});
const entryView = z.object({ name: z.string(), source, keys: z.array(z.string()), versions: z.array(versionView) });
const saved = z.object({ id: z.string(), name: z.string(), version: z.string(), category: z.string(), revision: z.number(), created: z.boolean() });
const entryParams = orgParams.extend({ entry: z.string().describe('Entry name ("project.component.endpoint" for an endpoint)') });
const m = '/api/v1/orgs/{org}/marketplace';

describe({ method: 'get', path: m, summary: 'Marketplace entries: stored ones (one item per name) and every Organization/Public component endpoint', tags, params: orgParams, query: z.object({ q: z.string().optional(), category: z.enum(MARKETPLACE_CATEGORIES).optional() }), response: z.object({ items: z.array(summaryView) }) });
describe({ method: 'post', path: m, summary: 'Register a resource by hand (platform engineers); the same name + version again updates it (200) and its consumers show "redeploy to apply". Secret values are encrypted and never returned', tags, params: orgParams, body: registerEntryBody, status: 201, response: saved });
describe({ method: 'get', path: `${m}/{entry}`, summary: 'One entry with every version, its per-environment availability and parameters (secrets as "set")', tags, params: entryParams, response: entryView });
describe({ method: 'delete', path: `${m}/{entry}`, summary: 'Delete every version; 409 with details.connections while connections use one', tags, params: entryParams, status: 204 });
const versionParams = entryParams.extend({ version: z.string() });
describe({ method: 'get', path: `${m}/{entry}/versions/{version}`, summary: 'One version of an entry', tags, params: versionParams, response: entryView });
describe({ method: 'delete', path: `${m}/{entry}/versions/{version}`, summary: 'Delete one version; 409 with details.connections while connections use it', tags, params: versionParams, status: 204 });

const connectionView = z.object({
  name: z.string(),
  scope: z.enum(['component', 'project']),
  entry: z.string(),
  version: z.string(),
  source,
  env: z.array(z.object({ key: z.string(), env: z.string() })),
  createdAt: z.string(),
  redeployToApply: z.array(z.string()).describe('environments (component@environment for a project) whose running container does not have this connection as it is now'),
  appliedIn: z.array(z.string()).describe('environments whose running container has it as it is now'),
});
const created = z.object({ id: z.string(), name: z.string(), scope: z.enum(['component', 'project']), entry: z.string(), version: z.string(), env: z.record(z.string(), z.string()), createdAt: z.string() });
const componentParams = projectParams.extend({ component: z.string().describe('Component name') });
for (const [base, params, what] of [
  ['/api/v1/orgs/{org}/projects/{project}', projectParams, 'every component of the project'],
  ['/api/v1/orgs/{org}/projects/{project}/components/{component}', componentParams, 'the component'],
] as const) {
  const named = params.extend({ name: z.string().describe('Connection name') });
  describe({ method: 'get', path: `${base}/connections`, summary: `Connections of ${what}${what === 'the component' ? " (its own and its project's)" : ''}, with "redeploy to apply"`, tags: ['connections'], params, response: z.object({ items: z.array(connectionView) }) });
  describe({ method: 'post', path: `${base}/connections`, summary: `Connect ${what} to an entry version; env maps keys to variable names (default <CONNECTION>_<KEY>); a name already used by a config or another connection is 409`, tags: ['connections'], params, body: connectionBody, status: 201, response: created });
  describe({ method: 'patch', path: `${base}/connections/{name}`, summary: 'Change the version and/or variable names', tags: ['connections'], params: named, body: updateConnectionBody, response: created.omit({ id: true, createdAt: true }) });
  describe({ method: 'delete', path: `${base}/connections/{name}`, summary: 'Remove a connection (running containers keep the values until their next deployment)', tags: ['connections'], params: named, status: 204 });
}
