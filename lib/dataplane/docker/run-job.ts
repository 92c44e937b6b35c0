/**
 * Run-to-completion containers on the Docker Engine API (task executions). One container
 * per run, named and labelled after the run id, so a console that restarts finds it again.
 *
 * Podman 4.3 pitfalls (STACK.md): `wait` is only asked after `start`, and the exit code is
 * read from `inspect().State.ExitCode`; with no init process a PID-1 shell ignores SIGTERM,
 * so stop means a grace period, then the kill.
 */
import type Docker from 'dockerode';
import { RolloutError, type JobLogLine, type JobRunSpec, type JobRunner, type JobState } from '../types';
import { engineMessage, isEngineUnreachable, isNotFound, statusOf } from './engine-errors';
import { filesArchive, firstFileInTar } from './files-archive';
import { DockerLogLines } from './log-stream';
import { workloadLabels } from './names';

/** An inspect that raced the container's process exiting (Podman reads /proc/<pid>/… of a process that is gone). */
const EXITING_PROCESS = /\/proc\/\d+\/[^:]*: no such process/;

export const RUN_LABEL = 'gantry.run';

/** "gantry-run-<runId>": a run id is a uuid, so the name is unique and found again by it. */
export function runContainerName(runId: string) {
  return `gantry-run-${runId.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Splits a multiplexed (non-TTY) log stream into lines per stream, in arrival order. */
class StreamDemux {
  private pending: Buffer = Buffer.alloc(0);
  private readonly out = new DockerLogLines(false);
  private readonly err = new DockerLogLines(false);

  push(chunk: Buffer): JobLogLine[] {
    const lines: JobLogLine[] = [];
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const stream = this.pending[0] === 2 ? 'stderr' : 'stdout';
      for (const text of (stream === 'stderr' ? this.err : this.out).push(this.pending.subarray(8, 8 + size))) lines.push({ stream, text });
      this.pending = this.pending.subarray(8 + size);
    }
    return lines;
  }

  end(): JobLogLine[] {
    return [...this.out.end().map((text) => ({ stream: 'stdout' as const, text })), ...this.err.end().map((text) => ({ stream: 'stderr' as const, text }))];
  }
}

export class DockerJobRunner implements JobRunner {
  constructor(
    private readonly docker: Docker,
    private readonly opts: { extraLabels: Record<string, string>; ensureImage: (spec: JobRunSpec['workload']) => Promise<void>; socketPath: string; hostConfig?: (identity: JobRunSpec['workload']['identity']) => Promise<Record<string, unknown>> },
  ) {}

  async prepare(spec: JobRunSpec): Promise<void> {
    if ((await this.state(spec.runId)).state !== 'absent') return;
    await this.create(spec);
  }

  async start(spec: JobRunSpec): Promise<void> {
    const state = (await this.state(spec.runId)).state;
    if (state === 'running' || state === 'exited') return;
    // A 409 on create means another attempt created it meanwhile: start it by name (304 if that attempt did).
    const id = (state === 'absent' && (await this.create(spec))) || runContainerName(spec.runId);
    try {
      await this.docker.getContainer(id).start();
    } catch (e) {
      if (statusOf(e) === 304) return; // started by another attempt
      await this.docker.getContainer(id).remove({ force: true }).catch(() => undefined);
      throw this.failure('The task container could not be started', e);
    }
  }

  /** Creates the run's container (stopped) with its files; the container id, or undefined when another attempt created it. */
  private async create(spec: JobRunSpec): Promise<string | undefined> {
    await this.opts.ensureImage(spec.workload);
    let id: string | undefined;
    try {
      const container = await this.docker.createContainer({
        name: runContainerName(spec.runId),
        Image: spec.workload.image,
        Labels: { ...spec.labels, ...workloadLabels(spec.workload.identity, this.opts.extraLabels), [RUN_LABEL]: spec.runId },
        Env: Object.entries(spec.workload.env).map(([k, v]) => `${k}=${v}`),
        ...(spec.workload.command?.length ? { Entrypoint: spec.workload.command } : {}),
        // Arguments replace CMD; an ENTRYPOINT receives them.
        ...(spec.args.length ? { Cmd: spec.args } : {}),
        Tty: false,
        ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
        ...(spec.user ? { User: spec.user } : {}),
        HostConfig: {
          ...(await this.opts.hostConfig?.(spec.workload.identity)),
          RestartPolicy: { Name: '' },
          ...(spec.volumes?.length ? { Mounts: spec.volumes.map((v) => ({ Type: 'volume', Source: v.name, Target: v.target })) } : {}),
        },
      });
      id = container.id;
      if (spec.workload.files.length) await container.putArchive(filesArchive(spec.workload.files), { path: '/' });
      return id;
    } catch (e) {
      if (id) await this.docker.getContainer(id).remove({ force: true }).catch(() => undefined);
      if (statusOf(e) === 409 && !id) return undefined;
      throw this.failure('The task container could not be created', e);
    }
  }

  async state(runId: string): Promise<JobState> {
    let info: Docker.ContainerInspectInfo | undefined;
    for (let attempt = 1; !info; attempt++) {
      try {
        info = await this.docker.getContainer(runContainerName(runId)).inspect();
      } catch (e) {
        if (isNotFound(e)) return { state: 'absent' };
        // Podman 4.3 reads the container process's cgroup while inspecting; a process that exits
        // in that instant fails the inspect ("read /proc/<pid>/cgroup: no such process", seen in
        // CI). The container is there and about to say it exited: ask again.
        if (attempt < 3 && EXITING_PROCESS.test(engineMessage(e))) continue;
        throw this.failure('The engine could not say how the task runs', e);
      }
    }
    if (info.Config?.Labels?.[RUN_LABEL] !== runId) return { state: 'absent' };
    const s = info.State;
    if (s.Status === 'created' || s.Status === 'configured') return { state: 'prepared' };
    if (s.Running || s.Restarting || s.Status === 'initialized') return { state: 'running' };
    return { state: 'exited', exitCode: s.ExitCode };
  }

  async follow(runId: string, opts: { skip: number; onLine: (line: JobLogLine) => void; signal?: AbortSignal }): Promise<void> {
    const container = this.docker.getContainer(runContainerName(runId));
    let stream: NodeJS.ReadableStream;
    try {
      stream = (await container.logs({ stdout: true, stderr: true, follow: true, abortSignal: opts.signal })) as NodeJS.ReadableStream;
    } catch (e) {
      if (opts.signal?.aborted || isNotFound(e)) return;
      throw this.failure('The task log could not be read', e);
    }
    const onAbort = () => (stream as unknown as { destroy?: () => void }).destroy?.();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const demux = new StreamDemux();
    let seen = 0;
    const emit = (lines: JobLogLine[]) => {
      for (const l of lines) if (seen++ >= opts.skip) opts.onLine(l);
    };
    try {
      for await (const chunk of stream as AsyncIterable<Buffer | string>) emit(demux.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8')));
      emit(demux.end());
    } catch (e) {
      if (!opts.signal?.aborted) throw this.failure('The task log broke off', e);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      onAbort();
    }
  }

  async wait(runId: string, signal?: AbortSignal): Promise<number | null> {
    const container = this.docker.getContainer(runContainerName(runId));
    for (;;) {
      if (signal?.aborted) throw new Error('aborted');
      const s = await this.state(runId);
      if (s.state === 'absent') return null;
      if (s.state === 'exited') return s.exitCode;
      // Asked after start only; its answer is not trusted (Podman 4.3), the next inspect decides.
      const asked = Date.now();
      await container.wait({ abortSignal: signal } as object).catch(() => undefined);
      if (Date.now() - asked < 50) await sleep(100);
    }
  }

  async stop(runId: string, graceSeconds: number): Promise<void> {
    try {
      await this.docker.getContainer(runContainerName(runId)).stop({ t: graceSeconds });
    } catch (e) {
      const status = statusOf(e);
      if (status === 304 || status === 404) return; // already stopped, or gone
      if (isEngineUnreachable(e)) throw this.failure('The task could not be stopped', e);
      // Podman may answer 500 when the grace ran out and it killed: the state says what happened.
      if ((await this.state(runId)).state === 'running') throw this.failure('The task could not be stopped', e);
    }
  }

  async remove(runId: string): Promise<void> {
    try {
      await this.docker.getContainer(runContainerName(runId)).remove({ force: true, v: true });
    } catch (e) {
      if (!isNotFound(e)) throw this.failure('The task container could not be removed', e);
    }
  }

  async readFile(runId: string, path: string, maxBytes: number): Promise<string | undefined> {
    let tar: Buffer;
    try {
      // The archive API works on exited containers: outputs are read after the step ended.
      const stream = (await this.docker.getContainer(runContainerName(runId)).getArchive({ path })) as NodeJS.ReadableStream;
      const parts: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        // The tar adds headers and padding around the file: allow for them before cutting off.
        if (size > maxBytes + 64 * 1024) throw new RolloutError(`The file ${path} is larger than ${maxBytes} bytes.`, 'starting');
        parts.push(chunk);
      }
      tar = Buffer.concat(parts);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw this.failure(`The file ${path} could not be read`, e);
    }
    const file = firstFileInTar(tar);
    if (file === undefined) return undefined;
    if (file.length > maxBytes) throw new RolloutError(`The file ${path} is larger than ${maxBytes} bytes.`, 'starting');
    return file.toString('utf8');
  }

  async createVolume(name: string, labels: Record<string, string>, opts: { owner?: { uid: number; gid: number } } = {}): Promise<void> {
    try {
      await this.docker.getVolume(name).inspect();
      return;
    } catch (e) {
      if (!isNotFound(e)) throw this.failure('The volume could not be inspected', e);
    }
    try {
      // Podman's local driver takes uid/gid in `o` and chowns the volume's directory (rootful Podman).
      const DriverOpts = opts.owner ? { o: `uid=${opts.owner.uid},gid=${opts.owner.gid}` } : undefined;
      await this.docker.createVolume({ Name: name, Labels: { ...labels, ...this.opts.extraLabels }, ...(DriverOpts ? { DriverOpts } : {}) });
    } catch (e) {
      if (statusOf(e) !== 409) throw this.failure('The volume could not be created', e);
    }
  }

  async removeVolume(name: string): Promise<void> {
    // A volume still referenced by a container being removed answers 409 for a moment.
    for (let i = 0; ; i++) {
      try {
        await this.docker.getVolume(name).remove({ force: true });
        return;
      } catch (e) {
        if (isNotFound(e)) return;
        if (statusOf(e) !== 409 || i >= 20) throw this.failure('The volume could not be removed', e);
        await sleep(250);
      }
    }
  }

  private failure(what: string, e: unknown): Error {
    if (e instanceof RolloutError) return e;
    if (isEngineUnreachable(e)) return new RolloutError(`The container engine is unreachable on ${this.opts.socketPath} (${engineMessage(e)}).`, 'starting', [], true);
    return new RolloutError(`${what}: ${engineMessage(e)}`, 'starting', [], (statusOf(e) ?? 0) >= 500);
  }
}
