/**
 * The contract every data-plane driver implements. Drivers are the only code
 * that talks to an engine (Docker Engine API, Kubernetes API).
 */

export type { ComponentType } from '@/lib/component-types';
import type { ComponentType } from '@/lib/component-types';

/** Credentials a data plane uses to pull; `vendor` means "the engine's own access". */
export type PullAuth =
  | { kind: 'none' }
  | { kind: 'vendor' }
  | { kind: 'basic'; serverAddress: string; username: string; password: string };

export type NetworkVisibility = 'project' | 'organization' | 'public';

export interface WorkloadPort {
  name: string;
  port: number;
  protocol: 'TCP' | 'UDP';
  /**
   * Who may connect to this port: the widest visibility of the endpoints on it (a port no
   * endpoint names is 'project' when the release declares endpoints). Absent when the release
   * declares no endpoints at all: the docker plane then publishes it on the host's loopback, as
   * before endpoints existed.
   */
  visibility?: NetworkVisibility;
}

export interface HealthCheck {
  /** HTTP path to GET; when absent a TCP connect to the first port decides. */
  httpPath?: string;
  timeoutSeconds: number;
}

export interface FileMount {
  path: string;
  content: string;
}

/** Identity of a workload: labels are derived from it on every object a driver creates. */
export interface WorkloadIdentity {
  org: string;
  project: string;
  component: string;
  environment: string;
  /** Release id, for labels and for telling old from new during a switch. */
  release: string;
}

export interface WorkloadSpec {
  identity: WorkloadIdentity;
  type: ComponentType;
  /** Digest-pinned reference: host/repo@sha256:… */
  image: string;
  pullAuth: PullAuth;
  ports: WorkloadPort[];
  env: Record<string, string>;
  files: FileMount[];
  health?: HealthCheck;
  /** Cron expression for scheduled tasks. */
  schedule?: string;
  /** Task settings the deployment recorded (Kubernetes renders them into the CronJob / Job). */
  task?: TaskSettings;
  command?: string[];
  args?: string[];
  /**
   * Public HTTP endpoints (REST, GraphQL, WS), each served through the gateway at
   * <gateway>/<org>/<project>/<component>/<environment><context>. The docker plane's gateway is
   * Gantry's Caddy (lib/gateway); Kubernetes renders them as a Gateway API HTTPRoute.
   */
  routes?: { port: number; context: string }[];
  /**
   * Joins the organisation's network as a client although it serves nothing there: it has a
   * connection to another component's Organization or Public endpoint (docker plane).
   */
  organizationClient?: boolean;
}

export interface TaskSettings {
  /** IANA zone of the schedule. */
  timeZone?: string;
  concurrencyPolicy?: 'Forbid' | 'Allow' | 'Replace';
  startingDeadlineSeconds?: number;
  /** How long one run may take (Kubernetes: activeDeadlineSeconds). */
  timeoutSeconds?: number;
  /** A paused schedule (Kubernetes: CronJob suspend). */
  suspend?: boolean;
}

export type RolloutPhase = 'pulling' | 'starting' | 'health-checking';

/** Where one port of a workload answers. */
export interface ServedPort {
  name: string;
  /** Published on the Gantry host: http://127.0.0.1:49153; else the in-network URL (same as networkUrl). */
  url: string;
  /** How other components reach it inside the data plane: http://api.shop:8080 (docker), http://api.<ns>.svc:8080 (kubernetes). */
  networkUrl?: string;
}

export interface RolloutResult {
  endpoints: ServedPort[];
}

export class RolloutError extends Error {
  constructor(
    message: string,
    readonly phase: RolloutPhase,
    readonly lastLogLines: string[] = [],
    /** true when retrying later may succeed (engine or registry briefly unreachable). */
    readonly transient = false,
  ) {
    super(message);
    this.name = 'RolloutError';
  }
}

/** What a data plane runs for a workload's release right now (drift detection). */
export interface ObservedState {
  status: 'running' | 'degraded' | 'missing';
  /** Why it is degraded or missing, for people. */
  reason?: string;
}

export interface RolloutOptions {
  /** Who may connect: the widest network visibility among the release's endpoints (default project). */
  visibility?: 'project' | 'organization' | 'public';
  /**
   * Called once the new release is healthy and before what it replaces stops: the caller
   * makes it the active one and points the gateway at it, so no request meets a stopped
   * upstream. A throw leaves the replaced containers running (the next rollout retires them).
   */
  beforeRetire?(result: RolloutResult): Promise<void>;
}

