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
 * - On Podman, a user namespace: root in the container is an unprivileged
 *   host uid. Each organisation gets its own 65 536-id range (see usernsMode).
 *   Docker Engine only offers a daemon-wide userns-remap, so nothing is set there.
 */
import { createHash } from 'node:crypto';

export interface ContainerLimits {
  memoryMiB: number;
  /** CPUs, fractions allowed (0.5 = half a core). */
  cpus: number;
  /** Maximum number of processes/threads. */
  pids: number;
}

export const DEFAULT_LIMITS: ContainerLimits = { memoryMiB: 512, cpus: 1, pids: 512 };

export const ALLOWED_CAPABILITIES = ['CHOWN', 'SETGID', 'SETUID', 'NET_BIND_SERVICE'] as const;

const RANGE = 65_536;
/** Host ids below 16 × 65 536 are left to the host's own users and subuid ranges. */
const FIRST_SLOT = 16;
/** Slots up to ~2^31: far below the largest uid (2^32 − 2). */
const SLOTS = 32_000;

/**
 * Podman's "auto" user namespace with an explicit mapping of container ids
 * 0–65535 onto a host range chosen from the installation and organisation.
 * The explicit mapping works without /etc/subuid entries (rootful Podman 4.3
 * refuses plain "auto" without a "containers" range there). Two organisations
 * may share a range only by hash collision (1 in 32 000 per pair).
 */
export function usernsMode(installation: string, org: string): string {
  const n = createHash('sha256').update(JSON.stringify([installation, org])).digest().readUInt32BE(0);
  const base = (FIRST_SLOT + (n % SLOTS)) * RANGE;
  return `auto:uidmapping=0:${base}:${RANGE},gidmapping=0:${base}:${RANGE}`;
}

export function hardenedHostConfig(limits: ContainerLimits, userns: string | undefined) {
  const memory = Math.round(limits.memoryMiB * 1024 * 1024);
  return {
    SecurityOpt: ['no-new-privileges'],
    CapDrop: ['ALL'],
    CapAdd: [...ALLOWED_CAPABILITIES],
    Memory: memory,
    MemorySwap: memory,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
    ...(userns ? { UsernsMode: userns } : {}),
  };
}
