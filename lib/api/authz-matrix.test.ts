import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase, testPassword, uniqueEmail } from '@/db/testing';
import { consoleOrigins } from '@/lib/http/csrf';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { revokeApiKey } from '@/lib/services/api-keys/revoke-api-key';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { setConfig } from '@/lib/services/configs/set-config';
import { createCiToken } from '@/lib/services/ci/tokens';
import { can, roles, type Permission, type Role } from '@/lib/services/roles';
import { createUser } from '@/lib/services/users/create-user';
import { addMember, system } from '@/lib/services/testing/fixtures';
import { buildMatrixWorld } from './matrix-world';
import { createProject } from '@/lib/services/projects/create-project';
import { inviteMember } from '@/lib/services/members/invite-member';
import { putEndpoints } from '@/lib/services/endpoints/put-endpoints';
import { uploadSchemaFile } from '@/lib/services/endpoints/upload-schema-file';
import { and, eq } from 'drizzle-orm';
import { dataPlane, deployment, environment, organization } from '@/db/schema';
import { createEnvironment } from '@/lib/services/environments/create-environment';
import { kubeconfigFor } from '@/lib/testing/kube-api-standin';
import { createComponent } from '@/lib/services/components/create-component';
import { runTask } from '@/lib/services/tasks/run-task';
import { setSchedule } from '@/lib/services/tasks/set-schedule';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { setSecret, setVariable } from '@/lib/services/pipelines/inputs';
import { startRun } from '@/lib/services/pipelines/start-run';
import { registerMarketplaceEntry } from '@/lib/services/marketplace/register-entry';
import { createConnection } from '@/lib/services/marketplace/create-connection';

/**
 * Every REST route, every caller. The route files are enumerated from disk: a new route
 * without a rule here fails the first test, so forgetting to specify its access is hard.
 */

type Fx = { d: Database; n: () => string };
interface Rule {
  /** instance-admin: the admins of the first organisation ("acme" here), see lib/services/orgs/org-creation. */
  allow: 'public' | 'signed-in' | 'instance-admin' | 'ci-token' | Permission;
  params?: (fx: Fx) => Promise<Record<string, string>>;
  body?: (fx: Fx) => unknown;
  /** The status an allowed caller gets, when it is not a 2xx. */
  expect?: number;
  /** A query string the route refuses as invalid (for routes whose input is the query). */
  invalidQuery?: string;
}

const member = async ({ d }: Fx) => {
  const u = await createUser(system(d.db), { name: 'M', email: uniqueEmail('m'), password: testPassword });
  await addMember(d.db, 'acme', u.user, 'viewer');
  return { userId: u.user.id };
};

/** A fresh pending invitation of acme (each allowed caller revokes or replaces its own). */
const invitation = async ({ d }: Fx) => ({ id: (await inviteMember(system(d.db), { org: 'acme', email: uniqueEmail('inv'), role: 'viewer' })).invitationId });

const registry = async ({ d, n }: Fx) => ({
  id: (await createRegistry(system(d.db), 'acme', { displayName: `reg-${n()}`, authType: 'basic', host: '127.0.0.1:1', username: 'u', password: 'p' })).id,
});

const openapi = 'openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths: { /a: { get: { responses: { "200": { description: ok } } } } }\n';
const schemaFileOf = async ({ d, n }: Fx) => ({ ...(await web()), name: (await uploadSchemaFile(system(d.db), { org: 'acme', ...(await web()), name: `s-${n()}.yaml`, content: openapi })).name });
const webEndpoint = async ({ d }: Fx) => {
  await putEndpoints(system(d.db), { org: 'acme', ...(await web()), yaml: 'version: 0.1\nendpoints:\n  - { name: web, port: 8080, type: REST, networkVisibility: Project, context: / }\n' });
  return { ...(await web()), name: 'web' };
};

