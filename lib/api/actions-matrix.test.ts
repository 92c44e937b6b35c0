import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { dataPlane, deployment, environment, organization } from '@/db/schema';
import { createEnvironment } from '@/lib/services/environments/create-environment';
import { kubeconfigFor } from '@/lib/testing/kube-api-standin';
import { testDatabase, testPassword, uniqueEmail } from '@/db/testing';
import { withRequestHeaders } from '@/lib/http/request-scope';
import type { ActionResult } from '@/lib/http/action';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { createComponent } from '@/lib/services/components/create-component';
import { createCiToken } from '@/lib/services/ci/tokens';
import { setConfig } from '@/lib/services/configs/set-config';
import { createProject } from '@/lib/services/projects/create-project';
import { inviteMember } from '@/lib/services/members/invite-member';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { can, roles, type Permission, type Role } from '@/lib/services/roles';
import { addMember, system } from '@/lib/services/testing/fixtures';
import { runTask } from '@/lib/services/tasks/run-task';
import { setSchedule } from '@/lib/services/tasks/set-schedule';
import { createUser } from '@/lib/services/users/create-user';
import { registerMarketplaceEntry } from '@/lib/services/marketplace/register-entry';
import { createConnection } from '@/lib/services/marketplace/create-connection';
import { buildMatrixWorld, newPendingPromotion, type MatrixWorld } from './matrix-world';

/**
 * Every server action, every caller. A server action is a public POST endpoint: each one is
 * called directly, as a forged request would, with each kind of session. The action files
 * (actions.ts under app/ and components/) are enumerated from disk, so a new action without a
 * rule fails the first test.
 */

type Args = (w: MatrixWorld, n: () => string) => Promise<unknown[]> | unknown[];
interface Rule {
  /** instance-admin: the admins of the first organisation ("acme" here), see lib/services/orgs/org-creation. */
  allow: 'anonymous' | 'signed-in' | 'instance-admin' | Permission;
  args: Args;
  /** The error code every caller gets (actions that are open to anyone but refuse this input). */
  expectCode?: string;
  /** The error code an allowed caller gets, when the action cannot succeed here (no cluster runs on this machine). */
  allowedCode?: string;
  /** Arguments the action refuses as invalid; by default the last object argument gets a field too many. */
  invalidArgs?: Args;
}

let d: Database;
let w: MatrixWorld;
let counter = 0;
const n = () => `${Date.now().toString(36)}${counter++}`;
const web = ['acme', 'base', 'web'] as const;
const sys = () => system(d.db);

async function newEntry() {
  const name = `e-${n()}`;
  await registerMarketplaceEntry(sys(), { org: 'acme', name, version: '1', category: 'Database', connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'HOST', value: 'h' }] }] });
  return name;
}
let shared: Promise<string> | undefined;
const sharedEntry = () => (shared ??= newEntry());
const newConnection = async () => (await createConnection(sys(), { org: 'acme', project: 'base', component: 'web', name: `c-${n()}`, entry: await sharedEntry(), version: '1' })).name;

const acmeId = async () => (await d.db.select().from(organization).where(eq(organization.slug, 'acme')))[0].id;
const envOrder = async () => (await d.db.select({ name: environment.name }).from(environment).where(eq(environment.organizationId, await acmeId())).orderBy(environment.position)).map((e) => e.name);
/** A cluster row without a kubeconfig (no cluster runs here): Test connection says so, detach removes it. */
const detachablePlane = async () => (await d.db.insert(dataPlane).values({ organizationId: await acmeId(), name: `k-${n()}`, driver: 'kubernetes' }).returning())[0].name;

