/**
 * The managed Podman API service: started for a data dir, restarted when it
 * dies, replaced when left over by an earlier run, stopped cleanly; connecting
 * to an existing socket; plain-HTTP registries through registries.conf.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { buildTestImage, podman, pushImage } from '@/lib/testing/images';
import { isPidAlive } from '@/lib/util/process';
import { DockerDriver } from '../docker/driver';
import { RolloutError } from '../types';
import { pingSocket } from './engine-socket';
import { findNetavark } from './netavark-isolation';
import { allowInsecureRegistry, containersConfPath, ensureEngine, findPodman, isInsecureRegistry, type EngineHandle } from './podman-service';

const runId = randomUUID();
const dirs: string[] = [];
const handles: EngineHandle[] = [];

async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'gantry-engine-'));
  dirs.push(d);
  return d;
}

afterAll(async () => {
  for (const h of handles) await h.stop().catch(() => {});
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('ensureEngine: managed podman service', () => {
  let dataDir: string;
  let engine: EngineHandle;

  beforeAll(async () => {
    dataDir = await tempDir();
    process.env.GANTRY_TEST_ONLY_SECRET = 'must-not-reach-the-engine';
    try {
      engine = await ensureEngine({ dataDir, dockerHost: '' });
    } finally {
      delete process.env.GANTRY_TEST_ONLY_SECRET;
    }
    handles.push(engine);
  });

  it('starts podman system service on <dataDir>/podman.sock with the project settings', async () => {
    expect(engine.managed).toBe(true);
    expect(engine.socketPath).toBe(path.join(dataDir, 'podman.sock'));
    expect(await pingSocket(engine.socketPath)).toBe(true);
    const pid = engine.pid()!;
    const environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
    // As root with netavark, the engine reads the project's settings through a copy in its data
    // directory that points netavark at the isolation-keeping wrapper (netavark-isolation.ts).
    const isolating = !!findNetavark() && process.getuid?.() === 0;
    const conf = isolating ? path.join(dataDir, 'containers.conf') : containersConfPath();
    expect(environ).toContain(`CONTAINERS_CONF=${conf}`);
    if (isolating) expect(await readFile(conf, 'utf8')).toMatch(/helper_binaries_dir = \["[^"]*engine-helpers"/);
    expect(environ).toContain(`CONTAINERS_REGISTRIES_CONF=${path.join(dataDir, 'registries.conf')}`);
    expect(environ.filter((e) => e.startsWith('GANTRY_'))).toEqual([]);
    expect(await readFile(path.join(dataDir, 'podman.pid'), 'utf8')).toBe(`${pid}\n`);
    expect(await readFile(containersConfPath(), 'utf8')).toMatch(/runtime = "runc"[\s\S]*cgroup_manager = "cgroupfs"/);
    // Asking again for the same data dir gives the same service.
    const again = await ensureEngine({ dataDir, dockerHost: '' });
    expect(again.socketPath).toBe(engine.socketPath);
    expect(again.pid()).toBe(pid);
  });

  it('restarts the service when it dies', async () => {
    const first = engine.pid()!;
    process.kill(first, 'SIGKILL');
    await waitFor('a new podman service', async () => engine.pid() !== first && (await pingSocket(engine.socketPath)), { timeoutMs: 30_000 });
    expect(isPidAlive(first)).toBe(false);
    const driver = new DockerDriver({ socketPath: engine.socketPath, installation: 'enginetest' });
    expect((await driver.ping()).ok).toBe(true);
  });

  it('connects to an existing socket without starting anything (GANTRY_DOCKER_HOST)', async () => {
    const external = await ensureEngine({ dataDir: '/nonexistent', dockerHost: `unix://${engine.socketPath}` });
    expect(external).toMatchObject({ socketPath: engine.socketPath, managed: false });
    const plain = await ensureEngine({ dataDir: '/nonexistent', dockerHost: engine.socketPath });
    expect(plain.socketPath).toBe(engine.socketPath);
  });

  it('stop() ends the service and removes its socket; containers are not its children', async () => {
    const pid = engine.pid()!;
    await engine.stop();
    expect(isPidAlive(pid)).toBe(false);
    expect(existsSync(engine.socketPath)).toBe(false);
    expect(existsSync(path.join(dataDir, 'podman.pid'))).toBe(false);
  });
});

describe('ensureEngine: errors a person can act on', () => {
  it('says how to install podman when it is missing', async () => {
    const saved = process.env.GANTRY_PODMAN_BIN;
    process.env.GANTRY_PODMAN_BIN = '/nonexistent/podman';
    try {
      expect(findPodman()).toBeNull();
      await expect(ensureEngine({ dataDir: await tempDir(), dockerHost: '' })).rejects.toThrow(
        'Podman is not installed (no podman program on PATH): install podman (apt-get install -y podman runc) or set GANTRY_DOCKER_HOST',
      );
    } finally {
      if (saved === undefined) delete process.env.GANTRY_PODMAN_BIN;
      else process.env.GANTRY_PODMAN_BIN = saved;
    }
  });

  it('says when nothing answers on GANTRY_DOCKER_HOST, and refuses TCP hosts', async () => {
    const dir = await tempDir();
    await expect(ensureEngine({ dataDir: dir, dockerHost: `unix://${dir}/none.sock`, readyTimeoutMs: 200 })).rejects.toThrow(
      `No container engine answers on ${dir}/none.sock (GANTRY_DOCKER_HOST)`,
    );
    await expect(ensureEngine({ dataDir: dir, dockerHost: 'tcp://10.0.0.1:2375' })).rejects.toThrow(/use a unix socket of an engine on this machine/);
  });

  it('replaces a service left over by an earlier run that died without stopping it', async () => {
    const dataDir = await tempDir();
    const socketPath = path.join(dataDir, 'podman.sock');
    // What a crashed Gantry leaves behind: a running service and its pid file.
    const orphan = spawn(findPodman()!, ['system', 'service', '--time=0', `unix://${socketPath}`], {
      env: { ...process.env, CONTAINERS_CONF: containersConfPath() },
      stdio: 'ignore',
    });
    try {
      await writeFile(path.join(dataDir, 'podman.pid'), `${orphan.pid}\n`);
      await waitFor('orphan service', () => pingSocket(socketPath));
      const engine = await ensureEngine({ dataDir, dockerHost: '' });
      handles.push(engine);
      expect(engine.pid()).not.toBe(orphan.pid);
      await waitFor('orphan gone', async () => orphan.exitCode !== null || orphan.signalCode !== null);
      expect(await pingSocket(engine.socketPath)).toBe(true);
      await engine.stop();
    } finally {
      if (orphan.exitCode === null && orphan.signalCode === null) orphan.kill('SIGKILL');
    }
  });
});

describe('plain-HTTP registries', () => {
  let registry: TestRegistry;
  let dataDir: string;
  let engine: EngineHandle;
  const creds = { username: 'u', password: 'p' };
  const runLabel = { 'gantry.test-run': runId };

  beforeAll(async () => {
    dataDir = await tempDir();
    engine = await ensureEngine({ dataDir, dockerHost: '' });
    handles.push(engine);
    registry = await startRegistry({ auth: 'basic', ...creds });
  });

  afterAll(async () => {
    const docker = new Docker({ socketPath: engine.socketPath });
    const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`gantry.test-run=${runId}`] }) }).catch(() => []);
    await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => {})));
    const nets = await docker.listNetworks({ filters: JSON.stringify({ label: [`gantry.test-run=${runId}`] }) }).catch(() => []);
    await Promise.all(nets.map((n) => docker.getNetwork(n.Id).remove().catch(() => {})));
    await engine.stop();
    await registry.stop();
  });

  it('loopback hosts count as insecure; others only once allowed', async () => {
    expect(isInsecureRegistry('127.0.0.1:5000')).toBe(true);
    expect(isInsecureRegistry('localhost:5000')).toBe(true);
    expect(isInsecureRegistry('registry.internal:5000')).toBe(false);
    await allowInsecureRegistry('registry.internal:5000');
    expect(isInsecureRegistry('registry.internal:5000')).toBe(true);
    await expect(allowInsecureRegistry('evil"\n[[registry]]')).rejects.toThrow(/is not a registry host/);
  });

  it('the compat pull endpoint works once allowInsecureRegistry wrote registries.conf and the service reloaded it', async () => {
    const local = await buildTestImage({ message: `unique insecure ${runId}` });
    const { digest } = await pushImage(local, `${registry.host}/ns/plain:1`, creds);
    const image = `${registry.host}/ns/plain@${digest}`;
    const driver = new DockerDriver({ socketPath: engine.socketPath, installation: `e${runId.slice(0, 8)}`, pullEndpoint: 'compat', extraLabels: runLabel, stopTimeoutSeconds: 0 });
    const spec = {
      identity: { org: 'o', project: 'p', component: `plain-${runId.slice(0, 6)}`, environment: 'dev', release: 'r1' },
      type: 'service' as const,
      image,
      pullAuth: { kind: 'basic' as const, serverAddress: registry.host, ...creds },
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' as const }],
      env: {},
      files: [],
      health: { timeoutSeconds: 20 },
    };
    try {
      const e = await driver.rollout(spec).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(RolloutError);
      expect((e as RolloutError).message).toMatch(/^Pull failed: the registry 127\.0\.0\.1:\d+ speaks plain HTTP/);

      await allowInsecureRegistry(registry.host);
      const conf = await readFile(path.join(dataDir, 'registries.conf'), 'utf8');
      expect(conf).toContain(`[[registry]]\nlocation = "${registry.host}"\ninsecure = true\n`);
      expect(conf).toContain('location = "registry.internal:5000"'); // allowed in the test before

      const { endpoints } = await driver.rollout(spec);
      expect(endpoints[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await driver.remove(spec.identity);
    } finally {
      await podman(['rmi', image]).catch(() => {});
      await podman(['rmi', local]).catch(() => {});
    }
  });
});