const world = { registryId: '', image: '', deploymentId: '' };
/** A fresh, never deployed component of acme/base (deleting it touches no data plane). */
const freshComponent = async ({ d, n }: Fx) => ({
  project: 'base',
  component: (await createComponent(system(d.db), { org: 'acme', project: 'base', name: `del-${n()}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'), displayName: 'Del', type: 'service', registryId: world.registryId, image: world.image })).name,
});
const base = async () => ({ project: 'base' });
const web = async () => ({ project: 'base', component: 'web' });

/** A manual task "job" and a scheduled task "nightly" in acme/base, each with an active release in development (made once). */
let taskWorld: Promise<void> | undefined;
function tasks({ d }: Fx) {
  return (taskWorld ??= (async () => {
    const [org] = await d.db.select().from(organization).where(eq(organization.slug, 'acme'));
    const [dev] = await d.db.select().from(environment).where(and(eq(environment.organizationId, org.id), eq(environment.name, 'development')));
    for (const [name, type] of [['job', 'manual-task'], ['nightly', 'scheduled-task']] as const) {
      const c = await createComponent(system(d.db), { org: 'acme', project: 'base', name, displayName: name, type, registryId: world.registryId, image: world.image, ...(type === 'scheduled-task' ? { schedule: '0 3 * * *' } : {}) });
      await d.db.insert(deployment).values({ organizationId: org.id, componentId: c.id, environmentId: dev.id, releaseId: c.release.id, status: 'active', triggeredByType: 'system', triggeredByLabel: 'test' });
    }
    await setSchedule(system(d.db), { org: 'acme', project: 'base', component: 'nightly', environment: 'development', cron: '0 3 * * *', timeZone: 'UTC' });
  })());
}
const job = async (fx: Fx) => (await tasks(fx), { project: 'base', component: 'job' });
/** A fresh queued execution of "job" (no engine runs here: it stays queued until stopped). */
const execution = async (fx: Fx) => (await tasks(fx), { project: 'base', component: 'job', id: (await runTask(system(fx.d.db), { org: 'acme', project: 'base', component: 'job' })).id });
const nightly = async (fx: Fx) => (await tasks(fx), { project: 'base', component: 'nightly', env: 'development' });

const pipelineYaml = 'steps:\n  - name: a\n    inlineScript: echo hi\n';
let pipelineWorld: Promise<unknown> | undefined;
/** A pipeline "pl" in acme (made once); runs stay queued (no engine runs here). */
const pl = async ({ d }: Fx) => (await (pipelineWorld ??= createPipeline(system(d.db), { org: 'acme', name: 'pl', source: { kind: 'inline', yaml: pipelineYaml } })), { pipeline: 'pl' });
const plRun = async (fx: Fx) => ({ ...(await pl(fx)), run: (await startRun(system(fx.d.db), { org: 'acme', pipeline: 'pl' })).id });
const plStep = async (fx: Fx) => ({ ...(await plRun(fx)), step: 'a' });
const freshPipeline = async ({ d, n }: Fx) => {
  const name = `del-${n()}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  await createPipeline(system(d.db), { org: 'acme', name, source: { kind: 'inline', yaml: pipelineYaml } });
  return { pipeline: name };
};
const plVariable = async (fx: Fx) => {
  const name = `V_${fx.n()}`.replace(/\W/g, '_');
  await setVariable(system(fx.d.db), { org: 'acme', ...(await pl(fx)), name, value: 'v' });
  return { pipeline: 'pl', name };
};
const plSecret = async (fx: Fx) => {
  const name = `S_${fx.n()}`.replace(/\W/g, '_');
  await setSecret(system(fx.d.db), { org: 'acme', ...(await pl(fx)), name, value: 'secret-value' });
  return { pipeline: 'pl', name };
};
/** A marketplace entry with a development credential; a fresh one per call where the route removes it. */
const entryOf = async ({ d, n }: Fx) => {
  const name = `e-${n()}`;
  await registerMarketplaceEntry(system(d.db), { org: 'acme', name, version: '1', category: 'Database', connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'HOST', value: 'h' }, { key: 'PASSWORD', value: 'p', isSecret: true }] }] });
  return { entry: name, version: '1' };
};
let sharedEntry: Promise<{ entry: string; version: string }> | undefined;
const entry = (fx: Fx) => (sharedEntry ??= entryOf(fx));
const connectionOf = (component?: string) => async (fx: Fx) => {
  const scope = { project: 'base', ...(component ? { component } : {}) };
  const made = await createConnection(system(fx.d.db), { org: 'acme', ...scope, name: `c-${fx.n()}`, ...(await entry(fx)) });
  return { ...scope, name: made.name };
};
/** "shared-entry" version 1, registered once: the body of a connection POST names it. */
let sharedNamed: Promise<unknown> | undefined;
const sharedEntryNamed = ({ d }: Fx) =>
  (sharedNamed ??= registerMarketplaceEntry(system(d.db), { org: 'acme', name: 'shared-entry', version: '1', category: 'Other', connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'URL', value: 'http://x' }] }] }));