const rules: Record<string, Rule> = {
  setupAction: { allow: 'anonymous', args: () => [{ name: 'X', email: uniqueEmail(), password: testPassword }], expectCode: 'conflict' },
  acceptInvitationAction: { allow: 'anonymous', args: () => ['gin_not-a-real-invitation-token'], expectCode: 'not_found' },
  createOrgAction: { allow: 'instance-admin', args: () => [{ slug: `o-${n()}`, name: 'Org' }] },
  createProjectAction: { allow: 'projects:manage', args: () => ['acme', { name: `p-${n()}`, displayName: 'P' }] },
  updateProjectAction: { allow: 'projects:manage', args: () => ['acme', 'base', { displayName: 'Base' }] },
  deleteProjectAction: { allow: 'projects:manage', args: async () => ['acme', (await createProject(sys(), { org: 'acme', name: `d-${n()}`, displayName: 'D' })).name] },
  inviteMemberAction: { allow: 'members:manage', args: () => ['acme', { email: uniqueEmail('inv'), role: 'viewer' }] },
  updateMemberRoleAction: { allow: 'members:manage', args: async () => ['acme', await newMember(), { role: 'developer' }] },
  removeMemberAction: { allow: 'members:manage', args: async () => ['acme', await newMember()] },
  approvePromotionAction: { allow: 'promotions:approve', args: async () => ['acme', await newPendingPromotion(d, w.acme.users.developer)] },
  rejectPromotionAction: { allow: 'promotions:approve', args: async () => ['acme', await newPendingPromotion(d, w.acme.users.developer), { reason: 'not now' }] },
  setPromotionPolicyAction: { allow: 'org:manage', args: () => ['acme', { requireApproval: true }] },
  revokeInvitationAction: { allow: 'members:manage', args: async () => ['acme', await newInvitation()] },
  resendInvitationAction: { allow: 'members:manage', args: async () => ['acme', await newInvitation()] },
  createApiKeyAction: { allow: 'api-keys:manage', args: () => ['acme', { name: 'k', role: 'viewer' }] },
  revokeApiKeyAction: { allow: 'api-keys:manage', args: async () => ['acme', (await createApiKey(sys(), { org: 'acme', name: 'k', role: 'viewer' })).id] },
  listAuditEventsAction: { allow: 'audit:read', args: () => [{ org: 'acme' }] },
  createEnvironmentAction: { allow: 'environments:manage', args: () => [{ org: 'acme', name: `e-${n()}`, displayName: 'E', dataPlane: 'local' }] },
  updateEnvironmentAction: { allow: 'environments:manage', args: () => [{ org: 'acme', env: 'staging', displayName: 'Staging' }] },
  reorderEnvironmentsAction: { allow: 'environments:manage', args: async () => [{ org: 'acme', order: await envOrder() }] },
  deleteEnvironmentAction: { allow: 'environments:manage', args: async () => [{ org: 'acme', env: (await createEnvironment(sys(), { org: 'acme', name: `x-${n()}`, displayName: 'X', dataPlane: 'local' })).name }] },
  // Nothing listens on port 1: allowed callers get "unavailable" and nothing is stored.
  attachDataPlaneAction: { allow: 'data-planes:manage', args: () => [{ org: 'acme', name: `k-${n()}`, kind: 'kubernetes', kubeconfig: kubeconfigFor('https://127.0.0.1:1', 't') }], allowedCode: 'unavailable' },
  testDataPlaneAction: { allow: 'data-planes:manage', args: async () => [{ org: 'acme', name: await detachablePlane() }] },
  detachDataPlaneAction: { allow: 'data-planes:manage', args: async () => [{ org: 'acme', name: await detachablePlane() }] },
  createRegistryAction: { allow: 'registries:manage', args: () => ['acme', { displayName: `r-${n()}`, authType: 'anonymous', host: '127.0.0.1:1' }] },
  updateRegistryAction: { allow: 'registries:manage', args: async () => ['acme', await newRegistry(), { displayName: `r-${n()}` }] },
  deleteRegistryAction: { allow: 'registries:manage', args: async () => ['acme', await newRegistry()] },
  testRegistryAction: { allow: 'registries:manage', args: async () => ['acme', await newRegistry(), {}] },
  testRegistryDraftAction: { allow: 'registries:manage', args: () => ['acme', { registry: { displayName: 'd', authType: 'anonymous', host: '127.0.0.1:1' } }] },
  createComponentAction: { allow: 'components:manage', args: () => ['acme', 'base', { name: `c-${n()}`, displayName: 'C', type: 'service', registryId: w.registryId, image: w.image }] },
  updateComponentAction: { allow: 'components:manage', args: () => [...web, { description: 'changed' }] },
  deployAction: { allow: 'deployments:manage', args: () => [...web, { tag: '1.0' }] },
  promoteAction: { allow: 'deployments:manage', args: () => [...web, { from: 'development', to: 'staging' }] },
  listImageTagsAction: { allow: 'org:read', args: () => [...web] },
  setConfigAction: { allow: 'components:manage', args: () => [...web, { kind: 'env', key: 'GREETING', value: 'hi' }] },
  deleteConfigAction: { allow: 'components:manage', args: async () => [...web, (await setConfig(sys(), { org: 'acme', project: 'base', component: 'web', kind: 'env', key: `K_${n().replace(/-/g, '_')}`, value: 'v' })).id] },
  createCiTokenAction: { allow: 'ci-tokens:manage', args: () => [...web, { name: 'ci' }] },
  revokeCiTokenAction: { allow: 'ci-tokens:manage', args: async () => [...web, (await createCiToken(sys(), { org: web[0], project: web[1], component: web[2], name: 'x' })).id] },
  deleteComponentAction: { allow: 'components:manage', args: async () => ['acme', 'base', await newComponent()] },
  moveRegistryAction: { allow: 'components:manage', args: async () => ['acme', 'base', await newComponent(), { registryId: await mirrorRegistry() }] },
  updateTagFilterAction: { allow: 'components:manage', args: () => [...web, 'v*'], invalidArgs: () => [...web, 'v* or w*'] },
  registerEntryAction: { allow: 'marketplace:manage', args: () => [{ org: 'acme', name: `r-${n()}`, version: '1', category: 'Other' }] },
  deleteEntryAction: { allow: 'marketplace:manage', args: async () => [{ org: 'acme', entry: await newEntry(), version: '1' }] },
  createConnectionAction: { allow: 'components:manage', args: async () => [{ org: 'acme', project: 'base', component: 'web', name: `c-${n()}`, entry: await sharedEntry(), version: '1' }] },
  updateConnectionAction: { allow: 'components:manage', args: async () => [{ org: 'acme', project: 'base', component: 'web', name: await newConnection(), env: {} }] },
  deleteConnectionAction: { allow: 'components:manage', args: async () => [{ org: 'acme', project: 'base', component: 'web', name: await newConnection() }] },
  runTaskAction: { allow: 'deployments:manage', args: async () => [...(await tasks()).job, { environment: 'development', args: ['x'] }] },
  stopExecutionAction: {
    allow: 'deployments:manage',
    // A fresh queued execution per call: nothing claims it here, so Stop ends it at once.
    args: async () => {
      const { job } = await tasks();
      const [org, project, comp] = job;
      return [...job, (await runTask(sys(), { org, project, component: comp, environment: 'development' })).id];
    },
  },
  setScheduleAction: { allow: 'deployments:manage', args: async () => [...(await tasks()).nightly, 'development', { cron: '0 3 * * *', timeZone: 'Europe/Berlin' }] },
  setSchedulePausedAction: { allow: 'deployments:manage', args: async () => [...(await tasks()).nightly, 'development', true] },
};

