/**
 * File-mount paths, checked when saved so that nothing is accepted that fails
 * at every rollout or that the runtime silently hides:
 * - repeated slashes are folded ("//etc//passwd" is "/etc/passwd");
 * - "." and ".." segments and segments of dots only ("/...") are refused, not
 *   resolved: what a person typed should be where the file lands;
 * - /proc, /sys and /dev are kernel file systems mounted over the image, and
 *   the engine writes /etc/hosts, /etc/hostname and /etc/resolv.conf itself:
 *   a file there would never be seen, so it is refused.
 */

const RESERVED_TREES = ['/proc', '/sys', '/dev'];
const ENGINE_FILES = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'];
/** The container archive format keeps a file name to 100 bytes. */
const MAX_NAME_BYTES = 100;

/** "//etc//passwd" → "/etc/passwd" (only repeated slashes are folded). */
export function normaliseMountPath(raw: string): string {
  return raw.replace(/\/{2,}/g, '/');
}

/** Why the path cannot be a file mount, or null when it can (after normaliseMountPath). */
export function mountPathProblem(raw: string): string | null {
  if (!raw.startsWith('/')) return 'A file mount path is absolute: it starts with "/".';
  if (/[\s\\]/.test(raw) || /[\p{Cc}\p{Cf}]/u.test(raw)) return 'A file mount path has no spaces, backslashes or control characters.';
  const p = normaliseMountPath(raw);
  if (p === '/' || p.endsWith('/')) return 'A file mount path names a file, not a directory: it does not end with "/".';
  const segments = p.slice(1).split('/');
  if (segments.some((s) => /^\.+$/.test(s))) return 'A file mount path has no ".", ".." or dots-only segments.';
  if (Buffer.byteLength(segments[segments.length - 1]) > MAX_NAME_BYTES) return `A file name is at most ${MAX_NAME_BYTES} bytes.`;
  const tree = RESERVED_TREES.find((t) => p === t || p.startsWith(`${t}/`));
  if (tree) return `${tree} is the kernel's own file system in a container: a file there would be hidden.`;
  if (ENGINE_FILES.includes(p)) return `${p} is written by the container engine: a file there would be replaced.`;
  return null;
}
