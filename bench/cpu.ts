// CPU time of other processes, read from /proc: the figure a benchmark can compare on a shared,
// loaded machine, where wall-clock throughput and latency depend on what else runs. A server's
// CPU time per answered request changes little with the load average; req/s and p99 do.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** user + system CPU ms of one process (0 when it is gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14, stime 15 (1-based over the whole line).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** The pid and every descendant (tsx runs the script in a child of its own). */
export function processTree(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=']).toString().trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of rows) if (tree.has(pp) && !tree.has(p)) (tree.add(p), (grew = true));
  }
  return [...tree];
}

export interface CpuReading {
  app: Map<number, number>;
  db: Map<number, number>;
}

/**
 * Reads the CPU ms of a server's process tree and of the Postgres backends given (the server
 * runs on this machine): their CPU is part of what a request costs on Postgres, the part the
 * Node process's figure misses. A backend that exits between two readings takes its CPU with
 * it; the pools keep theirs open while a load runs.
 */
export function readCpu(rootPid: number, dbPids: number[] = [], tree = true): CpuReading {
  return {
    app: new Map((tree ? processTree(rootPid) : [rootPid]).map((p) => [p, processCpuMs(p)])),
    db: new Map(dbPids.map((p) => [p, processCpuMs(p)])),
  };
}

/** CPU ms spent between two readings, by the app's processes and by the database backends. */
export function cpuSpent(before: CpuReading, after: CpuReading): { appMs: number; dbMs: number } {
  const delta = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((sum, [pid, ms]) => sum + ms - (a.get(pid) ?? 0), 0);
  return { appMs: delta(before.app, after.app), dbMs: delta(before.db, after.db) };
}