/** A manual task "job" and a scheduled task "nightly" in acme/base, each with an active release in development. */
let taskWorld: Promise<{ job: [string, string, string]; nightly: [string, string, string] }> | undefined;
function tasks() {
  return (taskWorld ??= (async () => {
    const [org] = await d.db.select().from(organization).where(eq(organization.slug, 'acme'));
    const [dev] = await d.db.select().from(environment).where(and(eq(environment.organizationId, org.id), eq(environment.name, 'development')));
    for (const [name, type] of [['job', 'manual-task'], ['nightly', 'scheduled-task']] as const) {
      const c = await createComponent(sys(), { org: 'acme', project: 'base', name, displayName: name, type, registryId: w.registryId, image: w.image, ...(type === 'scheduled-task' ? { schedule: '0 3 * * *' } : {}) });
      await d.db.insert(deployment).values({ organizationId: org.id, componentId: c.id, environmentId: dev.id, releaseId: c.release.id, status: 'active', triggeredByType: 'system', triggeredByLabel: 'test' });
    }
    // The schedule a first deployment would create from the component's cron.
    await setSchedule(sys(), { org: 'acme', project: 'base', component: 'nightly', environment: 'development', cron: '0 3 * * *', timeZone: 'UTC' });
    return { job: ['acme', 'base', 'job'], nightly: ['acme', 'base', 'nightly'] };
  })());
}

async function newInvitation() {
  return (await inviteMember(sys(), { org: 'acme', email: uniqueEmail('inv'), role: 'viewer' })).invitationId;
}
async function newMember() {
  const u = await createUser(sys(), { name: 'M', email: uniqueEmail('m'), password: testPassword });
  await addMember(d.db, 'acme', u.user, 'viewer');
  return u.user.id;
}
/** A fresh, never deployed component of acme/base (deleting it touches no data plane). */
async function newComponent() {
  return (await createComponent(sys(), { org: 'acme', project: 'base', name: `del-${n()}`, displayName: 'Del', type: 'service', registryId: w.registryId, image: w.image })).name;
}
/** Another registry entry for the host of the world's registry: it has the image, so a move succeeds. */
let mirror: Promise<string> | undefined;
function mirrorRegistry() {
  return (mirror ??= createRegistry(sys(), { org: 'acme', displayName: 'mirror', authType: 'anonymous', host: w.image.split('/')[0] }).then((r) => r.id));
}
async function newRegistry() {
  return (await createRegistry(sys(), { org: 'acme', displayName: `reg-${n()}`, authType: 'anonymous', host: '127.0.0.1:1' })).id;
}

