/**
 * What containers are allowed, on real Podman: capabilities, no-new-privileges,
 * limits, one network per organisation (and no way across, even with netavark's own
 * isolation jump gone), and installations sharing one engine without touching each
 * other's containers.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { CHAIN_1, CHAIN_2, isolationChainAvailable, parseRules, type IsolatedNetwork } from '../engine/isolation-chain';
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

/** iptables as a plain netavark teardown or an operator would run it; resolves whether it succeeded. */
const iptables = (...args: string[]) => new Promise<boolean>((resolve) => execFile('iptables', ['-w', ...args], (err) => resolve(!err)));
const NETAVARK_JUMP = ['FORWARD', '-j', 'NETAVARK_ISOLATION_1'];

/** The networks Gantry's isolation chains have rules for. */
async function isolated(): Promise<IsolatedNetwork[]> {
  const list = (chain: string) => new Promise<string>((resolve, reject) => execFile('iptables', ['-w', '-t', 'mangle', '-S', chain], (err, out) => (err ? reject(err) : resolve(out))));
  return parseRules(`${await list(CHAIN_1)}\n${await list(CHAIN_2)}`);
}

/** The id and bridge of a network, from Podman's own API (the compat one does not name the bridge). */
function bridgeOf(name: string): Promise<IsolatedNetwork> {
  return new Promise((resolve, reject) =>
    docker.modem.dial({ path: `/v4.0.0/libpod/networks/${name}/json?`, method: 'GET', options: {}, statusCodes: { 200: true, 404: 'no such network' } }, (err, data) =>
      err ? reject(err) : resolve({ id: (data as { id: string }).id, bridge: (data as { network_interface: string }).network_interface }),
    ),
  );
}

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
});

describe.skipIf(!isolationChainAvailable())("Gantry's own isolation rules (root, iptables)", () => {
  const netA = () => projectNetworkName(instA, { org: orgA, project: 'shop', environment: 'development' });
  const netB = () => projectNetworkName(instA, { org: orgB, project: 'shop', environment: 'development' });

  it('keep organisations apart after a plain netavark teardown deleted its shared isolation jump', async () => {
    await driverA.rollout(spec(orgA, 'web'));
    await driverA.rollout(spec(orgA, 'api'));
    await driverA.rollout(spec(orgB, 'web'));
    const web = await containerOf(instA, orgA, 'web');
    const sameOrg = await containerOf(instA, orgA, 'api');
    const otherOrg = await containerOf(instA, orgB, 'web');
    expect(await isolated()).toEqual(expect.arrayContaining([await bridgeOf(netA()), await bridgeOf(netB())]));
    // What netavark 1.4 does when any isolated network's last container leaves: its jump goes, for every network on the host.
    while (await iptables('-C', ...NETAVARK_JUMP)) expect(await iptables('-D', ...NETAVARK_JUMP)).toBe(true);
    try {
      const across = await execIn(web.Id, fetchFrom(ipOf(otherOrg)));
      expect(across).not.toMatch(/HTTP/);
      expect(across).toMatch(/timed out|refused|unreachable/i);
      expect(await execIn(web.Id, fetchFrom(ipOf(sameOrg)))).toMatch(/^HTTP\/1\.[01] 200/);
    } finally {
      // Where netavark's next setup would put it: other isolated networks on the host rely on it.
      if (!(await iptables('-C', ...NETAVARK_JUMP)) && (await iptables('-S', 'NETAVARK_ISOLATION_1'))) await iptables('-I', 'FORWARD', '1', '-j', 'NETAVARK_ISOLATION_1');
    }
  });

  it('of a network go with it', async () => {
    const s = { ...spec(orgA, 'alone'), identity: { org: orgA, project: 'solo', component: 'alone', environment: 'development', release: 'r1' } };
    await driverA.rollout(s);
    const net = await bridgeOf(projectNetworkName(instA, s.identity));
    expect(await isolated()).toContainEqual(net);
    await driverA.remove(s.identity);
    await expect(bridgeOf(projectNetworkName(instA, s.identity))).rejects.toMatchObject({ statusCode: 404 });
    expect((await isolated()).filter((n) => n.id === net.id)).toEqual([]);
  });

  it('left for a network that is gone are dropped when a driver starts, the others kept', async () => {
    // What a crash between removing a network and its rules leaves: rules for an id the engine no longer has,
    // one on a bridge name no network has, one on a bridge name a live network has (reused names).
    const live = await bridgeOf(netA());
    const stale = [
      { id: randomUUID().replace(/-/g, '').padEnd(64, '0'), bridge: 'gantrytest0' },
      { id: randomUUID().replace(/-/g, '').padEnd(64, '1'), bridge: live.bridge },
    ];
    for (const n of stale) {
      const tag = ['-m', 'comment', '--comment', `gantry:${n.id}`];
      expect(await iptables('-t', 'mangle', '-A', CHAIN_2, '-o', n.bridge, ...tag, '-j', 'DROP')).toBe(true);
      expect(await iptables('-t', 'mangle', '-A', CHAIN_1, '-i', n.bridge, '!', '-o', n.bridge, ...tag, '-j', CHAIN_2)).toBe(true);
    }
    expect(await isolated()).toEqual(expect.arrayContaining(stale));

    const restarted = new DockerDriver({ socketPath: engine.socketPath, installation: instA, extraLabels: { [RUN_LABEL]: runId }, stopTimeoutSeconds: 0 });
    await restarted.rollout(spec(orgA, 'late'));
    const after = await isolated();
    expect(after.filter((n) => stale.some((s) => s.id === n.id))).toEqual([]);
    expect(after).toEqual(expect.arrayContaining([live, await bridgeOf(netB())]));
    // Still one rule each for the live network, none left from the stale one on its bridge.
    expect(after.filter((n) => n.bridge === live.bridge)).toEqual([live]);
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
