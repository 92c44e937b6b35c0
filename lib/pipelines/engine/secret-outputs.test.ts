/**
 * Secret step outputs on real Podman: a step generates a password from /dev/urandom and
 * declares it `secret: true`; later steps get it in env, in their script (as an env var) and
 * through a template argument; the publish step receives it. It is masked in every stored
 * line from the moment it is read — the generating step's own line included — stored only
 * encrypted, and never in a response. Then a run is interrupted, the key ring rotated
 * (`secrets:rotate`) and the old key dropped: the resumed run still gets the secret output
 * and the pipeline secret.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { auditEvent, logChunk, pipelineRun, pipelineStep } from '@/db/schema';
import { testDatabase } from '@/db/testing';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { runContainerName } from '@/lib/dataplane/docker/run-job';
import { testEngine } from '@/lib/jobs/testing';
import type { ServiceContext } from '@/lib/services/context';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { setSecret } from '@/lib/services/pipelines/inputs';
import { getRun } from '@/lib/services/pipelines/runs';
import { startRun } from '@/lib/services/pipelines/start-run';
import { stepLogs } from '@/lib/services/pipelines/step-logs';
import { rotateSecrets } from '@/lib/services/registries/rotate-secrets';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { podman } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { pollUntil } from '@/lib/util/poll';
import { recordOnlyPublishHook, setPublishHook } from '../publish-hook';
import type { PublishResource } from '../spec';
import { openStepOutputs } from '../secrets';
import { runSettled, shellImageIn } from '../testing';

const oldKey = Buffer.alloc(32, 31);
const newKey = Buffer.alloc(32, 32);
let d: Database;
let reg: TestRegistry;
let jobs: Awaited<ReturnType<typeof testEngine>>;
let pe: ServiceContext;
let image: string;
const published: PublishResource[] = [];

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([oldKey]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  image = await shellImageIn(reg.host);
  pe = (await orgWithMembers(d.db, 'acme')).users['platform-engineer'];
  setPublishHook(async (ctx, input) => {
    published.push(input.resource);
    return recordOnlyPublishHook(ctx, input);
  });
  jobs = await testEngine(d.db);
}, 180_000);

afterAll(async () => {
  setPublishHook(undefined);
  await jobs?.stop();
  await reg?.stop();
  await d?.close();
});

const gen = `  - name: gen
    image: IMAGE
    inlineScript: |
      head -c 24 /dev/urandom | base64 | tr -d '\\n/+=' > /tmp/pw
      cp /tmp/pw /workspace/pw-copy
      echo "generated $(cat /tmp/pw)"
      printf app > /tmp/user
    outputs:
      parameters:
        - { name: pw, secret: true, valueFrom: { path: /tmp/pw } }
        - { name: user, valueFrom: { path: /tmp/user } }
`;

async function start(name: string, yaml: string, secrets: Record<string, string> = {}) {
  await createPipeline(pe, { org: 'acme', name, source: { kind: 'inline', yaml: yaml.replaceAll('IMAGE', image) } });
  for (const [k, v] of Object.entries(secrets)) await setSecret(pe, { org: 'acme', pipeline: name, name: k, value: v });
  return (await startRun(pe, { org: 'acme', pipeline: name })).id;
}
const logOf = async (pipeline: string, run: string, step: string) => (await stepLogs(pe, { org: 'acme', pipeline, run, step })).lines.map((l) => l.text);

describe('secret step outputs on Podman', () => {
  it('reach env, scripts, template arguments and the publish step; masked from when they are read; stored only encrypted', async () => {
    const yaml = `steps:
${gen}  - - name: env
      image: IMAGE
      env: [{ name: PW, value: "{{steps.gen.outputs.parameters.pw}}" }]
      inlineScript: |
        [ "$PW" = "$(cat /workspace/pw-copy)" ] && echo "env match"
        echo "echoed $PW"
        echo "script {{steps.gen.outputs.parameters.pw}} for {{steps.gen.outputs.parameters.user}}"
        printf '%s' "$PW" | base64
        grep -c 'GANTRY_OUTPUT_GEN__P[W]}' /gantry/script
        grep -c "$PW" /gantry/script || true
    - name: tpl
      template: check
      arguments:
        parameters:
          - { name: password, value: "{{steps.gen.outputs.parameters.pw}}" }
  - name: publish
    template: gantry/marketplace-publish@v1
    arguments:
      parameters:
        - name: resource
          yamlObject:
            name: db
            version: "1"
            category: Database
            connectionCredentials:
              - environments: [development]
                parameters:
                  - { key: Username, value: "{{steps.gen.outputs.parameters.user}}" }
                  - { key: Password, value: "{{steps.gen.outputs.parameters.pw}}", isSecret: true }
templates:
  - name: check
    image: IMAGE
    inputs: { parameters: [{ name: password }] }
    inlineScript: |
      [ "{{inputs.parameters.password}}" = "$(cat /workspace/pw-copy)" ] && echo "input match"
      grep -c 'GANTRY_INPUT_PASSWOR[D]}' /gantry/script
      grep -c "$(cat /workspace/pw-copy)" /gantry/script || true
`;
    const id = await start('gen-once', yaml);
    await runSettled(d.db, id);
    const run = await getRun(pe, { org: 'acme', pipeline: 'gen-once', run: id });
    expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');

    // The value the publish step received is the generated password (the steps compared it with the workspace copy);
    // scripts referred to it by an env var ('1'), their text never held it ('0').
    const pw = published.at(-1)!.connectionCredentials[0].parameters.find((p) => p.key === 'Password')!.value;
    expect(pw).toMatch(/^[A-Za-z0-9]{20,}$/);
    expect(await logOf('gen-once', id, 'gen')).toEqual(['generated ***']);
    expect(await logOf('gen-once', id, 'env')).toEqual(['env match', 'echoed ***', 'script *** for app', '***', '1', '0']);
    expect(await logOf('gen-once', id, 'tpl')).toEqual(['input match', '1', '0']);

    const gen1 = run.steps.find((s) => s.stepId === 'gen')!;
    expect(gen1).toMatchObject({ outputs: { user: 'app' }, secretOutputs: ['pw'] });
    const [row] = await d.db.select().from(pipelineStep).where(eq(pipelineStep.id, gen1.id));
    expect(row.secretOutputs.pw).toMatch(/^v1\./);
    expect(openStepOutputs(row.id, row.secretOutputs)).toEqual({ pw });

    const everywhere = JSON.stringify([
      run,
      await d.db.select().from(logChunk),
      await d.db.select().from(pipelineStep),
      await d.db.select().from(pipelineRun),
      await d.db.select().from(auditEvent),
    ]);
    expect(everywhere).toContain('generated ***');
    for (const form of [pw, Buffer.from(pw).toString('base64')]) expect(everywhere).not.toContain(form);
  }, 240_000);

  it('a short secret output fails the step (it could not be masked) and is not kept', async () => {
    const id = await start('short', `steps:\n  - name: gen\n    image: IMAGE\n    inlineScript: printf ab > /tmp/pw\n    outputs:\n      parameters:\n        - { name: pw, secret: true, valueFrom: { path: /tmp/pw } }\n`);
    await runSettled(d.db, id);
    const run = await getRun(pe, { org: 'acme', pipeline: 'short', run: id });
    expect(run.status).toBe('failed');
    expect(run.steps[0]).toMatchObject({ status: 'error', message: expect.stringMatching(/secret output "pw" is shorter than 4 characters/), secretOutputs: [] });
  }, 120_000);

  it('after secrets:rotate with only the new key left, a resumed run still gets the secret output and the pipeline secret', async () => {
    const TOKEN = 'tok-Rotate-Value-4711';
    const yaml = `steps:
${gen.replace('printf app > /tmp/user', 'printf app > /tmp/user\n      printf "%s" "$TOKEN" > /workspace/token-copy').replace('    image: IMAGE\n', '    image: IMAGE\n    env: [{ name: TOKEN, value: "{{SECRETS.TOKEN}}" }]\n')}  - name: wait
    image: IMAGE
    inlineScript: |
      echo waiting
      while [ ! -f /workspace/go ]; do sleep 0.2; done
      echo going
  - name: use
    image: IMAGE
    env:
      - { name: PW, value: "{{steps.gen.outputs.parameters.pw}}" }
      - { name: TOKEN, value: "{{SECRETS.TOKEN}}" }
    inlineScript: |
      [ "$PW" = "$(cat /workspace/pw-copy)" ] && echo "output after rotation"
      [ "$TOKEN" = "$(cat /workspace/token-copy)" ] && echo "secret after rotation"
`;
    const id = await start('resume', yaml, { TOKEN });
    const [waitRow] = await pollUntil('the wait step to run', async () => {
      const rows = await d.db.select().from(pipelineStep).where(eq(pipelineStep.runId, id));
      const w = rows.find((r) => r.stepId === 'wait' && r.status === 'running');
      return w && (await logOf('resume', id, 'wait')).includes('waiting') ? [w] : undefined;
    }, { timeoutMs: 120_000 });
    await jobs.stopEngine();

    setKeyRingForTests(new KeyRing([newKey, oldKey]));
    const r = await rotateSecrets(system(d.db));
    expect(r.failed).toEqual([]);
    expect(r.rotated).toBeGreaterThanOrEqual(3); // the TOKEN and the two runs' secret outputs
    setKeyRingForTests(new KeyRing([newKey]));

    await podman(['exec', runContainerName(waitRow.id), 'touch', '/workspace/go']);
    await jobs.startEngine();
    await runSettled(d.db, id);
    const run = await getRun(pe, { org: 'acme', pipeline: 'resume', run: id });
    expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');
    expect(await logOf('resume', id, 'use')).toEqual(['output after rotation', 'secret after rotation']);
    expect(JSON.stringify(await d.db.select().from(logChunk))).not.toContain(TOKEN);
  }, 300_000);
});
