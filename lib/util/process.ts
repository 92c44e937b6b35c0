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
