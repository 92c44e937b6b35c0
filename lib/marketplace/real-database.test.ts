import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { eq } from 'drizzle-orm';
import { auditEvent, deployment, deploymentEvent, logChunk, pipelineStep, release } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { testEngine } from '@/lib/jobs/testing';
import { openStepOutputs } from '@/lib/pipelines/secrets';
import { runSettled, shellImageIn } from '@/lib/pipelines/testing';
import { removeLabelled, settled } from '@/lib/reconciler/testing';
import { listReleases } from '@/lib/services/components/list-releases';
import { createComponent } from '@/lib/services/components/create-component';
import { deploy } from '@/lib/services/deployments/deploy';
import { runtimeLogs } from '@/lib/services/deployments/runtime-logs';
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
import { hostAddressForContainers } from '@/lib/testing/host-address';
import { podman, pushImage } from '@/lib/testing/images';
import { startPostgresCluster } from '@/lib/testing/postgres-cluster';
import { buildPsqlImage, buildPsqlServiceImage } from '@/lib/testing/psql-image';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';

/**
 * A real database through the marketplace, end to end on real Podman and a real Postgres:
 * a pipeline step (psql, from the host's Debian client) generates a password from
 * /dev/urandom — nobody ever types or sees it — creates a role and a database with it on a
 * throwaway cluster and declares it a secret output; the publish step puts host, port,
 * database, user and that password (isSecret) in the marketplace; a developer connects a
 * component, mapping the keys to libpq's own variables, deploys, and the container writes a
 * row with them — read back from the host. The password appears in no run response, stored
 * log, step record (only its ciphertext), audit entry, marketplace or connection response,
 * release or container log; the test reads it only by decrypting the step's secret output.
 */
let d: Database;
let reg: TestRegistry;
let jobs: Awaited<ReturnType<typeof testEngine>>;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let host: Awaited<ReturnType<typeof hostAddressForContainers>>;
let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
let psqlImage: string;
const adminPassword = `adm-${randomBytes(12).toString('hex')}`;

const pipelineYaml = (image: string) => `steps:
  - name: provision
    image: ${image}
    env:
      - { name: PGHOST, value: "{{VARIABLES.PG_HOST}}" }
      - { name: PGPORT, value: "{{VARIABLES.PG_PORT}}" }
      - { name: PGUSER, value: postgres }
      - { name: PGPASSWORD, value: "{{SECRETS.PG_ADMIN_PASSWORD}}" }
      - { name: PGCONNECT_TIMEOUT, value: "10" }
    inlineScript: |
      set -e
      # The password is made here: 32 random letters and digits, in a variable and a file only.
      DB_PASSWORD=$(tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32)
      export DB_PASSWORD
      # \\getenv keeps the password out of argv; :'pw' quotes it as a literal.
      psql -v ON_ERROR_STOP=1 -q <<'SQL'
      \\getenv pw DB_PASSWORD
      CREATE ROLE orders_app LOGIN PASSWORD :'pw';
      CREATE DATABASE orders OWNER orders_app;
      SQL
      printf '%s' "$DB_PASSWORD" > /tmp/password
      printf orders > /tmp/database
      printf orders_app > /tmp/username
      echo "provisioned database orders for orders_app"
    outputs:
      parameters:
        - { name: database, valueFrom: { path: /tmp/database } }
        - { name: username, valueFrom: { path: /tmp/username } }
        - { name: password, secret: true, valueFrom: { path: /tmp/password } }
  - name: publish
    template: gantry/marketplace-publish@v1
    arguments:
      parameters:
        - name: resource
          yamlObject:
            name: orders-db
            version: "15"
            category: Database
            description: PostgreSQL database provisioned by a pipeline
            tags: [postgres]
            connectionCredentials:
              - environments: [development]
                parameters:
                  - { key: HostName, value: "{{VARIABLES.PG_HOST}}" }
                  - { key: Port, value: "{{VARIABLES.PG_PORT}}" }
                  - { key: DatabaseName, value: "{{steps.provision.outputs.parameters.database}}" }
                  - { key: Username, value: "{{steps.provision.outputs.parameters.username}}" }
                  - { key: Password, value: "{{steps.provision.outputs.parameters.password}}", isSecret: true }
`;

/** The consumer: at start, uses libpq's variables (from its connection) to write and count a row, prints the outcome, then serves. */
const consumerScript =
  `R=$(psql -v ON_ERROR_STOP=1 -qtA -c "create table if not exists visits(who text)" -c "insert into visits(who) values (current_user)" ` +
  `-c "select current_user || '@' || current_database() || ' visits=' || count(*) from visits" 2>&1); echo "db-check exit=$?: $R"`;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  [d, reg, host] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' }), hostAddressForContainers()]);
  cluster = await startPostgresCluster({ listen: [host.address], password: adminPassword });
  const [shell, psql] = await Promise.all([shellImageIn(reg.host), buildPsqlImage()]);
  psqlImage = `${reg.host}/tools/psql@${(await pushImage(psql, `${reg.host}/tools/psql:15`)).digest}`;
  await pushImage(await buildPsqlServiceImage('orders-app', consumerScript), `${reg.host}/shop/orders-app:1.0`);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(fx.users.developer, { org: 'acme',  name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, { org: 'acme',  displayName: 'Local', authType: 'anonymous', host: reg.host });
  await createComponent(fx.users.developer, { org: 'acme', project: 'shop',  name: 'orders-app', displayName: 'Orders app', type: 'service', registryId: r.id, image: `${reg.host}/shop/orders-app:1.0` });
  jobs = await testEngine(d.db, { pipelineDefaultImage: shell });
}, 300_000);

