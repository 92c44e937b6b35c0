/**
 * Reading errors from dockerode / the engine: is the engine unreachable (retry
 * later), did it say "not found", and what did it say, in one line.
 */

interface EngineErrorShape {
  code?: string;
  statusCode?: number;
  reason?: string;
  json?: { message?: string; cause?: string } | null;
  message?: string;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNABORTED']);

/** True when the socket does not answer (engine stopped or restarting): retrying later may work. */
export function isEngineUnreachable(err: unknown): boolean {
  const e = err as EngineErrorShape | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code && UNREACHABLE_CODES.has(e.code)) return true;
  return e.statusCode === undefined && /socket hang up/i.test(e.message ?? '');
}

export function statusOf(err: unknown): number | undefined {
  return (err as EngineErrorShape | null)?.statusCode;
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/** What the engine said (its JSON message), else the error message; one line, bounded. */
export function engineMessage(err: unknown): string {
  return oneLine(engineRawMessage(err));
}

/** The same, whole: Podman puts the cause at the end of long messages. */
export function engineRawMessage(err: unknown): string {
  const e = err as EngineErrorShape | null;
  return (typeof e?.json === 'object' && e?.json?.message) || e?.message || String(err);
}

export function oneLine(text: string, max = 500): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Podman answers "container state improper" when asked to stop/remove a container between restarts; retry then. */
export function isTransientStateConflict(err: unknown): boolean {
  const status = statusOf(err);
  return (status === 409 || status === 500) && /state improper|is being removed|removal .* in progress|cannot remove container .* could not be stopped/i.test(engineMessage(err));
}
