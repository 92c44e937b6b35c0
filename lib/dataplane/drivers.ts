import { keyRing } from '@/lib/crypto';
import { ServiceError } from '@/lib/errors';
import type { ContainerLimits } from './docker/hardening';
import type { DataPlaneDriver } from './types';

export interface PlaneRow {
  id: string;
  name: string;
  driver: 'docker' | 'kubernetes';
  settings: Record<string, string>;
  secretCiphertext: string | null;
}

export const planeSecretLabel = (planeId: string) => `data-plane:${planeId}`;

/**
 * One driver per data plane, created on first use. The local `docker` plane talks to
 * the engine Gantry starts (Podman's API service) or to GANTRY_DOCKER_HOST.
 */
export function createDriverFactory(opts: {
  dataDir: string;
  /** This installation's id (installation.ts): the docker driver only touches what carries it. */
  installation: string;
  dockerHost?: string;
  extraLabels?: Record<string, string>;
  /** Default limits of every container (config: GANTRY_CONTAINER_*). */
  limits?: ContainerLimits;
}) {
  const drivers = new Map<string, Promise<DataPlaneDriver>>();
  const engines: { stop(): Promise<void> }[] = [];

  async function create(plane: PlaneRow): Promise<DataPlaneDriver> {
    if (plane.driver === 'docker') {
      const { ensureEngine } = await import('./engine/podman-service');
      const { DockerDriver } = await import('./docker/driver');
      const engine = await ensureEngine({ dataDir: opts.dataDir, dockerHost: plane.settings.dockerHost ?? opts.dockerHost }).catch((e: unknown) => {
        // This message may become a deployment reason, readable by every member: no data-directory paths in it.
        if (e instanceof ServiceError) throw new ServiceError(e.code, e.message.split(opts.dataDir).join('<data dir>'), e.details);
        throw e;
      });
      engines.push(engine);
      return new DockerDriver({ socketPath: engine.socketPath, installation: opts.installation, limits: opts.limits, extraLabels: opts.extraLabels, stopTimeoutSeconds: 2 });
    }
    if (!plane.secretCiphertext) throw ServiceError.unavailable(`The data plane "${plane.name}" has no kubeconfig.`);
    const { KubernetesDriver } = await import('./kubernetes/driver');
    // An attached cluster's kubeconfig came from a user: its connections obey the egress policy.
    const { egressPolicy } = await import('@/lib/net/egress');
    return new KubernetesDriver({ kubeconfig: keyRing().decrypt(plane.secretCiphertext, planeSecretLabel(plane.id)), namespacePrefix: plane.settings.namespacePrefix, egress: egressPolicy() });
  }

  return {
    driverFor(plane: PlaneRow): Promise<DataPlaneDriver> {
      let d = drivers.get(plane.id);
      if (!d) {
        d = create(plane);
        d.catch(() => drivers.delete(plane.id));
        drivers.set(plane.id, d);
      }
      return d;
    },
    async stop() {
      // Replaced containers still draining are retired before their engine stops: a console that
      // stopped in between left them running until the component's next rollout.
      const made = await Promise.allSettled([...drivers.values()]);
      await Promise.allSettled(made.map((d) => (d.status === 'fulfilled' ? d.value.settled?.() : undefined)));
      await Promise.allSettled(engines.map((e) => e.stop()));
    },
  };
}
