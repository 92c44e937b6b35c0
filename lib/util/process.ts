import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { pollUntil } from './poll';

/**
 * Whether a process with this pid exists. Signal 0 checks without sending anything; EPERM
 * means it exists but belongs to someone else — alive all the same (a lock it holds is held).
 */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A live process's argv (Linux /proc), or undefined when it is gone or unreadable. */
export function processArgv(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined;
  }
}

/**
 * Stops a helper process an earlier Gantry started and left behind when it died without stopping
 * it (kill -9, OOM): the pid file names it, `isOurs(argv)` confirms it is the process we started
 * — a pid since reused by something else is left alone. SIGTERM, SIGKILL after `graceMs`.
 * Answers the pid it stopped.
 */
export async function stopLeftover(pidFile: string, isOurs: (argv: string[]) => boolean, graceMs = 5000): Promise<number | undefined> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  await rm(pidFile, { force: true });
  const argv = Number.isInteger(pid) && pid > 0 ? processArgv(pid) : undefined;
  if (!argv || !isOurs(argv)) return undefined;
  process.kill(pid, 'SIGTERM');
  const gone = await pollUntil('a leftover process to exit', () => !isPidAlive(pid), { timeoutMs: graceMs, intervalMs: 10, maxIntervalMs: 200 }).then(
    () => true,
    () => false,
  );
  if (!gone) {
    process.kill(pid, 'SIGKILL');
    await pollUntil('a leftover process to exit', () => !isPidAlive(pid), { timeoutMs: 5000, intervalMs: 10, maxIntervalMs: 100 });
  }
  return pid;
}