afterAll(async () => {
  await jobs?.stop();
  if (jobs) removeLabelled(`gantry.test-run=${jobs.run}`);
  cluster?.destroy();
  await host?.stop();
  await Promise.all([d?.close(), reg?.stop()]);
}, 120_000);

/** A client on the host, as the provisioned role. */
async function asApp(password: string, sql: string) {
  const client = new pg.Client({ host: '127.0.0.1', port: cluster.port, user: 'orders_app', database: 'orders', password });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('a pipeline provisions a real database; a component connects and uses it', () => {
  it('provision → publish → connect → deploy → the container writes with the injected credentials', async () => {
    const pe = fx.users['platform-engineer'];
    await createPipeline(pe, { org: 'acme', name: 'provision-orders-db', source: { kind: 'inline', yaml: pipelineYaml(psqlImage) } });
    await setVariable(pe, { org: 'acme', pipeline: 'provision-orders-db', name: 'PG_HOST', value: host.address });
    await setVariable(pe, { org: 'acme', pipeline: 'provision-orders-db', name: 'PG_PORT', value: String(cluster.port) });
    await setSecret(pe, { org: 'acme', pipeline: 'provision-orders-db', name: 'PG_ADMIN_PASSWORD', value: adminPassword });

    const started = await startRun(pe, { org: 'acme', pipeline: 'provision-orders-db' });
    await runSettled(d.db, started.id, undefined, 240_000);
    const run = await getRun(pe, { org: 'acme', pipeline: 'provision-orders-db', run: started.id });
    expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');
    expect(run.steps.find((s) => s.stepId === 'publish')!.outputs).toMatchObject({ entry: 'orders-db', version: '15', revision: 1 });
    const provision = run.steps.find((s) => s.stepId === 'provision')!;
    expect(provision).toMatchObject({ outputs: { database: 'orders', username: 'orders_app' }, secretOutputs: ['password'] });
    // The only way to the password: decrypting the step's secret output (the engine's path).
    const [provisionRow] = await d.db.select().from(pipelineStep).where(eq(pipelineStep.id, provision.id));
    const dbPassword = openStepOutputs(provisionRow.id, provisionRow.secretOutputs).password;
    expect(dbPassword).toMatch(/^[A-Za-z0-9]{32}$/);

    // The role and database are real: the password opens them, another does not.
    expect(await asApp(dbPassword, 'select current_user as u, current_database() as db')).toEqual([{ u: 'orders_app', db: 'orders' }]);
    await expect(asApp('wrong-password', 'select 1')).rejects.toThrow(/password authentication failed/);

    const entry = await getMarketplaceEntry(fx.users.viewer, { org: 'acme', entry: 'orders-db' });
    const dev = entry.versions[0].environments.find((e) => e.environment === 'development')!;
    expect(dev.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'HostName', value: host.address }),
        expect.objectContaining({ key: 'DatabaseName', value: 'orders' }),
        expect.objectContaining({ key: 'Username', value: 'orders_app' }),
        expect.objectContaining({ key: 'Password', isSecret: true }),
      ]),
    );

    // The developer maps the keys straight onto libpq's variables.
    await createConnection(fx.users.developer, {
      org: 'acme',
      project: 'shop',
      component: 'orders-app',
      name: 'orders',
      entry: 'orders-db',
      version: '15',
      env: { HostName: 'PGHOST', Port: 'PGPORT', DatabaseName: 'PGDATABASE', Username: 'PGUSER', Password: 'PGPASSWORD' },
    });
    const dep = await settled(d.db, (await deploy(fx.users.developer, { org: 'acme', project: 'shop', component: 'orders-app',  tag: '1.0' })).id, 120_000);
    expect(dep.status, dep.reason ?? '').toBe('active');
    const ids = (await podman(['ps', '-q', '--filter', `label=gantry.test-run=${jobs.run}`, '--filter', 'label=gantry.component=orders-app'])).stdout.split('\n').filter(Boolean);
    expect(ids).toHaveLength(1);
    await expect.poll(async () => (await podman(['logs', ids[0]])).stdout, { timeout: 30_000 }).toContain('db-check exit=0: orders_app@orders visits=1');
    // What the container wrote is in the database.
    expect(await asApp(dbPassword, 'select who from visits')).toEqual([{ who: 'orders_app' }]);

    // The password: only in the container's environment (the data plane) and the database.
    const lines: string[] = [];
    for await (const line of await runtimeLogs(fx.users.viewer, { org: 'acme', project: 'shop', component: 'orders-app', environment: 'development',  tail: 100 })) lines.push(line);
    expect(lines.join('\n')).toContain('db-check exit=0');
    const everywhere = JSON.stringify([
      run,
      await getRun(fx.users.admin, { org: 'acme', pipeline: 'provision-orders-db', run: started.id }),
      await getMarketplaceEntry(fx.users.admin, { org: 'acme', entry: 'orders-db' }),
      await listConnections(fx.users.admin, { org: 'acme', project: 'shop', component: 'orders-app' }),
      await listReleases(fx.users.admin, { org: 'acme', project: 'shop', component: 'orders-app' }),
      await d.db.select().from(logChunk),
      await d.db.select().from(pipelineStep),
      await d.db.select().from(auditEvent),
      await d.db.select().from(deployment),
      await d.db.select().from(deploymentEvent),
      await d.db.select().from(release),
      lines,
      (await podman(['logs', ids[0]])).stdout + (await podman(['logs', ids[0]])).stderr,
    ]);
    expect(everywhere).toContain('provisioned database orders');
    for (const secret of [dbPassword, adminPassword]) expect(everywhere).not.toContain(secret);
  }, 600_000);
});