export interface DataPlaneDriver {
  readonly kind: 'docker' | 'kubernetes';
  /** Makes the spec run, replacing whatever ran before for the same identity only after it is healthy. */
  rollout(spec: WorkloadSpec, onPhase?: (phase: RolloutPhase) => void, hooks?: RolloutOptions): Promise<RolloutResult>;
  /** Removes everything for (org, project, component, environment). */
  remove(identity: Omit<WorkloadIdentity, 'release'>): Promise<void>;
  logs(identity: Omit<WorkloadIdentity, 'release'>, opts: { tail?: number; follow?: boolean; signal?: AbortSignal }): AsyncIterable<string>;
  ping(): Promise<{ ok: boolean; message: string }>;
  /** What runs for the identity's release; drivers that cannot tell leave it out. */
  observe?(identity: WorkloadIdentity): Promise<ObservedState>;
  /** Resolves once the work a driver does after a rollout returned (retiring what it replaced) has ended. */
  settled?(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Run-to-completion work (task executions; pipeline steps next)

/** One run of a task: the workload it runs as, plus what is particular to this run. */
export interface JobRunSpec {
  workload: WorkloadSpec;
  /** Unique id of the run (the execution id): names and labels the container or Job. */
  runId: string;
  /** Arguments replacing the image's CMD (an ENTRYPOINT receives them); none keeps the CMD. */
  args: string[];
  /** The run is stopped after this long (Kubernetes: activeDeadlineSeconds). */
  timeoutSeconds: number;
  /** Named volumes (see JobRunner.createVolume) mounted into the container: pipeline steps share /workspace. */
  volumes?: { name: string; target: string }[];
  /** Labels besides the workload's (pipeline, run, step), so a restarted console can tell what a container is. */
  labels?: Record<string, string>;
  workingDir?: string;
  /** "uid:gid" the container runs as instead of the image's user (pipeline steps: non-root). Docker engine; the Kubernetes job runner does not take it. */
  user?: string;
}

export interface JobLogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** What an engine knows about a run: not there (never started or removed), prepared (created, not started), still running, or exited with a code. */
export type JobState = { state: 'absent' } | { state: 'prepared' } | { state: 'running' } | { state: 'exited'; exitCode: number };

/**
 * Runs containers to completion. `start` is idempotent per runId: after a restart the caller
 * asks `state` and, if the run is still there, follows and waits again.
 */
export interface JobRunner {
  /** Pulls if needed, creates and starts the run; a prepared run is started; a run already started for `runId` is left as it is. */
  start(spec: JobRunSpec): Promise<void>;
  /**
   * Does everything but the start (pull, create with its spec, files): a scheduled run is
   * prepared ahead of its slot so that only `start` remains at the slot. Idempotent.
   */
  prepare?(spec: JobRunSpec): Promise<void>;
  state(runId: string): Promise<JobState>;
  /** Calls `onLine` for every log line from the start, skipping the first `skip`; resolves when the log ends (the run exited) or `signal` aborts. */
  follow(runId: string, opts: { skip: number; onLine: (line: JobLogLine) => void; signal?: AbortSignal }): Promise<void>;
  /** Resolves with the exit code once the run has exited, null if it is gone; rejects when `signal` aborts. */
  wait(runId: string, signal?: AbortSignal): Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceSeconds`. */
  stop(runId: string, graceSeconds: number): Promise<void>;
  /** Removes what the run left behind (its logs are the caller's to keep). */
  remove(runId: string): Promise<void>;
  /** Reads a file (at most `maxBytes`) from the run's container, also once it exited; undefined when it is not there. */
  readFile?(runId: string, path: string, maxBytes: number): Promise<string | undefined>;
  /** Creates a labelled named volume for runs to share; one that exists is kept. `owner`: its root directory belongs to that uid/gid (for runs with `user`). */
  createVolume?(name: string, labels: Record<string, string>, opts?: { owner?: { uid: number; gid: number } }): Promise<void>;
  /** Removes a named volume; one that is gone is fine. */
  removeVolume?(name: string): Promise<void>;
}

/** A driver that can run tasks. */
export interface JobCapableDriver extends DataPlaneDriver {
  /** The runner for runs of `scope`'s component (Kubernetes keeps them in its namespace; Docker needs no scope). */
  jobs(scope: Omit<WorkloadIdentity, 'release'>): JobRunner;
}

export function canRunJobs(driver: DataPlaneDriver): driver is JobCapableDriver {
  return typeof (driver as Partial<JobCapableDriver>).jobs === 'function';
}
