/**
 * Where to go after signing in: only a path on this console is followed, anything else goes home.
 * The check is the URL parser's own (tabs and newlines are dropped by it, backslashes read as
 * slashes), so "/\t/evil.example" or "/\\evil.example" cannot turn into another origin.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return '/';
  const base = 'http://console.invalid';
  try {
    const url = new URL(next, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}
