/**
 * Least privilege for steps, on real Podman: steps run as nobody (65534), not as the image's
 * root, and the run's /workspace belongs to that user so steps share files through it; a step
 * image on a private registry is pulled with the credentials of the organisation's registry
 * for that host — refused with a clear step error until that registry is registered — and
 * the password shows up in no step message or log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { logChunk, pipelineStep } from '@/db/schema';
import { testDatabase } from '@/db/testing';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { testEngine } from '@/lib/jobs/testing';
import type { ServiceContext } from '@/lib/services/context';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { getRun } from '@/lib/services/pipelines/runs';
import { startRun } from '@/lib/services/pipelines/start-run';
import { stepLogs } from '@/lib/services/pipelines/step-logs';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { buildShellImage, runSettled } from '../testing';

const creds = { username: 'steps', password: 'step-Pull-Pa55word-77' };
let d: Database;
let reg: TestRegistry;
let jobs: Awaited<ReturnType<typeof testEngine>>;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let pe: ServiceContext;
let image: string;
let n = 0;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 41)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'basic', ...creds })]);
  // A tag, not a digest: a tag is always pulled, so the pull really needs the credentials.
  image = `${reg.host}/private/shell:1`;
  await pushImage(await buildShellImage(), image, creds);
  fx = await orgWithMembers(d.db, 'acme');
  pe = fx.users['platform-engineer'];
  jobs = await testEngine(d.db);
}, 180_000);

afterAll(async () => {
  await jobs?.stop();
  await reg?.stop();
  await d?.close();
});

async function run(yaml: string) {
  const name = `p${++n}`;
  await createPipeline(pe, { org: 'acme', name, source: { kind: 'inline', yaml: yaml.replaceAll('IMAGE', image) } });
  const { id } = await startRun(pe, { org: 'acme', pipeline: name });
  await runSettled(d.db, id);
  const view = await getRun(pe, { org: 'acme', pipeline: name, run: id });
  const logs = async (step: string) => (await stepLogs(pe, { org: 'acme', pipeline: name, run: id, step })).lines.map((l) => l.text);
  return { view, logs };
}

describe('steps: private images and a non-root user', () => {
  it('a private step image is refused until the organisation registers its registry, then pulled with those credentials', async () => {
    const yaml = 'steps:\n  - name: hello\n    image: IMAGE\n    inlineScript: echo hello from a private image\n';
    const refused = await run(yaml);
    expect(refused.view.status).toBe('failed');
    expect(refused.view.steps[0]).toMatchObject({ status: 'error', message: expect.stringMatching(/Pull failed: the registry .* refused access .*needs credentials/) });

    await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Private', authType: 'basic', host: reg.host, ...creds });
    const pulled = await run(yaml);
    expect(pulled.view.status, JSON.stringify(pulled.view.steps)).toBe('succeeded');
    expect(await pulled.logs('hello')).toEqual(['hello from a private image']);
    expect(JSON.stringify([refused.view, pulled.view, await d.db.select().from(pipelineStep), await d.db.select().from(logChunk)])).not.toContain(creds.password);
  }, 180_000);

  it('runs steps as nobody; /workspace belongs to that user and carries files from step to step', async () => {
    const { view, logs } = await run(`steps:
  - name: write
    image: IMAGE
    inlineScript: |
      echo "uid=$(id -u) gid=$(id -g)"
      stat -c 'workspace %u:%g' /workspace
      echo shared > /workspace/file && echo wrote
      echo out > /tmp/out && echo "/tmp is writable"
      touch /not-mine 2>/dev/null || echo "the image's / is not writable"
  - name: read
    image: IMAGE
    inlineScript: |
      stat -c 'file %u' /workspace/file
      cat /workspace/file
`);
    expect(view.status, JSON.stringify(view.steps)).toBe('succeeded');
    expect(await logs('write')).toEqual(['uid=65534 gid=65534', 'workspace 65534:65534', 'wrote', '/tmp is writable', "the image's / is not writable"]);
    expect(await logs('read')).toEqual(['file 65534', 'shared']);
  }, 180_000);
});
