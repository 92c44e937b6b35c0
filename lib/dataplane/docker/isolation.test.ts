/**
 * What containers are allowed, on real Podman: capabilities, no-new-privileges,
 * limits, one network per organisation (and no way across),
 * and installations sharing one engine without touching each other's containers.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { ISOLATION_JUMP } from '../engine/netavark-isolation';
import { ensureEngine, type EngineHandle } from '../engine/podman-service';
import type { WorkloadSpec } from '../types';
import { DockerDriver } from './driver';
import { ALLOWED_CAPABILITIES } from './hardening';
import { LABELS, projectNetworkName } from './names';

const RUN_LABEL = 'gantry.test-run';
const runId = randomUUID();
const instA = `a${runId.replace(/-/g, '').slice(0, 11)}`;
const instB = `b${runId.replace(/-/g, '').slice(0, 11)}`;
const orgA = `acme-${runId.slice(0, 6)}`;
const orgB = `globex-${runId.slice(0, 6)}`;

let dataDir: string;
let engine: EngineHandle;
let registry: TestRegistry;
let docker: Docker;
let driverA: DockerDriver;
let driverB: DockerDriver;
let image = '';

function spec(org: string, component: string, extra: Partial<WorkloadSpec> = {}): WorkloadSpec {
  return {
    identity: { org, project: 'shop', component, environment: 'development', release: 'r1' },
    type: 'service',
    image,
    pullAuth: { kind: 'none' },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    env: {},
    files: [],
    health: { timeoutSeconds: 20 },
    ...extra,
  };
}

async function containerOf(installation: string, org: string, component: string): Promise<Docker.ContainerInspectInfo> {
  const label = [`${RUN_LABEL}=${runId}`, `${LABELS.installation}=${installation}`, `${LABELS.org}=${org}`, `${LABELS.component}=${component}`];
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label }) });
  expect(list).toHaveLength(1);
  return docker.getContainer(list[0].Id).inspect();
}

/** Runs a command in a container and returns its output (stdout and stderr together). */
async function execIn(id: string, cmd: string): Promise<string> {
  const exec = await docker.getContainer(id).exec({ Cmd: ['/bin/busybox', 'sh', '-c', cmd], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  stream.on('data', (d: Buffer) => chunks.push(d));
  await new Promise((r) => stream.on('end', r));
  // Multiplexed frames: 8-byte headers before each payload.
  const all = Buffer.concat(chunks);
  let out = '';
  for (let i = 0; i + 8 <= all.length; ) {
    const size = all.readUInt32BE(i + 4);
    out += all.subarray(i + 8, i + 8 + size).toString('utf8');
    i += 8 + size;
  }
  return out;
}

const iptables = (...args: string[]) => spawnSync('iptables', ['-w', ...args], { stdio: 'ignore' });
const ipOf = (info: Docker.ContainerInspectInfo) => Object.values(info.NetworkSettings.Networks)[0].IPAddress;
/** An HTTP GET with busybox nc (its wget crashes in a static build without DNS); prints the status line or the error. */
const fetchFrom = (ip: string) => `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | /bin/busybox nc -w 3 ${ip} 8080 2>&1 | head -1`;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gantry-isolation-'));
  engine = await ensureEngine({ dataDir, dockerHost: '' });
  docker = new Docker({ socketPath: engine.socketPath });
  const labels = { [RUN_LABEL]: runId };
  driverA = new DockerDriver({ socketPath: engine.socketPath, installation: instA, extraLabels: labels, stopTimeoutSeconds: 0, limits: { memoryMiB: 256, cpus: 0.5, pids: 128 } });
  driverB = new DockerDriver({ socketPath: engine.socketPath, installation: instB, extraLabels: labels, stopTimeoutSeconds: 0 });
  registry = await startRegistry({ auth: 'anonymous' });
  const { digest } = await pushImage(await buildTestImage({ message: 'isolated' }), `${registry.host}/ns/iso:1`);
  image = `${registry.host}/ns/iso@${digest}`;
}, 120_000);