const connectBody = (fx: Fx) => ({ name: `c-${fx.n()}`, entry: 'shared-entry', version: '1' });

let envOrder: string[] = [];
async function currentOrder(d: Database) {
  const [org] = await d.db.select().from(organization).where(eq(organization.slug, 'acme'));
  return (await d.db.select({ name: environment.name }).from(environment).where(eq(environment.organizationId, org.id)).orderBy(environment.position)).map((e) => e.name);
}
/** A cluster row without a kubeconfig (no cluster runs here): Test connection says so, detach removes it. */
const detachablePlane = async ({ d, n }: Fx) => {
  const [org] = await d.db.select().from(organization).where(eq(organization.slug, 'acme'));
  return { name: (await d.db.insert(dataPlane).values({ organizationId: org.id, name: `k-${n()}`, driver: 'kubernetes' }).returning())[0].name };
};

const matrix: Record<string, Rule> = {
  'GET /api/v1/health': { allow: 'public' },
  'GET /api/v1/openapi.json': { allow: 'public' },
  'GET /api/v1/orgs': { allow: 'signed-in' },
  'POST /api/v1/orgs': { allow: 'instance-admin', body: ({ n }) => ({ slug: `o-${n()}`, name: 'New org' }) },
  'GET /api/v1/orgs/{org}': { allow: 'org:read' },
  'PATCH /api/v1/orgs/{org}': { allow: 'org:manage', body: () => ({ name: 'Acme renamed' }) },
  'GET /api/v1/orgs/{org}/members': { allow: 'org:read' },
  'POST /api/v1/orgs/{org}/members': { allow: 'members:manage', body: () => ({ email: uniqueEmail('inv'), role: 'viewer' }) },
  'PATCH /api/v1/orgs/{org}/members/{userId}': { allow: 'members:manage', params: member, body: () => ({ role: 'developer' }) },
  'DELETE /api/v1/orgs/{org}/members/{userId}': { allow: 'members:manage', params: member },
  'DELETE /api/v1/orgs/{org}/invitations/{id}': { allow: 'members:manage', params: invitation },
  'POST /api/v1/orgs/{org}/invitations/{id}/resend': { allow: 'members:manage', params: invitation },
  'GET /api/v1/orgs/{org}/api-keys': { allow: 'api-keys:manage' },
  'POST /api/v1/orgs/{org}/api-keys': { allow: 'api-keys:manage', body: () => ({ name: 'k', role: 'viewer' }) },
  'DELETE /api/v1/orgs/{org}/api-keys/{id}': { allow: 'api-keys:manage', params: async ({ d }) => ({ id: (await createApiKey(system(d.db), 'acme', { name: 'k', role: 'viewer' })).id }) },
  'GET /api/v1/orgs/{org}/audit-events': { allow: 'audit:read' },
  // A stream: the matrix reads its status and leaves it (the stream ends when the database closes).
  'GET /api/v1/orgs/{org}/events': { allow: 'org:read', invalidQuery: 'since=yesterday' },
  'GET /api/v1/orgs/{org}/projects': { allow: 'org:read' },
  'POST /api/v1/orgs/{org}/projects': { allow: 'projects:manage', body: ({ n }) => ({ name: `p-${n()}`, displayName: 'P' }) },
  'GET /api/v1/orgs/{org}/projects/{project}': { allow: 'org:read', params: async () => ({ project: 'base' }) },
  'PATCH /api/v1/orgs/{org}/projects/{project}': { allow: 'projects:manage', params: async () => ({ project: 'base' }), body: () => ({ displayName: 'Base' }) },
  'DELETE /api/v1/orgs/{org}/projects/{project}': { allow: 'projects:manage', params: async ({ d, n }) => ({ project: (await createProject(system(d.db), { org: 'acme', name: `d-${n()}`, displayName: 'D' })).name }) },
  'GET /api/v1/orgs/{org}/registries': { allow: 'org:read' },
  'POST /api/v1/orgs/{org}/registries': { allow: 'registries:manage', body: ({ n }) => ({ displayName: `r-${n()}`, authType: 'anonymous', host: '127.0.0.1:1' }) },
  'GET /api/v1/orgs/{org}/registries/{id}': { allow: 'registries:manage', params: registry },
  'PATCH /api/v1/orgs/{org}/registries/{id}': { allow: 'registries:manage', params: registry, body: ({ n }) => ({ displayName: `renamed-${n()}` }) },
  'DELETE /api/v1/orgs/{org}/registries/{id}': { allow: 'registries:manage', params: registry },
  'POST /api/v1/orgs/{org}/registries/{id}/test': { allow: 'registries:manage', params: registry },
  'POST /api/v1/orgs/{org}/registries-test': { allow: 'registries:manage', body: () => ({ registry: { displayName: 'draft', authType: 'anonymous', host: '127.0.0.1:1' } }) },
  'GET /api/v1/orgs/{org}/projects/{project}/components': { allow: 'org:read', params: base },
  'POST /api/v1/orgs/{org}/projects/{project}/components': { allow: 'components:manage', params: base, body: ({ n }) => ({ name: `c-${n()}`, displayName: 'C', type: 'service', registryId: world.registryId, image: world.image }) },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}': { allow: 'org:read', params: web },
  'PATCH /api/v1/orgs/{org}/projects/{project}/components/{component}': { allow: 'components:manage', params: web, body: () => ({ description: 'changed' }) },
  'DELETE /api/v1/orgs/{org}/projects/{project}/components/{component}': { allow: 'components:manage', params: freshComponent },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/releases': { allow: 'org:read', params: web },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/deployments': { allow: 'org:read', params: web },
  'POST /api/v1/orgs/{org}/projects/{project}/components/{component}/deployments': { allow: 'deployments:manage', params: web, body: () => ({ tag: '1.0' }) },
  'POST /api/v1/orgs/{org}/projects/{project}/components/{component}/promote': { allow: 'deployments:manage', params: web, body: () => ({ from: 'development', to: 'staging' }) },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/environments/{env}': { allow: 'org:read', params: async () => ({ project: 'base', component: 'web', env: 'development' }) },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/configs': { allow: 'org:read', params: web },
  'PUT /api/v1/orgs/{org}/projects/{project}/components/{component}/configs': { allow: 'components:manage', params: web, body: () => ({ kind: 'env', key: 'GREETING', value: 'hi' }) },
  'DELETE /api/v1/orgs/{org}/projects/{project}/components/{component}/configs/{id}': {
    allow: 'components:manage',
    params: async ({ d, n }) => ({ project: 'base', component: 'web', id: (await setConfig(system(d.db), { org: 'acme', project: 'base', component: 'web', kind: 'env', key: `K_${n().replace(/-/g, '_')}`, value: 'v' })).id }),
  },
  // Nothing runs in production, so allowed callers get 409 — the rule checks who may ask.
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/environments/{env}/logs': { allow: 'org:read', params: async () => ({ project: 'base', component: 'web', env: 'production' }), expect: 409, invalidQuery: 'tail=0' },
  'GET /api/v1/orgs/{org}/deployments/{id}': { allow: 'org:read', params: async () => ({ id: world.deploymentId }) },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/ci-tokens': { allow: 'ci-tokens:manage', params: web },
  'POST /api/v1/orgs/{org}/projects/{project}/components/{component}/ci-tokens': { allow: 'ci-tokens:manage', params: web, body: () => ({ name: 'ci' }) },
  'DELETE /api/v1/orgs/{org}/projects/{project}/components/{component}/ci-tokens/{id}': {
    allow: 'ci-tokens:manage',
    params: async ({ d }) => ({ project: 'base', component: 'web', id: (await createCiToken(system(d.db), 'acme', 'base', 'web', { name: 'x' })).id }),
  },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/deliveries': { allow: 'org:read', params: web },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/endpoints': { allow: 'org:read', params: web },
  'PUT /api/v1/orgs/{org}/projects/{project}/components/{component}/endpoints': { allow: 'endpoints:manage', params: web, body: () => ({ yaml: 'version: 0.1\nendpoints: []\n' }) },
  'PATCH /api/v1/orgs/{org}/projects/{project}/components/{component}/endpoints/{name}': { allow: 'endpoints:manage', params: webEndpoint, body: () => ({ networkVisibility: 'Organization' }) },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/schema-files': { allow: 'org:read', params: web },
  'POST /api/v1/orgs/{org}/projects/{project}/components/{component}/schema-files': { allow: 'endpoints:manage', params: web, body: ({ n }) => ({ name: `up-${n()}.yaml`, content: openapi }) },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/schema-files/{name}': { allow: 'org:read', params: schemaFileOf },
  'DELETE /api/v1/orgs/{org}/projects/{project}/components/{component}/schema-files/{name}': { allow: 'endpoints:manage', params: schemaFileOf },
  'POST /api/v1/ci/deploy': { allow: 'ci-token', body: () => ({ tag: '1.0' }) },
  'GET /api/v1/ci/deployments/{id}': { allow: 'ci-token', params: async () => ({ id: world.deploymentId }) },
  'POST /api/v1/ci/registry-events/{source}': { allow: 'ci-token', params: async () => ({ source: 'distribution' }), body: () => ({ events: [] }) },
  'GET /api/v1/orgs/{org}/environments': { allow: 'org:read' },
  'POST /api/v1/orgs/{org}/environments': { allow: 'environments:manage', body: ({ n }) => ({ name: `e-${n()}`, displayName: 'E', dataPlane: 'local' }) },
  // The order as it is now (read by params, which runs first): allowed callers save it unchanged.
  'PUT /api/v1/orgs/{org}/environments': { allow: 'environments:manage', params: async ({ d }) => ((envOrder = await currentOrder(d)), {}), body: () => ({ order: envOrder }) },
  'GET /api/v1/orgs/{org}/environments/{env}': { allow: 'org:read', params: async () => ({ env: 'staging' }) },
  'PATCH /api/v1/orgs/{org}/environments/{env}': { allow: 'environments:manage', params: async () => ({ env: 'staging' }), body: () => ({ displayName: 'Staging' }) },
  'DELETE /api/v1/orgs/{org}/environments/{env}': { allow: 'environments:manage', params: async ({ d, n }) => ({ env: (await createEnvironment(system(d.db), { org: 'acme', name: `x-${n()}`, displayName: 'X', dataPlane: 'local' })).name }) },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/executions': { allow: 'org:read', params: job },
  'POST /api/v1/orgs/{org}/projects/{project}/components/{component}/executions': { allow: 'deployments:manage', params: job, body: () => ({ args: ['--dry-run'] }) },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/executions/{id}': { allow: 'org:read', params: execution },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/executions/{id}/logs': { allow: 'org:read', params: execution },
  'POST /api/v1/orgs/{org}/projects/{project}/components/{component}/executions/{id}/stop': { allow: 'deployments:manage', params: execution },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/environments/{env}/schedule': { allow: 'org:read', params: nightly },
  'PUT /api/v1/orgs/{org}/projects/{project}/components/{component}/environments/{env}/schedule': { allow: 'deployments:manage', params: nightly, body: () => ({ cron: '0 4 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' }) },
  'GET /api/v1/orgs/{org}/pipelines': { allow: 'org:read' },
  'POST /api/v1/orgs/{org}/pipelines': { allow: 'pipelines:manage', body: (fx) => ({ name: `new-${fx.n()}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'), source: { kind: 'inline', yaml: pipelineYaml } }) },
  'GET /api/v1/orgs/{org}/pipelines/{pipeline}': { allow: 'org:read', params: pl },
  'PATCH /api/v1/orgs/{org}/pipelines/{pipeline}': { allow: 'pipelines:manage', params: pl, body: () => ({ description: 'changed' }) },
  'DELETE /api/v1/orgs/{org}/pipelines/{pipeline}': { allow: 'pipelines:manage', params: freshPipeline },
  'GET /api/v1/orgs/{org}/pipelines/{pipeline}/versions': { allow: 'org:read', params: pl },
  'GET /api/v1/orgs/{org}/pipelines/{pipeline}/versions/{version}': { allow: 'org:read', params: async (fx) => ({ ...(await pl(fx)), version: '1' }) },
  'GET /api/v1/orgs/{org}/pipelines/{pipeline}/argo': { allow: 'org:read', params: pl },
  'PUT /api/v1/orgs/{org}/pipelines/{pipeline}/variables/{name}': { allow: 'pipelines:manage', params: async (fx) => ({ ...(await pl(fx)), name: 'GREETING' }), body: () => ({ value: 'hello' }) },
  'DELETE /api/v1/orgs/{org}/pipelines/{pipeline}/variables/{name}': { allow: 'pipelines:manage', params: plVariable },
  'PUT /api/v1/orgs/{org}/pipelines/{pipeline}/secrets/{name}': { allow: 'pipelines:manage', params: async (fx) => ({ ...(await pl(fx)), name: 'TOKEN' }), body: () => ({ value: 'very-secret' }) },
  'DELETE /api/v1/orgs/{org}/pipelines/{pipeline}/secrets/{name}': { allow: 'pipelines:manage', params: plSecret },
  'GET /api/v1/orgs/{org}/pipelines/{pipeline}/runs': { allow: 'org:read', params: pl, invalidQuery: 'limit=0' },
  'POST /api/v1/orgs/{org}/pipelines/{pipeline}/runs': { allow: 'pipelines:run', params: pl, body: () => ({ parameters: {} }) },
  'GET /api/v1/orgs/{org}/pipelines/{pipeline}/runs/{run}': { allow: 'org:read', params: plRun },
  'POST /api/v1/orgs/{org}/pipelines/{pipeline}/runs/{run}/stop': { allow: 'pipelines:run', params: plRun },
  'GET /api/v1/orgs/{org}/pipelines/{pipeline}/runs/{run}/steps/{step}/logs': { allow: 'org:read', params: plStep },
  'GET /api/v1/orgs/{org}/data-planes': { allow: 'org:read' },
  // Nothing listens on port 1: allowed callers get 503 (nothing stored), the rest 403 / 404 first.
  'POST /api/v1/orgs/{org}/data-planes': { allow: 'data-planes:manage', body: ({ n }) => ({ name: `k-${n()}`, kind: 'kubernetes', kubeconfig: kubeconfigFor('https://127.0.0.1:1', 't') }), expect: 503 },
  'GET /api/v1/orgs/{org}/data-planes/{name}': { allow: 'org:read', params: async () => ({ name: 'local' }) },
  'DELETE /api/v1/orgs/{org}/data-planes/{name}': { allow: 'data-planes:manage', params: detachablePlane },
  'POST /api/v1/orgs/{org}/data-planes/{name}/test': { allow: 'data-planes:manage', params: detachablePlane },
  'GET /api/v1/orgs/{org}/marketplace': { allow: 'org:read', invalidQuery: 'category=Nope' },
  'POST /api/v1/orgs/{org}/marketplace': { allow: 'marketplace:manage', body: ({ n }) => ({ name: `r-${n()}`, version: '1.0', category: 'Other' }) },
  'GET /api/v1/orgs/{org}/marketplace/{entry}': { allow: 'org:read', params: async (fx) => ({ entry: (await entry(fx)).entry }) },
  'DELETE /api/v1/orgs/{org}/marketplace/{entry}': { allow: 'marketplace:manage', params: async (fx) => ({ entry: (await entryOf(fx)).entry }) },
  'GET /api/v1/orgs/{org}/marketplace/{entry}/versions/{version}': { allow: 'org:read', params: entry },
  'DELETE /api/v1/orgs/{org}/marketplace/{entry}/versions/{version}': { allow: 'marketplace:manage', params: entryOf },
  'GET /api/v1/orgs/{org}/projects/{project}/connections': { allow: 'org:read', params: base },
  'POST /api/v1/orgs/{org}/projects/{project}/connections': { allow: 'projects:manage', params: async (fx) => (await sharedEntryNamed(fx), { project: 'base' }), body: connectBody },
  'PATCH /api/v1/orgs/{org}/projects/{project}/connections/{name}': { allow: 'projects:manage', params: connectionOf(), body: () => ({}) },
  'DELETE /api/v1/orgs/{org}/projects/{project}/connections/{name}': { allow: 'projects:manage', params: connectionOf() },
  'GET /api/v1/orgs/{org}/projects/{project}/components/{component}/connections': { allow: 'org:read', params: web },
  'POST /api/v1/orgs/{org}/projects/{project}/components/{component}/connections': { allow: 'components:manage', params: async (fx) => (await sharedEntryNamed(fx), web()), body: connectBody },
  'PATCH /api/v1/orgs/{org}/projects/{project}/components/{component}/connections/{name}': { allow: 'components:manage', params: connectionOf('web'), body: () => ({}) },
  'DELETE /api/v1/orgs/{org}/projects/{project}/components/{component}/connections/{name}': { allow: 'components:manage', params: connectionOf('web') },
};

const apiRoot = path.join(process.cwd(), 'app', 'api', 'v1');
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === 'route.ts' ? [p] : [];
  });
}

async function discoverRoutes() {
  const found: { key: string; file: string; method: string; pattern: string }[] = [];
  for (const file of routeFiles(apiRoot)) {
    const pattern = '/api/v1/' + path.relative(apiRoot, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/');
    const mod = await import(file);
    for (const m of methods) if (typeof mod[m] === 'function') found.push({ key: `${m} ${pattern}`, file, method: m, pattern });
  }
  return found;
}

let d: Database;
let stopWorld: (() => Promise<void>) | undefined;
let routes: Awaited<ReturnType<typeof discoverRoutes>>;
const callers: Record<string, Record<string, string>> = {};
let counter = 0;
const fx = (): Fx => ({ d, n: () => `${Date.now().toString(36)}${counter++}` });

beforeAll(async () => {
  d = await testDatabase();
  const w = await buildMatrixWorld(d);
  stopWorld = w.stop;
  Object.assign(world, { registryId: w.registryId, image: w.image, deploymentId: w.deploymentId });
  for (const role of roles) {
    callers[`session:${role}`] = { cookie: w.sessions[role] };
    const { key } = await createApiKey(system(d.db), 'acme', { name: `key-${role}`, role });
    callers[`api-key:${role}`] = { authorization: `Bearer ${key}` };
  }
  callers.outsider = { cookie: w.sessions.outsider };
  const { key: globexKey } = await createApiKey(system(d.db), 'globex', { name: 'other', role: 'admin' });
  callers['outsider-key'] = { authorization: `Bearer ${globexKey}` };
  const revoked = await createApiKey(system(d.db), 'acme', { name: 'revoked', role: 'admin' });
  await revokeApiKey(system(d.db), 'acme', revoked.id);
  callers['revoked-key'] = { authorization: `Bearer ${revoked.key}` };
  callers['ci-token'] = { authorization: `Bearer ${(await createCiToken(system(d.db), 'acme', 'base', 'web', { name: 'matrix' })).token}` };
  callers.anonymous = {};
  callers['malformed-auth'] = { authorization: 'Basic YWRtaW46YWRtaW4=' };
  routes = await discoverRoutes();
}, 180_000);
afterAll(async () => {
  await Promise.all([d?.close(), stopWorld?.()]);
});

/** Every body a route accepts is a strict object: one field too many makes it invalid. */
const invalidBody = (rule: Rule) => ({ ...(rule.body!(fx()) as object), notAField: true });

async function call(route: { file: string; method: string; pattern: string }, rule: Rule, headers: Record<string, string>, input: 'valid' | 'invalid' = 'valid') {
  const params = { org: 'acme', ...(rule.params ? await rule.params(fx()) : {}) };
  const query = input === 'invalid' && rule.invalidQuery ? `?${rule.invalidQuery}` : '';
  const url = 'http://127.0.0.1:3000' + route.pattern.replace(/\{(\w+)\}/g, (_, k: string) => params[k as keyof typeof params] ?? k) + query;
  const body = rule.body ? JSON.stringify(input === 'invalid' ? invalidBody(rule) : rule.body(fx())) : undefined;
  const mod = await import(route.file);
  // The console's own pages send their Origin; cross-site requests are covered by csrf.test.ts.
  const origin: Record<string, string> = headers.cookie ? { origin: consoleOrigins()[0] } : {};
  const res: Response = await mod[route.method](new Request(url, { method: route.method, headers: { ...headers, ...origin, ...(body ? { 'content-type': 'application/json' } : {}) }, body }), { params: Promise.resolve(params) });
  return res.status;
}

describe('authorization matrix (REST)', () => {
  it('has a rule for every route handler, and no rule without a route', () => {
    const keys = routes.map((r) => r.key).sort();
    expect(keys.filter((k) => !matrix[k])).toEqual([]);
    expect(Object.keys(matrix).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('answers every caller as specified', async () => {
    const failures: string[] = [];
    const check = (key: string, caller: string, got: number, ok: (s: number) => boolean, want: string) => {
      if (!ok(got)) failures.push(`${key} as ${caller}: got ${got}, want ${want}`);
    };
    for (const route of routes) {
      const rule = matrix[route.key];
      for (const [caller, headers] of Object.entries(callers)) {
        const status = await call(route, rule, headers);
        if (rule.allow === 'ci-token') {
          // Only the component's CI token opens the CI routes; sessions and API keys do not.
          check(route.key, caller, status, (s) => (caller === 'ci-token' ? s < 400 : s === 401), caller === 'ci-token' ? '2xx' : '401');
        } else if (caller === 'ci-token') {
          check(route.key, caller, status, (s) => (rule.allow === 'public' ? s < 400 : s === 401), rule.allow === 'public' ? '2xx' : '401');
        } else if (rule.allow === 'public') {
          check(route.key, caller, status, (s) => s < 400, '2xx');
        } else if (['anonymous', 'revoked-key', 'malformed-auth'].includes(caller)) {
          check(route.key, caller, status, (s) => s === 401, '401');
        } else if (rule.allow === 'instance-admin') {
          // Only a signed-in admin of the first organisation; API keys never (they belong to one organisation).
          const allowed = caller === 'session:admin';
          check(route.key, caller, status, (s) => (allowed ? s < 400 : s === 403), allowed ? '2xx' : '403');
        } else if (rule.allow === 'signed-in') {
          // Any account may list its organisations and create one; an API key belongs to one organisation and may not create others.
          const allowed = !caller.includes('key') || route.method === 'GET';
          check(route.key, caller, status, (s) => (allowed ? s < 400 : s === 403), allowed ? '2xx' : '403');
        } else if (caller.startsWith('outsider')) {
          check(route.key, caller, status, (s) => s === 404, '404');
        } else {
          const allowed = can(caller.split(':')[1] as Role, rule.allow);
          const ok = (s: number) => (rule.expect ? s === rule.expect : s < 400);
          check(route.key, caller, status, (s) => (allowed ? ok(s) : s === 403), allowed ? String(rule.expect ?? '2xx') : '403');
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  // Permission comes before validation: an outsider sending a malformed request must not
  // learn from a 422 that the resource exists, nor a lesser role what its shape is.
  it('refuses callers without access before it looks at the input', async () => {
    const failures: string[] = [];
    const orgRoutes = routes.filter((r) => {
      const rule = matrix[r.key];
      return (rule.body || rule.invalidQuery) && !['public', 'signed-in', 'ci-token'].includes(rule.allow);
    });
    expect(orgRoutes.length).toBeGreaterThan(10);
    for (const route of orgRoutes) {
      const rule = matrix[route.key];
      for (const [caller, headers] of Object.entries(callers)) {
        if (['anonymous', 'revoked-key', 'malformed-auth', 'ci-token'].includes(caller)) continue;
        // Creating an organisation names no organisation: whoever is not an instance admin gets 403.
        const want =
          rule.allow === 'instance-admin'
            ? caller === 'session:admin' ? 422 : 403
            : caller.startsWith('outsider') ? 404 : can(caller.split(':')[1] as Role, rule.allow as Permission) ? 422 : 403;
        const got = await call(route, rule, headers, 'invalid');
        if (got !== want) failures.push(`${route.key} as ${caller} with invalid input: got ${got}, want ${want}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
