import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { ServiceError } from '@/lib/errors';
import { startGitServer, type TestGitServer } from '@/lib/testing/git-server';
import { checkoutRepository, fetchPipelineYaml, openGitCredentials, sealGitCredentials } from '.';

const PASSWORD = 'ghp_s3cret-Token-Value-42';
const loopbackOnly = { loopback: true, private: false };
let server: TestGitServer;
let tmpRoot: string;

beforeAll(async () => {
  server = await startGitServer({ username: 'robot', password: PASSWORD });
  tmpRoot = await mkdtemp(path.join(os.tmpdir(), 'gantry-git-test-'));
  await server.commit({ 'pipelines/build.yaml': 'steps:\n  - name: one\n    inlineScript: echo 1\n', 'README.md': 'hello\n' }, 'first');
}, 30_000);

afterAll(async () => {
  await server?.stop();
  if (tmpRoot) await rm(tmpRoot, { recursive: true, force: true });
});

const creds = { username: 'robot', password: PASSWORD };
const source = () => ({ url: server.url, branch: 'main', path: 'pipelines/build.yaml' });

async function failure(p: Promise<unknown>): Promise<ServiceError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ServiceError);
  return e as ServiceError;
}

describe('fetchPipelineYaml against a real git http-backend with Basic auth', () => {
  it('reads the file at the branch head and its commit; a new commit gives a different sha', async () => {
    const first = await fetchPipelineYaml(source(), creds, { policy: loopbackOnly, tmpRoot });
    expect(first.yaml).toContain('inlineScript: echo 1');
    expect(first.commit).toMatch(/^[0-9a-f]{40}$/);

    const sha = await server.commit({ 'pipelines/build.yaml': 'steps:\n  - name: two\n    inlineScript: echo 2\n' }, 'second');
    const second = await fetchPipelineYaml(source(), creds, { policy: loopbackOnly, tmpRoot });
    expect(second.commit).toBe(sha);
    expect(second.commit).not.toBe(first.commit);
    expect(second.yaml).toContain('echo 2');
    // The temp dirs were removed.
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  it('a wrong password is a clear error that carries no secret', async () => {
    const e = await failure(fetchPipelineYaml(source(), { username: 'robot', password: 'wrong-password-123' }, { policy: loopbackOnly, tmpRoot }));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/refused the credentials/);
    expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain('wrong-password-123');
    const noCreds = await failure(fetchPipelineYaml(source(), undefined, { policy: loopbackOnly, tmpRoot }));
    expect(noCreds.message).toMatch(/needs credentials/);
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  it('sends the password only in the Authorization header: never in argv, URLs or .git/config', async () => {
    // A wrapper around the real git that records its argv and the repository's config file.
    const record = path.join(tmpRoot, '..', `git-record-${process.pid}.log`);
    const wrapper = path.join(os.tmpdir(), `gantry-git-wrapper-${process.pid}.sh`);
    await writeFile(wrapper, `#!/bin/sh\nprintf '%s\\n' "ARGV: $*" >> '${record}'\n[ -f .git/config ] && cat .git/config >> '${record}'\nexec git "$@"\n`);
    await chmod(wrapper, 0o755);
    try {
      const got = await fetchPipelineYaml(source(), creds, { policy: loopbackOnly, tmpRoot, gitBinary: wrapper });
      expect(got.yaml).toContain('steps:');
      const log = await readFile(record, 'utf8');
      expect(log).toContain('ARGV: fetch');
      expect(log).toContain('[core]'); // the config file was captured…
      const basic = Buffer.from(`robot:${PASSWORD}`).toString('base64');
      expect(log).not.toContain(PASSWORD); // …and holds no secret, nor does any argv
      expect(log).not.toContain(basic);
      const seen = server.requests.filter((r) => r.authorization === `Basic ${basic}`);
      expect(seen.length).toBeGreaterThan(0);
      expect(server.requests.some((r) => r.url.includes(PASSWORD) || r.url.includes('robot'))).toBe(false);
    } finally {
      await rm(record, { force: true });
      await rm(wrapper, { force: true });
    }
  });

  it('names a missing branch, a missing file and a non-repository', async () => {
    const branch = await failure(fetchPipelineYaml({ ...source(), branch: 'nope' }, creds, { policy: loopbackOnly, tmpRoot }));
    expect(branch.details?.fields).toEqual({ branch: 'No such branch.' });
    const file = await failure(fetchPipelineYaml({ ...source(), path: 'missing.yaml' }, creds, { policy: loopbackOnly, tmpRoot }));
    expect(file.details?.fields).toHaveProperty('path');
    const dir = await failure(fetchPipelineYaml({ ...source(), path: 'pipelines' }, creds, { policy: loopbackOnly, tmpRoot }));
    expect(dir.message).toMatch(/not a regular file/);
    const repo = await failure(fetchPipelineYaml({ ...source(), url: server.url.replace('repo.git', 'other.git') }, creds, { policy: loopbackOnly, tmpRoot }));
    expect(repo.details?.fields).toHaveProperty('url');
  });

  it('refuses bad URLs before running anything', async () => {
    const before = server.requests.length;
    const cases: [string, RegExp][] = [
      ['file:///etc', /file:\/\/ is refused/],
      ['ssh://git@example.com/a/b.git', /ssh:\/\/ is refused/],
      ['git://example.com/a/b.git', /git:\/\/ is refused/],
      [`http://robot:${PASSWORD}@127.0.0.1:${server.port}/repo.git`, /Remove the credentials from the URL/],
      ['not a url', /full URL/],
      ['https://169.254.169.254/latest/meta-data', /Could not connect/],
      ['http://93.184.216.34/a.git', /https/], // public, but plain http,
    ];
    for (const [url, message] of cases) {
      const e = await failure(fetchPipelineYaml({ ...source(), url }, creds, { policy: loopbackOnly, tmpRoot }));
      expect(e.message, url).toMatch(message);
      expect(e.message).not.toContain(PASSWORD);
    }
    // Loopback refused by the policy: same "could not connect", no request reaches the server.
    const refused = await failure(fetchPipelineYaml(source(), creds, { policy: { loopback: false, private: false }, tmpRoot }));
    expect(refused.code).toBe('unavailable');
    // A name that resolves to loopback is checked after DNS like a literal address.
    const named = await failure(fetchPipelineYaml({ ...source(), url: server.url.replace('127.0.0.1', 'localhost') }, creds, { policy: { loopback: false, private: false }, tmpRoot }));
    expect(named.code).toBe('unavailable');
    expect(server.requests.length).toBe(before);
    for (const [field, value] of [
      ['branch', '--upload-pack=touch /tmp/x'],
      ['branch', 'a..b'],
      ['path', '../etc/passwd'],
      ['path', '/etc/passwd'],
    ]) {
      const e = await failure(fetchPipelineYaml({ ...source(), [field]: value }, creds, { policy: loopbackOnly, tmpRoot }));
      expect(e.details?.fields).toHaveProperty(field);
    }
  });

  it('times out a server that never answers, and removes its temp dir', async () => {
    const net = await import('node:net');
    const silent = net.createServer(() => {
      /* accept and say nothing */
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const e = await failure(fetchPipelineYaml({ ...source(), url: `http://127.0.0.1:${port}/repo.git` }, creds, { policy: loopbackOnly, tmpRoot, timeoutMs: 1500 }));
      expect(e.message).toMatch(/did not answer within 2 s/);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await readdir(tmpRoot)).toEqual([]);
    } finally {
      silent.close();
    }
  });

  it('checks a branch out into a directory, without Git metadata', async () => {
    const target = path.join(tmpRoot, '..', `checkout-${process.pid}`);
    try {
      const commit = await checkoutRepository({ url: server.url, branch: 'main' }, creds, target, { policy: loopbackOnly, tmpRoot });
      expect(commit).toMatch(/^[0-9a-f]{40}$/);
      expect((await readdir(target)).sort()).toEqual(['README.md', 'pipelines']);
      expect(await readFile(path.join(target, 'pipelines/build.yaml'), 'utf8')).toContain('steps:');
    } finally {
      await rm(target, { recursive: true, force: true });
    }
  });
});

describe('git credentials at rest', () => {
  it('are sealed with the key ring, bound to their owner', () => {
    setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
    const sealed = sealGitCredentials('p1', creds);
    expect(sealed).not.toContain(PASSWORD);
    expect(openGitCredentials('p1', sealed)).toEqual(creds);
    expect(() => openGitCredentials('p2', sealed)).toThrow();
    expect(openGitCredentials('p1', null)).toBeUndefined();
  });
});
