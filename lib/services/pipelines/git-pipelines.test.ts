import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, pipeline, pipelineRun } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { ServiceError } from '@/lib/errors';
import { startGitServer, type TestGitServer } from '@/lib/testing/git-server';
import { orgWithMembers } from '../testing/fixtures';
import { createPipeline } from './create-pipeline';
import { getPipeline } from './get-pipeline';
import { startRun } from './start-run';

// Import from Git through the verbs, against a real git http-backend with Basic auth on loopback
// (the default egress policy allows loopback).
const PASSWORD = 'glpat-pipeline-Secret-77';
let d: Database;
let git: TestGitServer;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const file = (n: number) => `steps:\n  - name: step-${n}\n    inlineScript: echo ${n}\n`;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 9)]));
  [d, git] = await Promise.all([testDatabase(), startGitServer({ username: 'robot', password: PASSWORD })]);
  fx = await orgWithMembers(d.db, 'acme');
  await git.commit({ 'ci/pipeline.yaml': file(1) }, 'first');
}, 120_000);

afterAll(async () => {
  await Promise.all([d?.close(), git?.stop()]);
});

const source = (over: Record<string, unknown> = {}) => ({ kind: 'git', url: git.url, branch: 'main', path: 'ci/pipeline.yaml', credentials: { username: 'robot', password: PASSWORD }, ...over });

describe('pipelines imported from Git', () => {
  it('creates version 1 from the branch head; each run reads the head again: a changed file is Version + 1, an unchanged one is not', async () => {
    const created = await createPipeline(fx.users['platform-engineer'], { org: 'acme', name: 'from-git', source: source() });
    expect(created.version).toBe(1);
    expect(created.yaml).toBe(file(1));
    expect(created.source).toMatchObject({ kind: 'git', branch: 'main', path: 'ci/pipeline.yaml', hasCredentials: true });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    const [row] = await d.db.select().from(pipeline).where(eq(pipeline.id, created.id));
    expect(row.gitCredentialCiphertext).toBeTruthy();
    expect(row.gitCredentialCiphertext).not.toContain(PASSWORD);

    const run1 = await startRun(fx.users['platform-engineer'], { org: 'acme', pipeline: 'from-git' });
    const sha2 = await git.commit({ 'README.md': 'docs only\n' }, 'docs');
    const run2 = await startRun(fx.users['platform-engineer'], { org: 'acme', pipeline: 'from-git' });
    const sha3 = await git.commit({ 'ci/pipeline.yaml': file(2) }, 'second');
    const run3 = await startRun(fx.users['platform-engineer'], { org: 'acme', pipeline: 'from-git' });

    const runs = await d.db.select().from(pipelineRun).where(eq(pipelineRun.pipelineId, created.id));
    const byId = (id: string) => runs.find((r) => r.id === id)!;
    expect(byId(run1.id).version).toBe(1);
    expect(byId(run2.id)).toMatchObject({ version: 1, gitCommit: sha2 });
    expect(byId(run3.id)).toMatchObject({ version: 2, gitCommit: sha3 });
    const now = await getPipeline(fx.users.viewer, { org: 'acme', pipeline: 'from-git' });
    expect(now.version).toBe(2);
    expect(now.yaml).toBe(file(2));
    const audits = await d.db.select().from(auditEvent).where(eq(auditEvent.organizationId, fx.org.id));
    expect(JSON.stringify(audits)).not.toContain(PASSWORD);
  });

  it('refuses bad sources with a clear error and creates nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ url: 'file:///etc' }, /https/i],
      [{ url: 'ssh://git@example.com/x.git' }, /https/i],
      [{ url: `http://robot:${PASSWORD}@127.0.0.1:1/x.git` }, /credentials|https/i],
      [{ credentials: { username: 'robot', password: 'not-the-password' } }, /credentials/],
      [{ path: 'missing.yaml' }, /no file/i],
    ];
    for (const [over, message] of cases) {
      const e = await createPipeline(fx.users['platform-engineer'], { org: 'acme', name: 'bad-git', source: source(over) }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(ServiceError);
      expect((e as ServiceError).code).toBe('invalid');
      expect(JSON.stringify({ m: (e as ServiceError).message, d: (e as ServiceError).details })).toMatch(message);
      expect(JSON.stringify({ m: (e as ServiceError).message, d: (e as ServiceError).details })).not.toContain(PASSWORD);
    }
    expect(await d.db.select().from(pipeline).where(eq(pipeline.name, 'bad-git'))).toEqual([]);
  });

  it('a file that does not validate is a 422 with positions and no pipeline', async () => {
    await git.commit({ 'ci/broken.yaml': 'steps:\n  - name: a\n    inlineScript: echo\n    bogus: 1\n' }, 'broken');
    const e = (await createPipeline(fx.users['platform-engineer'], { org: 'acme', name: 'broken', source: source({ path: 'ci/broken.yaml' }) }).catch((x: unknown) => x)) as ServiceError;
    expect(e.code).toBe('invalid');
    expect(JSON.stringify(e.details)).toMatch(/"line":4/);
    expect(await d.db.select().from(pipeline).where(eq(pipeline.name, 'broken'))).toEqual([]);
  });
});
