/**
 * What a workload container is allowed: the HostConfig fields the Docker
 * driver puts on every container it creates.
 *
 * - `no-new-privileges`: a setuid binary in the image cannot gain privileges.
 * - Every capability dropped except those a web server needs:
 *   NET_BIND_SERVICE (listen on a port below 1024, e.g. nginx on 80),
 *   SETUID/SETGID (servers that start as root and switch to an unprivileged
 *   user, as nginx, Apache and most official images do), CHOWN (their
 *   entrypoints chown cache/temp directories to that user at start).
 *   Gone from the engine's default set: DAC_OVERRIDE, FOWNER, FSETID, KILL,
 *   MKNOD, NET_RAW, SETFCAP, SETPCAP, SYS_CHROOT, AUDIT_WRITE.
 * - Memory (no swap on top), CPU and process-count limits.
 *
 * No user namespace (yet): over the Docker-compatible API, rootful Podman 4.3
 * offers only `UsernsMode: "auto"` (plain "auto" also needs a "containers"
 * range in /etc/subuid; "auto:uidmapping=…" works without). Tried: it ran
 * busybox images fine, but "auto" allocation takes storage-wide locks
 * (userns.lock, then the layer and image locks) and under concurrent rollouts
 * the engine deadlocked (observed with lslocks: the API service held them while
 * waiting on a container lock; every other podman process waited for storage).
 * Fixed id mappings need Podman's own create endpoint (idmappings), which the
 * driver does not use yet. Docker Engine only has a daemon-wide userns-remap.
 */
export interface ContainerLimits {
  memoryMiB: number;
  /** CPUs, fractions allowed (0.5 = half a core). */
  cpus: number;
  /** Maximum number of processes/threads. */
  pids: number;
}

export const DEFAULT_LIMITS: ContainerLimits = { memoryMiB: 512, cpus: 1, pids: 512 };

export const ALLOWED_CAPABILITIES = ['CHOWN', 'SETGID', 'SETUID', 'NET_BIND_SERVICE'] as const;

export function hardenedHostConfig(limits: ContainerLimits) {
  const memory = Math.round(limits.memoryMiB * 1024 * 1024);
  return {
    SecurityOpt: ['no-new-privileges'],
    CapDrop: ['ALL'],
    CapAdd: [...ALLOWED_CAPABILITIES],
    Memory: memory,
    MemorySwap: memory,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
  };
}