type ActionFn = (...args: unknown[]) => Promise<ActionResult<unknown>>;
const actions: { name: string; file: string; fn: ActionFn }[] = [];

function actionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? actionFiles(p) : e.name === 'actions.ts' ? [p] : [];
  });
}

beforeAll(async () => {
  d = await testDatabase();
  w = await buildMatrixWorld(d);
  // Actions live beside the components that call them (components/<area>/actions.ts, CONTRACT.md §4a); app/ is
  // searched too so that an action put there by mistake still gets its rule checked.
  for (const file of ['app', 'components'].flatMap((root) => actionFiles(path.join(process.cwd(), root)))) {
    const mod = await import(file);
    for (const [name, fn] of Object.entries(mod)) if (typeof fn === 'function') actions.push({ name, file, fn: fn as ActionFn });
  }
}, 180_000);
afterAll(async () => {
  await Promise.all([d?.close(), w?.stop()]);
});

function callAs(cookie: string | undefined, fn: () => Promise<ActionResult<unknown>>) {
  return withRequestHeaders(new Headers(cookie ? { cookie } : {}), fn);
}

describe('authorization matrix (server actions)', () => {
  it('has a rule for every server action, and no rule without an action', () => {
    const names = actions.map((a) => a.name).sort();
    expect(names.filter((name) => !rules[name])).toEqual([]);
    expect(Object.keys(rules).filter((name) => !names.includes(name))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('answers every caller as specified', async () => {
    const failures: string[] = [];
    const code = (r: ActionResult<unknown>) => (r.ok ? 'ok' : r.error.code);
    for (const a of actions) {
      const rule = rules[a.name];
      const callers: [string, string | undefined][] = [['anonymous', undefined], ['outsider', w.sessions.outsider], ...roles.map((r) => [r, w.sessions[r]] as [Role, string])];
      for (const [caller, cookie] of callers) {
        const got = code(await callAs(cookie, async () => a.fn(...(await rule.args(w, n)))));
        let want: string;
        if (rule.expectCode) want = rule.expectCode;
        else if (caller === 'anonymous') want = 'unauthenticated';
        else if (rule.allow === 'signed-in') want = 'ok';
        else if (rule.allow === 'instance-admin') want = caller === 'admin' ? 'ok' : 'forbidden';
        else if (caller === 'outsider') want = 'not_found';
        else want = can(caller as Role, rule.allow as Permission) ? (rule.allowedCode ?? 'ok') : 'forbidden';
        if (got !== want) failures.push(`${a.name} as ${caller}: got ${got}, want ${want}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  // Permission comes before validation: an outsider sending a malformed request must not
  // learn from "invalid" that the resource exists, nor a lesser role what its shape is.
  it('refuses callers without access before it looks at the input', async () => {
    const failures: string[] = [];
    const code = (r: ActionResult<unknown>) => (r.ok ? 'ok' : r.error.code);
    const invalid = async (rule: Rule) => {
      if (rule.invalidArgs) return rule.invalidArgs(w, n);
      const args = await rule.args(w, n);
      const last = args.at(-1);
      return last && typeof last === 'object' && !Array.isArray(last) ? [...args.slice(0, -1), { ...last, notAField: true }] : undefined;
    };
    let checked = 0;
    for (const a of actions) {
      const rule = rules[a.name];
      if (rule.allow === 'anonymous') continue;
      const callers: [string, string | undefined][] = [['outsider', w.sessions.outsider], ...roles.map((r) => [r, w.sessions[r]] as [Role, string])];
      for (const [caller, cookie] of callers) {
        const args = await invalid(rule);
        if (!args) continue;
        checked++;
        const got = code(await callAs(cookie, async () => a.fn(...args)));
        let want: string;
        if (rule.allow === 'signed-in') want = 'invalid';
        // Creating an organisation names no organisation: whoever is not an instance admin is forbidden.
        else if (rule.allow === 'instance-admin') want = caller === 'admin' ? 'invalid' : 'forbidden';
        else if (caller === 'outsider') want = 'not_found';
        else want = can(caller as Role, rule.allow as Permission) ? 'invalid' : 'forbidden';
        if (got !== want) failures.push(`${a.name} as ${caller} with invalid input: got ${got}, want ${want}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(failures).toEqual([]);
    // Once set up, the first-run form answers the same whatever it is sent.
    expect(code(await callAs(undefined, async () => actions.find((a) => a.name === 'setupAction')!.fn({ email: 'not-an-email' })))).toBe('conflict');
  }, 300_000);
});
