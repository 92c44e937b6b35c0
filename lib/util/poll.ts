/**
 * Polls `check` until it returns a truthy value (which is returned), the deadline passes, or
 * `abort` names a reason to stop. The one poll-until loop: tests and helpers wait for a
 * condition with it instead of sleeping a fixed time. A check that throws counts as "not yet".
 */
export async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  opts: { timeoutMs?: number; intervalMs?: number; maxIntervalMs?: number; abort?: () => string | null } = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let interval = opts.intervalMs ?? 20;
  for (;;) {
    const reason = opts.abort?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    const value = await Promise.resolve()
      .then(check)
      .catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(interval * 1.5, opts.maxIntervalMs ?? 250);
  }
}
