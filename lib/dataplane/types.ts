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

export interface WorkloadPort {
  name: string;
  port: number;
  protocol: 'TCP' | 'UDP';
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
  command?: string[];
  args?: string[];
}

export type RolloutPhase = 'pulling' | 'starting' | 'health-checking';

export interface RolloutResult {
  /** Where each port is reachable, e.g. http://127.0.0.1:49153 */
  endpoints: { name: string; url: string }[];
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

export interface DataPlaneDriver {
  readonly kind: 'docker' | 'kubernetes';
  /** Makes the spec run, replacing whatever ran before for the same identity only after it is healthy. */
  rollout(spec: WorkloadSpec, onPhase?: (phase: RolloutPhase) => void): Promise<RolloutResult>;
  /** Removes everything for (org, project, component, environment). */
  remove(identity: Omit<WorkloadIdentity, 'release'>): Promise<void>;
  logs(identity: Omit<WorkloadIdentity, 'release'>, opts: { tail?: number; follow?: boolean; signal?: AbortSignal }): AsyncIterable<string>;
  ping(): Promise<{ ok: boolean; message: string }>;
}
