import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, logChunk, pipelineStep } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { testEngine } from '@/lib/jobs/testing';
import { runSettled, shellImageIn } from '@/lib/pipelines/testing';
import { settled } from '@/lib/reconciler/testing';
import { createComponent } from '@/lib/services/components/create-component';
import { deploy } from '@/lib/services/deployments/deploy';
import { createConnection } from '@/lib/services/marketplace/create-connection';
import { getMarketplaceEntry } from '@/lib/services/marketplace/get-entry';
import { listConnections } from '@/lib/services/marketplace/list-connections';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { setSecret, setVariable } from '@/lib/services/pipelines/inputs';
import { getRun } from '@/lib/services/pipelines/runs';
import { startRun } from '@/lib/services/pipelines/start-run';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { buildTestImage, podman, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';

/**
 * The platform engineer's path end to end, on real Podman: a pipeline run provisions a
 * credential in one step and publishes the resource with it (and a pipeline secret) in its
 * publish step; a developer connects a component to the entry, deploys, and the container
 * receives the values. Re-publishing marks the consumer "redeploy to apply". No credential
 * value reaches a stored log line, the publish step's record, a marketplace response or the
 * audit log. (The provisioning step's own output holds what it produced — the author's choice,
 * as in Argo, which stores outputs too; the pipeline secret is masked even there.)
 */
let d: Database;
let reg: TestRegistry;
let jobs: Awaited<ReturnType<typeof testEngine>>;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const ADMIN_TOKEN = 'adm-Secret-Token-4242';

const pipelineYaml = `steps:
  - name: provision
    inlineScript: |
      printf "pw-%s%s" $RANDOM $RANDOM > /tmp/password
      echo provisioned
    outputs:
      parameters:
        - name: password
          valueFrom: { path: /tmp/password }
  - name: publish
    template: gantry/marketplace-publish@v1
    arguments:
      parameters:
        - name: resource
          yamlObject:
            name: team-cache
            version: "1.0"
            category: Database
            description: Provisioned by a pipeline
            connectionCredentials:
              - environments: [development]
                parameters:
                  - { key: HOSTNAME, value: "{{VARIABLES.HOST}}" }
                  - { key: PASSWORD, value: "{{steps.provision.outputs.parameters.password}}", isSecret: true }
                  - { key: ADMIN_TOKEN, value: "{{SECRETS.ADMIN_TOKEN}}", isSecret: true }
`;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 3)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  const shell = await shellImageIn(reg.host);
  await pushImage(await buildTestImage({ message: 'consumer' }), `${reg.host}/shop/consumer:1.0`);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(fx.users.developer, { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, 'acme', { displayName: 'Local', authType: 'anonymous', host: reg.host });
  await createComponent(fx.users.developer, { org: 'acme', project: 'shop', name: 'consumer', displayName: 'Consumer', type: 'service', registryId: r.id, image: `${reg.host}/shop/consumer:1.0` });
  jobs = await testEngine(d.db, { pipelineDefaultImage: shell });
}, 240_000);

afterAll(async () => {
  await jobs?.stop();
  await Promise.all([d?.close(), reg?.stop()]);
});

async function publishRun() {
  const run = await startRun(fx.users['platform-engineer'], { org: 'acme', pipeline: 'provision-cache' });
  await runSettled(d.db, run.id, undefined, 240_000);
  return getRun(fx.users['platform-engineer'], { org: 'acme', pipeline: 'provision-cache', run: run.id });
}

describe('a pipeline publishes what it provisions; a component connects and receives it', () => {
  it('publish → connect → deploy on real Podman, with every credential kept secret', async () => {
    const pe = fx.users['platform-engineer'];
    await createPipeline(pe, { org: 'acme', name: 'provision-cache', source: { kind: 'inline', yaml: pipelineYaml } });
    await setVariable(pe, { org: 'acme', pipeline: 'provision-cache', name: 'HOST', value: 'cache.internal' });
    await setSecret(pe, { org: 'acme', pipeline: 'provision-cache', name: 'ADMIN_TOKEN', value: ADMIN_TOKEN });

    const first = await publishRun();
    expect(first.status, JSON.stringify(first.steps)).toBe('succeeded');
    const publishStep = first.steps.find((s) => s.stepId === 'publish')!;
    expect(publishStep.outputs).toMatchObject({ entry: 'team-cache', version: '1.0', revision: 1 });

    const entry = await getMarketplaceEntry(fx.users.viewer, { org: 'acme', entry: 'team-cache' });
    expect(entry.versions[0]).toMatchObject({ version: '1.0', category: 'Database', source: 'pipeline' });
    await createConnection(fx.users.developer, { org: 'acme', project: 'shop', component: 'consumer', name: 'cache', entry: 'team-cache', version: '1.0' });
    const dep = await settled(d.db, (await deploy(fx.users.developer, { org: 'acme', project: 'shop', component: 'consumer', tag: '1.0' })).id, 120_000);
    expect(dep.status, dep.reason ?? '').toBe('active');

    const ids = (await podman(['ps', '-q', '--filter', `label=gantry.test-run=${jobs.run}`, '--filter', 'label=gantry.component=consumer'])).stdout.split('\n').filter(Boolean);
    expect(ids).toHaveLength(1);
    const env = JSON.parse((await podman(['inspect', '-f', '{{json .Config.Env}}', ids[0]])).stdout) as string[];
    expect(env).toContain('CACHE_HOSTNAME=cache.internal');
    expect(env).toContain(`CACHE_ADMIN_TOKEN=${ADMIN_TOKEN}`);
    const password = env.find((e) => e.startsWith('CACHE_PASSWORD='))!.slice('CACHE_PASSWORD='.length);
    expect(password).toMatch(/^pw-\d+$/);

    // Re-publishing (a new run: a new password) marks the consumer "redeploy to apply".
    const second = await publishRun();
    expect(second.status).toBe('succeeded');
    expect(second.steps.find((s) => s.stepId === 'publish')!.outputs).toMatchObject({ revision: 2 });
    const conns = await listConnections(fx.users.viewer, { org: 'acme', project: 'shop', component: 'consumer' });
    expect(conns.items[0].redeployToApply).toEqual(['development']);

    // Secrets: not in stored logs, the publish step's record, marketplace responses or audit.
    const publishRows = (await d.db.select().from(pipelineStep)).filter((s) => s.stepId === 'publish');
    const everywhere = JSON.stringify([
      await d.db.select().from(logChunk),
      publishRows,
      await d.db.select().from(auditEvent),
      entry,
      await getMarketplaceEntry(fx.users.admin, { org: 'acme', entry: 'team-cache' }),
      await listConnections(fx.users.admin, { org: 'acme', project: 'shop', component: 'consumer' }),
    ]);
    expect(everywhere).not.toContain(ADMIN_TOKEN);
    expect(everywhere).not.toContain(password);
    // The pipeline secret is not in any step row or run response either.
    expect(JSON.stringify([await d.db.select().from(pipelineStep), first, second])).not.toContain(ADMIN_TOKEN);
  }, 600_000);
});