afterAll(async () => {
  if (docker) {
    const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] }) }).catch(() => []);
    await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})));
    const nets = await docker.listNetworks({ filters: JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] }) }).catch(() => []);
    await Promise.all(nets.map((n) => docker.getNetwork(n.Id).remove().catch(() => {})));
  }
  await engine?.stop();
  await registry?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('what a container is allowed', () => {
  it('runs with no-new-privileges, only the web-server capabilities, limits and its project network', async () => {
    await driverA.rollout(spec(orgA, 'web'));
    const info = await containerOf(instA, orgA, 'web');
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(info.HostConfig.Memory).toBe(256 * 1024 * 1024);
    expect(info.HostConfig.MemorySwap).toBe(256 * 1024 * 1024);
    expect(info.HostConfig.NanoCpus).toBe(500_000_000);
    expect(info.HostConfig.PidsLimit).toBe(128);
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([projectNetworkName(instA, { org: orgA, project: 'shop', environment: 'development' })]);

    // As the process inside sees it: the kernel's own word, not the engine's bookkeeping.
    const status = await execIn(info.Id, 'grep -E "^(CapEff|CapBnd|NoNewPrivs)" /proc/self/status');
    const bits = { CHOWN: 0, SETGID: 6, SETUID: 7, NET_BIND_SERVICE: 10 };
    const allowed = ALLOWED_CAPABILITIES.reduce((m, c) => m | (1n << BigInt(bits[c])), 0n);
    expect(BigInt(`0x${/CapEff:\s*([0-9a-f]+)/.exec(status)![1]}`)).toBe(allowed);
    expect(BigInt(`0x${/CapBnd:\s*([0-9a-f]+)/.exec(status)![1]}`)).toBe(allowed);
    expect(status).toMatch(/NoNewPrivs:\s*1/);
  });

  it('a container reaches its own project, not another organisation', async () => {
    await driverA.rollout(spec(orgA, 'api'));
    await driverA.rollout(spec(orgB, 'web'));
    const web = await containerOf(instA, orgA, 'web');
    const sameOrg = await containerOf(instA, orgA, 'api');
    const otherOrg = await containerOf(instA, orgB, 'web');
    expect(ipOf(otherOrg)).not.toBe('');
    expect(await execIn(web.Id, fetchFrom(ipOf(sameOrg)))).toMatch(/^HTTP\/1\.[01] 200/);
    const across = await execIn(web.Id, fetchFrom(ipOf(otherOrg)));
    expect(across).not.toMatch(/HTTP/);
    expect(across).toMatch(/timed out|refused|unreachable/i);
  });

  it("stays apart when netavark's own shared jump is gone (what any podman's teardown of an isolated network does)", async () => {
    const web = await containerOf(instA, orgA, 'web');
    const otherOrg = await containerOf(instA, orgB, 'web');
    // Do by hand what netavark 1.4 does when any isolated network on the host empties.
    while (iptables('-D', 'FORWARD', '-j', 'NETAVARK_ISOLATION_1').status === 0);
    expect(iptables('-C', 'FORWARD', '-j', 'NETAVARK_ISOLATION_1').status).not.toBe(0);
    // Gantry's commented jump, which no netavark delete matches, still leads into the isolation rules.
    expect(iptables('-C', 'FORWARD', ...ISOLATION_JUMP.split(' ')).status).toBe(0);
    const across = await execIn(web.Id, fetchFrom(ipOf(otherOrg)));
    expect(across).not.toMatch(/HTTP/);
    expect(across).toMatch(/timed out|refused|unreachable/i);
  });
});

describe('installations sharing one engine', () => {
  it('have their own containers and networks, and one never touches the other', async () => {
    const s = spec(orgA, 'twin');
    const a = (await driverA.rollout(s)).endpoints[0].url;
    const b = (await driverB.rollout(s)).endpoints[0].url;
    expect(a).not.toBe(b);
    const ca = await containerOf(instA, orgA, 'twin');
    const cb = await containerOf(instB, orgA, 'twin');
    expect(ca.Name).toContain(instA);
    expect(cb.Name).toContain(instB);
    expect(Object.keys(cb.NetworkSettings.Networks)).toEqual([projectNetworkName(instB, { org: orgA, project: 'shop', environment: 'development' })]);

    // A's cleanup of the very same identity leaves B's container running and serving.
    await driverA.remove(s.identity);
    expect(await driverA.observe(s.identity)).toMatchObject({ status: 'missing' });
    expect(await driverB.observe(s.identity)).toEqual({ status: 'running' });
    expect((await (await fetch(b)).text()).trim()).toBe('isolated');
    expect((await docker.getContainer(cb.Id).inspect()).State.Running).toBe(true);

    // And a rollout by A of the same spec does not adopt or replace B's.
    await driverA.rollout(s);
    await driverA.whenIdle(s.identity);
    expect((await docker.getContainer(cb.Id).inspect()).State.Running).toBe(true);
  });

  it('refuses an installation id that is not a short lowercase token', () => {
    expect(() => new DockerDriver({ socketPath: engine.socketPath, installation: 'Bad Id' })).toThrow(/installation id/);
  });
});
