/**
 * Run-to-completion work on a Kubernetes plane: one Job per run (Run Now / Run with
 * Arguments), applied with server-side apply through the driver's client. Its pod's log is
 * followed, its status and the container's exit code read back; Stop deletes the Job (its pod
 * gets the pod's termination grace). A run is found again by its id after a restart: the Job
 * is named and labelled after it, in the component's namespace.
 */
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { RolloutError, type JobLogLine, type JobRunSpec, type JobRunner, type JobState, type WorkloadIdentity } from '../types';
import { describeApiError } from './api-errors';
import type { KubeApi } from './client';
import { namespaceName } from './names';
import { RUN_LABEL, jobRunSuffix, renderTaskRunJob, taskRunJobName, type RenderOptions } from './render';
import { CONTAINER_NAME } from './render-pod';

export interface KubernetesJobsOptions {
  api: () => Promise<KubeApi>;
  /** The component (and environment) the runs belong to: it names their namespace. */
  scope: Omit<WorkloadIdentity, 'release'>;
  namespacePrefix: string;
  render?: Pick<RenderOptions, 'registries' | 'jobTtlSeconds'>;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The run's container's exit code, once it terminated. */
function exitCodeOf(pods: V1Pod[]): number | undefined {
  for (const p of pods) {
    const c = p.status?.containerStatuses?.find((s) => s.name === CONTAINER_NAME);
    const code = c?.state?.terminated?.exitCode ?? c?.lastState?.terminated?.exitCode;
    if (code !== undefined) return code;
  }
  return undefined;
}

function finished(job: V1Job): 'Complete' | 'Failed' | undefined {
  const c = job.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.type as 'Complete' | 'Failed' | undefined;
}

export class KubernetesJobRunner implements JobRunner {
  private readonly namespace: string;
  private readonly pollMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: KubernetesJobsOptions) {
    this.namespace = namespaceName(opts.scope, opts.namespacePrefix);
    this.pollMs = opts.pollMs ?? 1000;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private suffix(runId: string) {
    return jobRunSuffix({ identity: { release: '' } } as JobRunSpec['workload'], runId);
  }

  /** The Job's name for a run id. */
  jobName(runId: string) {
    return taskRunJobName(this.opts.scope.component, this.suffix(runId));
  }

  private pods(runId: string) {
    return this.call('list the pods of the task run', async (api) => api.listPods(this.namespace, `job-name=${this.jobName(runId)}`));
  }

  async start(spec: JobRunSpec): Promise<void> {
    const objects = renderTaskRunJob(spec.workload, spec, { ...this.opts.render, namespacePrefix: this.opts.namespacePrefix });
    const api = await this.call('reach the Kubernetes API', (a) => Promise.resolve(a));
    for (const object of objects) {
      try {
        await api.apply(object);
      } catch (e) {
        const d = describeApiError(e);
        const what = `${object.kind} "${object.metadata.name}"`;
        throw new RolloutError(d.status ? `Kubernetes did not accept ${what}: ${d.message}.` : `Could not apply ${what}: ${d.message}.`, 'starting', [], d.transient);
      }
    }
  }

  async state(runId: string): Promise<JobState> {
    const job = await this.call('read the task Job', (api) => api.readJob(this.namespace, this.jobName(runId)));
    if (!job) return { state: 'absent' };
    const done = finished(job);
    if (!done) return { state: 'running' };
    const code = exitCodeOf(await this.pods(runId));
    // A Job stopped by its deadline has no exit code of its own: report it as killed.
    return { state: 'exited', exitCode: code ?? (done === 'Complete' ? 0 : 137) };
  }

  async follow(runId: string, opts: { skip: number; onLine: (line: JobLogLine) => void; signal?: AbortSignal }): Promise<void> {
    // The pod appears once the Job controller made it; its log once the container started (or ended).
    let pod: string | undefined;
    while (!opts.signal?.aborted) {
      const pods = await this.pods(runId);
      const p = pods.find((x) => x.status?.phase && x.status.phase !== 'Pending') ?? pods.find((x) => x.status?.containerStatuses?.some((c) => c.state?.terminated));
      if (p?.metadata?.name) {
        pod = p.metadata.name;
        break;
      }
      if ((await this.state(runId)).state !== 'running') return;
      await this.sleep(this.pollMs);
    }
    if (!pod || opts.signal?.aborted) return;
    const out = new PassThrough();
    out.on('error', () => {});
    const controller = await this.call('read the task log', (api) => api.streamLog(this.namespace, pod!, CONTAINER_NAME, out, { follow: true }));
    const stop = () => {
      controller.abort();
      out.end();
    };
    opts.signal?.addEventListener('abort', stop, { once: true });
    let seen = 0;
    try {
      // The pod log interleaves stdout and stderr; Kubernetes does not tell them apart.
      for await (const text of createInterface({ input: out, crlfDelay: Infinity })) if (seen++ >= opts.skip) opts.onLine({ stream: 'stdout', text });
    } finally {
      opts.signal?.removeEventListener('abort', stop);
      stop();
    }
  }

  async wait(runId: string, signal?: AbortSignal): Promise<number | null> {
    for (;;) {
      if (signal?.aborted) throw new Error('aborted');
      const s = await this.state(runId);
      if (s.state === 'absent') return null;
      if (s.state === 'exited') return s.exitCode;
      await this.sleep(this.pollMs);
    }
  }

  /**
   * Deletes the Job (and, in the background, its pod: SIGTERM, then SIGKILL after the pod's
   * terminationGracePeriodSeconds — the cluster's grace, not `_graceSeconds`).
   */
  async stop(runId: string, _graceSeconds?: number): Promise<void> {
    await this.call('delete the task Job', (api) => api.deleteAll(this.namespace, 'batch/v1', 'Job', `${RUN_LABEL}=${this.suffix(runId)}`));
  }

  async remove(runId: string): Promise<void> {
    await this.stop(runId, 0);
  }

  private async call<T>(what: string, fn: (api: KubeApi) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.opts.api());
    } catch (e) {
      if (e instanceof RolloutError) throw e;
      const d = describeApiError(e);
      throw new RolloutError(`Could not ${what}: ${d.message}.`, 'starting', [], d.transient);
    }
  }
}
