/**
 * The Docker data-plane driver: runs workloads as containers through the
 * Docker Engine API (dockerode) over a unix socket — Podman's API service or a
 * Docker Engine.
 *
 * A rollout pulls the digest-pinned image (unless the engine has it), creates
 * a container named after the installation, identity, release and spec hash
 * (so a new config of the same release gets a container of its own), puts the
 * config files in, starts it on its project's network (and the organisation's
 * when it has an Organization or Public endpoint) under the name
 * "<component>.<project>", with the limits of hardening.ts, publishes on
 * 127.0.0.1 (engine-chosen host port) only the ports of Public endpoints (and
 * every port of a release that declares no endpoints), and health-checks the
 * published port — or, for a port that is not published, the container's
 * address on its project network. Only once the new
 * container is healthy are the component's other containers (older releases or
 * specs) stopped and removed; on any failure the new container is removed and
 * the old one keeps serving.
 *
 * Everything the driver creates carries the installation's label and name, and
 * it lists, replaces and removes only containers carrying that label: several
 * installations can share one engine.
 */
import path from 'node:path';
import { isTask } from '@/lib/component-types';
import Docker from 'dockerode';
import { ServiceError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { imageRegistryHost } from '@/lib/registries/registry-host';
import { isInsecureRegistry } from '../engine/podman-service';
import { RolloutError, type ServedPort, type WorkloadPort, type DataPlaneDriver, type JobRunner, type ObservedState, type RolloutPhase, type RolloutOptions, type RolloutResult, type WorkloadIdentity, type WorkloadSpec } from '../types';
import { engineMessage, engineRawMessage, isEngineUnreachable, isNotFound, isTransientStateConflict, oneLine, statusOf } from './engine-errors';
import { filesArchive } from './files-archive';
import { DEFAULT_LIMITS, hardenedHostConfig, type ContainerLimits } from './hardening';
import { httpProbe, tcpProbe, waitHealthy, type ExitInfo } from './health';
import { logLinesOf, streamLogLines } from './log-stream';
import { INSTALLATION_ID, LABELS, containerName, labelFilters, labelsMatch, networkAlias, orgNetworkName, projectNetworkName, specHash, workloadLabels, type ComponentIdentity } from './names';
import { ensureNetwork, removeNetworkIfUnused } from './networks';
import { PullError, imagePresent, pullImage } from './pull';
import { engineCause, redactEngineText } from './redact';
import { DockerJobRunner } from './run-job';

export interface DockerDriverOptions {
  /** Unix socket of the engine's Docker-compatible API (see ensureEngine). */
  socketPath: string;
  /** This Gantry installation's id (lib/dataplane/installation.ts): in every name and label, and required on everything the driver touches. */
  installation: string;
  /** Memory, CPU and process limits of every container; default DEFAULT_LIMITS. */
  limits?: ContainerLimits;
  /**
   * Labels put on every container this driver creates AND required on every
   * container it lists, replaces or removes: a scope, e.g. one per Gantry
   * installation sharing an engine, or one per test run.
   */
  extraLabels?: Record<string, string>;
  /** Grace period between SIGTERM and SIGKILL when stopping a replaced or removed container; default 10. */
  stopTimeoutSeconds?: number;
  /** Health-check deadline when the spec has none; default 60. */
  defaultHealthTimeoutSeconds?: number;
  /** Restart policy of service containers; default "unless-stopped" (a crash after a rollout is restarted by the engine). */
  restartPolicy?: 'no' | 'on-failure' | 'unless-stopped' | 'always';
  /** Whether pulls from a registry host may skip TLS verification; default: loopback hosts and allowInsecureRegistry() hosts. */
  insecureRegistry?: (host: string) => boolean;
  /** "compat" forces the Docker-compatible pull endpoint even on Podman; default "auto". */
  pullEndpoint?: 'auto' | 'compat';
  /** How long a TCP health-check connection must stay open to count (ms); default 0 on rootful Podman, else 100 (see tcpHoldMs). */
  tcpHoldMs?: number;
  /** How long a replaced container keeps serving after the switch before it leaves its networks and stops (ms); default 500. */
  drainMs?: number;
  /** Log lines kept in a RolloutError; default 20. */
  logLinesOnFailure?: number;
}

type ContainerState = Docker.ContainerInspectInfo;

function identityKey(identity: ComponentIdentity) {
  return JSON.stringify([identity.org, identity.project, identity.component, identity.environment]);
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

function portKey(p: { port: number; protocol: 'TCP' | 'UDP' }) {
  return `${p.port}/${p.protocol.toLowerCase()}`;
}

/** Published on the host's loopback: ports of Public endpoints, and every port of a release without declared endpoints. */
export function isPublished(p: WorkloadPort): boolean {
  return p.visibility === undefined || p.visibility === 'public';
}

/** Whether the workload joins its organisation's network: it has an Organization or Public endpoint, or connects to one. */
export function joinsOrgNetwork(spec: Pick<WorkloadSpec, 'ports' | 'organizationClient'>): boolean {
  return !!spec.organizationClient || spec.ports.some((p) => p.visibility === 'organization' || p.visibility === 'public');
}

/** How engines say a network named in a request is not there. */
const NETWORK_GONE = /network[^.]*(not found|unable to find)|no such network/i;

function exitInfo(info: ContainerState): ExitInfo | null {
  const s = info.State;
  const restarts = info.RestartCount ?? 0;
  if (s.Running && !s.Restarting && restarts === 0) return null;
  if (s.Status === 'created' || s.Status === 'configured') return null;
  const stopped = !s.Running || s.Restarting;
  return { exitCode: stopped ? s.ExitCode : null, oomKilled: !!s.OOMKilled, restarts };
}

function describeExit(exit: ExitInfo): string {
  if (exit.oomKilled) return 'The container was killed for running out of memory before it became healthy';
  const code = exit.exitCode !== null ? ` with code ${exit.exitCode}` : '';
  const again = exit.restarts > 0 ? ` (restarted ${exit.restarts} time${exit.restarts === 1 ? '' : 's'})` : '';
  return `The container exited${code} before it became healthy${again}`;
}

export class DockerDriver implements DataPlaneDriver {
  readonly kind = 'docker' as const;
  readonly socketPath: string;
  private readonly docker: Docker;
  /** The extra labels plus the installation's: put on everything created, required on everything touched. */
  private readonly extraLabels: Record<string, string>;
  private readonly installation: string;
  private readonly limits: ContainerLimits;
  private readonly networks = new Map<string, Promise<void>>();
  /** Networks a rollout or job of this process is about to attach a container to: never removed as unused meanwhile. */
  private readonly networkUsers = new Map<string, number>();
  private readonly stopTimeout: number;
  private readonly defaultHealthTimeout: number;
  private readonly restartPolicy: NonNullable<DockerDriverOptions['restartPolicy']>;
  private readonly insecure: (host: string) => boolean;
  private readonly logLines: number;
  private readonly drainMs: number;
  private engineKind?: Promise<'podman' | 'docker'>;
  private jobRunner?: JobRunner;
  /** Rollouts and removals of one (org, project, component, environment) run one at a time. */
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly cleanups = new Map<string, Promise<void>>();
  /** Containers being retired by a cleanup (draining, leaving their networks, stopping): never adopted again. */
  private readonly retiring = new Set<string>();

  constructor(private readonly opts: DockerDriverOptions) {
    this.socketPath = opts.socketPath;
    this.docker = new Docker({ socketPath: opts.socketPath });
    if (!INSTALLATION_ID.test(opts.installation ?? '')) throw new Error(`Invalid installation id "${opts.installation}".`);
    this.installation = opts.installation;
    this.extraLabels = { ...(opts.extraLabels ?? {}), [LABELS.installation]: opts.installation };
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.stopTimeout = opts.stopTimeoutSeconds ?? 10;
    this.defaultHealthTimeout = opts.defaultHealthTimeoutSeconds ?? 60;
    this.restartPolicy = opts.restartPolicy ?? 'unless-stopped';
    this.insecure = opts.insecureRegistry ?? isInsecureRegistry;
    this.logLines = opts.logLinesOnFailure ?? 20;
    this.drainMs = opts.drainMs ?? 500;
  }

  // -------------------------------------------------------------------------
  // Public API

  async ping(): Promise<{ ok: boolean; message: string }> {
    try {
      await this.docker.ping();
      const v = await this.docker.version();
      const podman = v.Components?.find((c) => /podman/i.test(c.Name));
      const name = podman ? `Podman ${podman.Version}` : `Docker Engine ${v.Version}`;
      return { ok: true, message: `${name} (API ${v.ApiVersion}) on ${this.socketPath}` };
    } catch (e) {
      return { ok: false, message: `The container engine does not answer on ${this.socketPath}: ${engineMessage(e)}` };
    }
  }

  /**
   * Resolves as soon as the new release is healthy. The containers it replaces are
   * noted at that moment and stopped afterwards, outside the identity's lock: their grace
   * period delays neither this switch nor the next rollout.
   */
  rollout(spec: WorkloadSpec, onPhase?: (phase: RolloutPhase) => void, hooks?: RolloutOptions): Promise<RolloutResult> {
    return this.serialised(spec.identity, async () => {
      const { endpoints, keepId } = await this.doRollout(spec, onPhase);
      if (keepId) {
        const replaced = await this.replacedBy(spec.identity, keepId);
        await hooks?.beforeRetire?.({ endpoints });
        this.trackCleanup(spec.identity, replaced);
      }
      return { endpoints };
    });
  }

  /** Resolves when nothing is in progress for the identity (a rollout's cleanup included). */
  async whenIdle(identity: ComponentIdentity): Promise<void> {
    await this.serialised(identity, async () => undefined);
    await this.cleanups.get(identityKey(identity));
  }

  /** Resolves once every replaced container being retired in the background is gone (or failed to go). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.cleanups.values()]);
  }

  remove(identity: ComponentIdentity): Promise<void> {
    return this.serialised(identity, async () => {
      try {
        const all = await this.listContainers(identity);
        await Promise.all(all.map((c) => this.removeContainer(c.Id, this.stopTimeout)));
      } catch (e) {
        throw this.plainFailure(e);
      }
      await this.pruneNetworks(identity);
    });
  }

  /**
   * What runs for the identity's release now: running, degraded (exited, crash-looping)
   * or missing (no container of that release). For drift detection.
   */
  async observe(identity: WorkloadIdentity): Promise<ObservedState> {
    let mine: Docker.ContainerInfo[];
    try {
      mine = (await this.listContainers(identity)).filter((c) => c.Labels[LABELS.release] === identity.release);
    } catch (e) {
      throw this.plainFailure(e);
    }
    if (!mine.length) return { status: 'missing', reason: 'No container of the active release is on the engine: it was removed outside Gantry.' };
    let last: ObservedState = { status: 'missing', reason: 'The container of the active release was removed meanwhile.' };
    for (const c of [...mine].sort((a, b) => b.Created - a.Created)) {
      const info = await this.docker
        .getContainer(c.Id)
        .inspect()
        .catch((e: unknown) => {
          if (isNotFound(e)) return null;
          throw this.plainFailure(e);
        });
      if (!info) continue;
      const s = info.State;
      if (s.Running && !s.Restarting && !s.Paused) return { status: 'running' };
      const how = s.OOMKilled ? 'was killed for running out of memory' : s.Restarting ? `is restarting after exiting with code ${s.ExitCode}` : s.Paused ? 'is paused' : `exited with code ${s.ExitCode}`;
      last = { status: 'degraded', reason: `The container of the active release ${how}${info.RestartCount ? ` (restarted ${info.RestartCount} times)` : ''}.` };
    }
    return last;
  }

  async *logs(identity: ComponentIdentity, opts: { tail?: number; follow?: boolean; signal?: AbortSignal }): AsyncIterable<string> {
    const containers = await this.listContainers(identity).catch((e) => {
      throw this.plainFailure(e);
    });
    if (!containers.length || opts.signal?.aborted) return;
    // The newest container: the serving one, or the one being rolled out.
    const newest = [...containers].sort((a, b) => b.Created - a.Created)[0];
    const container = this.docker.getContainer(newest.Id);
    const tail = opts.tail ?? 100;
    let tty: boolean;
    let body: Buffer | undefined;
    try {
      tty = !!(await container.inspect()).Config?.Tty;
      if (!opts.follow) body = (await container.logs({ stdout: true, stderr: true, tail, follow: false })) as unknown as Buffer;
    } catch (e) {
      if (isNotFound(e)) return; // removed meanwhile (replaced by a rollout)
      throw this.plainFailure(e);
    }
    if (body) {
      yield* logLinesOf(body, !tty);
      return;
    }
    let stream: NodeJS.ReadableStream;
    try {
      // With tail 0, Podman answers only once the first new line is written.
      stream = (await container.logs({ stdout: true, stderr: true, tail, follow: true, abortSignal: opts.signal })) as NodeJS.ReadableStream;
    } catch (e) {
      if (opts.signal?.aborted) return;
      throw this.plainFailure(e);
    }
    const onAbort = () => (stream as unknown as { destroy?: () => void }).destroy?.();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      yield* streamLogLines(stream as AsyncIterable<Buffer>, !tty);
    } catch (e) {
      if (!opts.signal?.aborted) throw e;
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      onAbort();
    }
  }

  /** Run-to-completion containers (tasks): see run-job.ts. */
  jobs(): JobRunner {
    this.jobRunner ??= new DockerJobRunner(this.docker, {
      extraLabels: this.extraLabels,
      socketPath: this.socketPath,
      ensureImage: (spec) => this.ensureImage(spec),
      // Task containers get what service containers get: least privilege, limits, their project's network.
      hostConfig: async (identity) => ({ NetworkMode: await this.network(projectNetworkName(this.installation, identity), identity, true), ...hardenedHostConfig(this.limits) }),
    });
    return this.jobRunner;
  }

  // -------------------------------------------------------------------------
  // Rollout

  private async doRollout(spec: WorkloadSpec, onPhase?: (phase: RolloutPhase) => void): Promise<RolloutResult & { keepId?: string }> {
    onPhase?.('pulling');
    await this.ensureImage(spec);
    if (isTask(spec.type)) return { endpoints: [] }; // tasks run later, from the pulled image

    onPhase?.('starting');
    const hash = specHash(spec);
    const name = containerName(this.installation, spec.identity, hash);
    const networks = [projectNetworkName(this.installation, spec.identity), ...(joinsOrgNetwork(spec) ? [orgNetworkName(this.installation, spec.identity)] : [])];
    // Held until the container is attached, so a concurrent cleanup of another component cannot remove them meanwhile.
    networks.forEach((n) => this.networkUsers.set(n, (this.networkUsers.get(n) ?? 0) + 1));
    try {
      return await this.startHealthyAndNamed(spec, name, hash, networks, onPhase);
    } finally {
      networks.forEach((n) => this.networkUsers.set(n, (this.networkUsers.get(n) ?? 1) - 1));
    }
  }

  private async startHealthyAndNamed(spec: WorkloadSpec, name: string, hash: string, networks: string[], onPhase?: (phase: RolloutPhase) => void): Promise<RolloutResult & { keepId?: string }> {
    const reused = await this.reusableContainer(name, spec, hash);
    const id = reused ?? (await this.createAndStart(spec, name, hash, networks));

    onPhase?.('health-checking');
    let endpoints: ReturnType<DockerDriver['endpointsOf']>;
    try {
      const info = await this.docker.getContainer(id).inspect();
      endpoints = this.endpointsOf(spec, info);
      await this.checkHealth(spec, id, endpoints, info);
    } catch (e) {
      // A container adopted from an earlier attempt is the one serving when it is the component's only container: leave that one.
      const keep = reused && (await this.listContainers(spec.identity).catch(() => [])).every((c) => c.Id === id);
      if (!keep) await this.removeContainer(id, 0).catch((err) => logger.warn({ err, id }, 'could not remove a failed container'));
      throw this.engineFailure('health-checking', e, spec);
    }

    return { endpoints: endpoints.map(({ name: n, url, networkUrl }) => ({ name: n, url, networkUrl })), keepId: id };
  }

  private async ensureImage(spec: WorkloadSpec): Promise<void> {
    // Digest-pinned references name immutable content: when the engine has it, there is nothing to pull.
    // (A tag may have moved since, so a reference without a digest is always pulled.)
    const pinned = /@sha256:[a-f0-9]{64}$/.test(spec.image);
    if (pinned && (await this.engineCall('pulling', () => imagePresent(this.docker, spec.image)))) return;
    const podman = this.opts.pullEndpoint !== 'compat' && (await this.engineCall('pulling', () => this.detectEngine())) === 'podman';
    try {
      await pullImage(this.docker, spec.image, spec.pullAuth, { podman, insecure: this.insecure(imageRegistryHost(spec.image)) });
    } catch (e) {
      if (e instanceof PullError) throw new RolloutError(e.message, 'pulling', [], e.transient);
      throw e;
    }
  }

  /** A container an earlier attempt created for this very release and spec, still running: adopt it. Anything else by that name goes. */
  private async reusableContainer(name: string, spec: WorkloadSpec, hash: string): Promise<string | null> {
    let info: ContainerState;
    try {
      info = await this.docker.getContainer(name).inspect();
    } catch (e) {
      if (isNotFound(e)) return null;
      throw this.engineFailure('starting', e, spec);
    }
    if (this.retiring.has(info.Id)) {
      // A rollback to the release an earlier rollout just replaced: its container still runs while it
      // drains, but its cleanup is about to disconnect and remove it — adopting it left the deployment
      // active with no container (or one without an address). Let it go, then make a new one.
      await this.cleanups.get(identityKey(spec.identity));
      await this.removeContainer(info.Id, 0).catch(() => undefined);
      return null;
    }
    const labels = info.Config?.Labels ?? {};
    const same = labelsMatch(labels, spec.identity, this.extraLabels) && labels[LABELS.release] === spec.identity.release && labels[LABELS.specHash] === hash;
    if (same && info.State.Running && !info.State.Restarting && !info.RestartCount) return info.Id;
    if (!labelsMatch(labels, spec.identity, this.extraLabels)) {
      throw new RolloutError(`A container named ${name} exists but does not belong to this workload; remove it and retry.`, 'starting');
    }
    await this.removeContainer(info.Id, 0);
    return null;
  }

  private async createAndStart(spec: WorkloadSpec, name: string, hash: string, networks: string[]): Promise<string> {
    return this.createOnNetworks(spec, name, hash, networks, false).catch((e) => {
      // Another process removed an empty network between our check and the create: make it again, once.
      if (e instanceof RolloutError && NETWORK_GONE.test(e.message)) return this.createOnNetworks(spec, name, hash, networks, true);
      throw e;
    });
  }

  /** Created and started on its networks, with its name there (so it reaches what it needs while it starts). */
  private async createOnNetworks(spec: WorkloadSpec, name: string, hash: string, networks: string[], recheck: boolean): Promise<string> {
    const exposed: Record<string, object> = {};
    const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    for (const p of spec.ports) {
      exposed[portKey(p)] = {};
      if (isPublished(p)) bindings[portKey(p)] = [{ HostIp: '127.0.0.1', HostPort: '' }];
    }
    // Every container takes its name "<component>.<project>" when created. Taking it only once
    // healthy (leave the network, rejoin with the name) was tried: with netavark / aardvark-dns 1.4
    // under load the name then sometimes stayed unanswered for long after the switch, and host
    // ports refused or reset in storms of rollouts. The cost of naming at creation: while the new
    // container starts, a lookup may pick it and be refused, so in-network clients retry (README).
    const namedAtCreate = true;
    const alias = networkAlias(spec.identity);
    let id: string | undefined;
    try {
      for (const n of networks) await this.network(n, spec.identity, recheck);
      const container = await this.docker.createContainer({
        name,
        Image: spec.image,
        Labels: { ...workloadLabels(spec.identity, this.extraLabels), [LABELS.specHash]: hash },
        Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
        ...(spec.command?.length ? { Entrypoint: spec.command } : {}),
        ...(spec.args?.length ? { Cmd: spec.args } : {}),
        ExposedPorts: exposed,
        HostConfig: {
          PortBindings: bindings,
          RestartPolicy: { Name: this.restartPolicy === 'no' ? '' : this.restartPolicy },
          NetworkMode: networks[0],
          ...hardenedHostConfig(this.limits),
        },
        ...(namedAtCreate ? { NetworkingConfig: { EndpointsConfig: { [networks[0]]: { Aliases: [alias] } } } } : {}),
      });
      id = container.id;
      for (const n of networks.slice(1)) await this.docker.getNetwork(n).connect({ Container: id, ...(namedAtCreate ? { EndpointConfig: { Aliases: [alias] } } : {}) });
      if (spec.files.length) await container.putArchive(filesArchive(spec.files), { path: '/' });
      await container.start();
      return id;
    } catch (e) {
      const lines = id ? await this.lastLogLines(id) : [];
      if (id) await this.removeContainer(id, 0).catch(() => {});
      if (e instanceof RolloutError) throw e;
      if (isEngineUnreachable(e)) throw this.engineFailure('starting', e, spec);
      const what = id ? 'The container could not be started' : 'The container could not be created';
      throw new RolloutError(`${what}: ${this.reasonOf(e, spec)}`, 'starting', lines, false);
    }
  }

  /**
   * A replaced container leaves: after `drainMs` (requests the gateway still had in flight to it
   * finish; the gateway already points at the new one), it leaves its networks — its name stops
   * resolving, so in-network clients go to the new container only — and is then stopped.
   */
  private async retire(id: string): Promise<void> {
    this.retiring.add(id);
    try {
      await this.retireNow(id);
    } finally {
      this.retiring.delete(id);
    }
  }

  private async retireNow(id: string): Promise<void> {
    if (this.drainMs > 0) await sleep(this.drainMs);
    const info = await this.docker.getContainer(id).inspect().catch(() => null);
    // A container publishing host ports is stopped without leaving its networks first (see createOnNetworks).
    const publishes = Object.values(info?.HostConfig?.PortBindings ?? {}).some((b) => (b as unknown[] | null)?.length);
    for (const n of publishes ? [] : Object.keys(info?.NetworkSettings?.Networks ?? {})) {
      await this.docker.getNetwork(n).disconnect({ Container: id, Force: true }).catch(() => undefined);
    }
    await this.removeContainer(id, this.stopTimeout);
  }

  /**
   * A project's or the organisation's network, created on first use. Once per process unless it
   * fails or `recheck` is set (another process's cleanup may have removed an empty network).
   */
  private network(name: string, identity: Pick<ComponentIdentity, 'org' | 'environment'>, recheck = false): Promise<string> {
    let ready = recheck ? undefined : this.networks.get(name);
    if (!ready) {
      const labels = { ...this.extraLabels, [LABELS.managed]: 'true', [LABELS.org]: identity.org, [LABELS.environment]: identity.environment };
      ready = this.detectEngine().then((kind) => ensureNetwork(this.docker, { name, podman: kind === 'podman', labels }));
      this.networks.set(name, ready);
      ready.catch(() => this.networks.delete(name));
    }
    return ready.then(() => name);
  }

  /** After containers left: removes the identity's project and organisation networks if nothing is attached to them any more. */
  private async pruneNetworks(identity: ComponentIdentity): Promise<void> {
    const labels = { ...this.extraLabels, [LABELS.managed]: 'true' };
    for (const name of [projectNetworkName(this.installation, identity), orgNetworkName(this.installation, identity)]) {
      if (this.networkUsers.get(name)) continue;
      this.networks.delete(name);
      await removeNetworkIfUnused(this.docker, name, labels).catch((err) => logger.warn({ err: { message: engineMessage(err) }, name }, 'could not remove an unused network'));
    }
  }

  /** What the engine said, fit for a reason: the cause only, no environment values, no host paths (see redact.ts). */
  private reasonOf(e: unknown, spec?: WorkloadSpec): string {
    const text = engineCause(engineRawMessage(e));
    return oneLine(redactEngineText(text, { values: spec ? Object.values(spec.env) : [], paths: [this.socketPath, path.dirname(this.socketPath)] }));
  }

  /** Each port's in-network URL, and where it is published on the host (hostPort null: not published). */
  private endpointsOf(spec: WorkloadSpec, info: ContainerState): (ServedPort & { networkUrl: string; hostPort: number | null; port: number; protocol: 'TCP' | 'UDP' })[] {
    const ports = (info.NetworkSettings?.Ports ?? {}) as Record<string, { HostIp: string; HostPort: string }[] | null>;
    return spec.ports.map((p) => {
      const scheme = p.protocol === 'UDP' ? 'udp' : 'http';
      const networkUrl = `${scheme}://${networkAlias(spec.identity)}:${p.port}`;
      if (!isPublished(p)) return { name: p.name, url: networkUrl, networkUrl, hostPort: null, port: p.port, protocol: p.protocol };
      const binding = ports[portKey(p)]?.find((b) => b.HostPort) ?? null;
      const hostPort = Number(binding?.HostPort);
      if (!binding || !Number.isInteger(hostPort) || hostPort <= 0) {
        throw new RolloutError(`The engine did not publish port ${portKey(p)} of the container.`, 'starting');
      }
      return { name: p.name, url: `${scheme}://127.0.0.1:${hostPort}`, networkUrl, hostPort, port: p.port, protocol: p.protocol };
    });
  }

  /** The container's address on its project network (the host reaches its bridges: rootful Podman, Docker Engine on Linux). */
  private projectAddress(spec: WorkloadSpec, info: ContainerState): string {
    const nets = (info.NetworkSettings?.Networks ?? {}) as Record<string, { IPAddress?: string }>;
    const ip = nets[projectNetworkName(this.installation, spec.identity)]?.IPAddress;
    if (!ip) throw new RolloutError('The engine gave the container no address on its project network.', 'starting');
    return ip;
  }

  private async checkHealth(spec: WorkloadSpec, id: string, endpoints: { port: number; hostPort: number | null; protocol: 'TCP' | 'UDP' }[], info: ContainerState): Promise<void> {
    const tcp = endpoints.find((e) => e.protocol === 'TCP');
    const timeoutSeconds = spec.health?.timeoutSeconds ?? this.defaultHealthTimeout;
    const path = spec.health?.httpPath;
    // A container that already exited has no address to probe: say how it exited, with its last lines
    // (not "no address on its project network", which sent readers to the network).
    const early = tcp && !tcp.hostPort ? exitInfo(info) : null;
    if (early) throw new RolloutError(`${describeExit(await this.exitWithCode(id, early))}.`, 'health-checking', await this.lastLogLines(id), false);
    // A published port is probed where clients of the host meet it; any other on the container's own address (no proxy there: a connect is proof).
    const [host, port, hold] = tcp?.hostPort ? ['127.0.0.1', tcp.hostPort, await this.tcpHoldMs()] : tcp ? [this.projectAddress(spec, info), tcp.port, 0] : [];
    const probe = tcp && host && port !== undefined ? (path ? httpProbe(port, path, host) : tcpProbe(port, hold, host)) : undefined;
    const containerPort = spec.ports.find((p) => p.protocol === 'TCP')?.port;
    const outcome = await waitHealthy({
      probe,
      timeoutMs: timeoutSeconds * 1000,
      exited: async () => exitInfo(await this.docker.getContainer(id).inspect()),
    });
    if (outcome.ok) return;
    const lines = await this.lastLogLines(id);
    if (outcome.reason === 'exited') throw new RolloutError(`${describeExit(await this.exitWithCode(id, outcome.exit))}.`, 'health-checking', lines, false);
    const what = path ? `No HTTP answer below 500 from GET ${path} on port ${containerPort}` : `Nothing answered on port ${containerPort}`;
    throw new RolloutError(`${what} within ${timeoutSeconds} s; check that the service listens on 0.0.0.0:${containerPort}.`, 'health-checking', lines, false);
  }

  /**
   * The engine may already have restarted a crashed container (restart policy), and a running
   * container reports exit code 0: watch the crash loop briefly for a stopped state that says
   * how it exited.
   */
  private async exitWithCode(id: string, exit: ExitInfo): Promise<ExitInfo> {
    for (let i = 0; exit.exitCode === null && i < 40; i++) {
      await sleep(50);
      const info = await this.docker.getContainer(id).inspect().catch(() => null);
      if (!info) return exit;
      const next = exitInfo(info);
      if (next && next.exitCode !== null) return next;
    }
    return exit;
  }

  /** The component's containers other than `keepId`, as they are now. */
  private async replacedBy(identity: WorkloadIdentity, keepId: string): Promise<string[]> {
    try {
      return (await this.listContainers(identity)).filter((c) => c.Id !== keepId).map((c) => c.Id);
    } catch (e) {
      logger.warn({ err: e }, 'could not list replaced containers');
      return [];
    }
  }

  /** Stops and removes replaced containers in the background. A failure does not fail the rollout: the next rollout or remove retries. */
  private trackCleanup(identity: ComponentIdentity, ids: string[]) {
    if (!ids.length) return;
    const key = identityKey(identity);
    const work = Promise.all([
      this.cleanups.get(key),
      ...ids.map((id) => this.retire(id).catch((e) => logger.warn({ err: e, id }, 'could not remove a replaced container'))),
    ])
      // A release without Organization/Public endpoints leaves the organisation's network: it may be empty now.
      .then(() => this.pruneNetworks(identity));
    this.cleanups.set(key, work);
    void work.finally(() => {
      if (this.cleanups.get(key) === work) this.cleanups.delete(key);
    });
  }

  // -------------------------------------------------------------------------
  // Engine helpers

  private async listContainers(identity: ComponentIdentity): Promise<Docker.ContainerInfo[]> {
    const list = await this.docker.listContainers({ all: true, filters: JSON.stringify({ label: labelFilters(identity, this.extraLabels) }) });
    return list.filter((c) => labelsMatch(c.Labels, identity, this.extraLabels));
  }

  /** Stop (grace `stopTimeout` seconds), then force-remove; retries while Podman reports a transient state (e.g. between restarts). */
  private async removeContainer(id: string, stopTimeout: number): Promise<void> {
    const c = this.docker.getContainer(id);
    if (stopTimeout > 0) {
      await c.stop({ t: stopTimeout }).catch((e) => {
        if (isEngineUnreachable(e)) throw e; // 304 already stopped, 404 gone, 409/500 state: remove handles it
      });
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await c.remove({ force: true, v: true });
        return;
      } catch (e) {
        if (isNotFound(e)) return;
        if (attempt < 20 && isTransientStateConflict(e)) {
          await sleep(25 * (attempt + 1));
          continue;
        }
        throw e;
      }
    }
  }

  private async lastLogLines(id: string): Promise<string[]> {
    try {
      const body = (await this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail: this.logLines, follow: false })) as unknown as Buffer;
      return logLinesOf(body).slice(-this.logLines);
    } catch {
      return [];
    }
  }

  /**
   * Rootful Podman publishes ports with DNAT rules: a connect is refused until
   * the container listens, so a bare connect is proof. Elsewhere a userland
   * proxy may accept first; then the connection must also stay open a moment.
   */
  private async tcpHoldMs(): Promise<number> {
    if (this.opts.tcpHoldMs !== undefined) return this.opts.tcpHoldMs;
    const rootful = typeof process.getuid === 'function' && process.getuid() === 0;
    const kind = await this.detectEngine().catch(() => 'docker' as const);
    return kind === 'podman' && rootful ? 0 : 100;
  }

  private detectEngine(): Promise<'podman' | 'docker'> {
    this.engineKind ??= this.docker.version().then(
      (v) => (v.Components?.some((c) => /podman/i.test(c.Name)) ? 'podman' : 'docker'),
      (e) => {
        this.engineKind = undefined;
        throw e;
      },
    );
    return this.engineKind;
  }

  /** A reason for the deployment: no host path (the socket lives in the data directory), no environment value. */
  private engineFailure(phase: RolloutPhase, e: unknown, spec?: WorkloadSpec): RolloutError {
    if (e instanceof RolloutError) return e;
    if (isEngineUnreachable(e)) {
      logger.warn({ socketPath: this.socketPath, err: { message: this.reasonOf(e, spec) } }, 'container engine unreachable');
      return new RolloutError(`The container engine is unreachable (${this.reasonOf(e, spec)}); it may be restarting.`, phase, [], true);
    }
    const status = statusOf(e);
    return new RolloutError(`The container engine failed${status ? ` (HTTP ${status})` : ''}: ${this.reasonOf(e, spec)}`, phase, [], status !== undefined && status >= 500);
  }

  private async engineCall<T>(phase: RolloutPhase, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw this.engineFailure(phase, e);
    }
  }

  /** For remove(), logs() and observe(): a ServiceError people can read, without host paths. */
  private plainFailure(e: unknown): ServiceError {
    // Logged redacted too: engine text may quote a container's environment.
    logger.warn({ socketPath: this.socketPath, err: { message: this.reasonOf(e) } }, 'container engine call failed');
    if (isEngineUnreachable(e)) return new ServiceError('unavailable', `The container engine is unreachable (${this.reasonOf(e)}); it may be restarting.`);
    return new ServiceError('unavailable', `The container engine failed: ${this.reasonOf(e)}`);
  }

  private async serialised<T>(identity: ComponentIdentity, fn: () => Promise<T>): Promise<T> {
    const key = identityKey(identity);
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(fn);
    this.locks.set(key, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === run) this.locks.delete(key);
    }
  }
}
