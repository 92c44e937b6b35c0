/**
 * Parser for the HTTP `WWW-Authenticate` header (RFC 9110 §11.6.1):
 *
 *   WWW-Authenticate = #challenge
 *   challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *   auth-param       = token BWS "=" BWS ( token / quoted-string )
 *
 * A single header may carry several challenges separated by commas, and
 * commas also separate the parameters of one challenge; quoted values may
 * contain commas and backslash-escaped characters. `Headers.get()` joins
 * repeated headers with ", ", which this parser handles too.
 */

export interface Challenge {
  /** Auth scheme in lowercase: "bearer", "basic", … */
  scheme: string;
  /** Parameters with lowercase names; values unquoted and unescaped. */
  params: Record<string, string>;
  /** token68 value, for schemes that use one instead of parameters. */
  token68?: string;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*/;

/**
 * Parses a WWW-Authenticate header value into its challenges. Malformed
 * parts are skipped rather than thrown on: a server's odd header should not
 * prevent using the challenges that are well formed.
 */
export function parseWwwAuthenticate(header: string | null | undefined): Challenge[] {
  const challenges: Challenge[] = [];
  if (!header) return challenges;
  const s = header;
  const n = s.length;
  let pos = 0;

  const isWs = (c: string | undefined) => c === ' ' || c === '\t';
  const skipWs = () => {
    while (pos < n && isWs(s[pos])) pos++;
  };
  const readToken = (): string => {
    const start = pos;
    while (pos < n && TCHAR.test(s[pos])) pos++;
    return s.slice(start, pos);
  };
  const readQuoted = (): string => {
    // s[pos] === '"'
    pos++;
    let out = '';
    while (pos < n) {
      const c = s[pos];
      if (c === '\\' && pos + 1 < n) {
        out += s[pos + 1];
        pos += 2;
      } else if (c === '"') {
        pos++;
        return out;
      } else {
        out += c;
        pos++;
      }
    }
    return out; // unterminated: take the rest
  };
  /** Skips to just after the next top-level comma (or the end). */
  const skipPastComma = () => {
    while (pos < n && s[pos] !== ',') {
      if (s[pos] === '"') readQuoted();
      else pos++;
    }
    if (pos < n) pos++;
  };

  while (pos < n) {
    // Skip empty list elements.
    while (pos < n && (isWs(s[pos]) || s[pos] === ',')) pos++;
    if (pos >= n) break;

    const scheme = readToken();
    if (!scheme) {
      skipPastComma();
      continue;
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);

    if (!isWs(s[pos])) {
      // No parameters (end of header, or a comma before the next challenge).
      if (s[pos] !== ',' && pos < n) skipPastComma();
      continue;
    }
    skipWs();

    // token68 directly after the scheme, e.g. `Negotiate abc==`.
    const t68 = TOKEN68.exec(s.slice(pos));
    if (t68) {
      const after = pos + t68[0].length;
      let k = after;
      while (k < n && isWs(s[k])) k++;
      if (k >= n || s[k] === ',') {
        challenge.token68 = t68[0];
        pos = k;
        continue;
      }
    }

    // auth-params until a token that is not followed by "=" (the next scheme).
    for (;;) {
      while (pos < n && (isWs(s[pos]) || s[pos] === ',')) pos++;
      if (pos >= n) break;
      const save = pos;
      const name = readToken();
      skipWs();
      if (!name || s[pos] !== '=') {
        pos = save;
        if (!name) skipPastComma();
        break; // next challenge starts here
      }
      pos++; // '='
      skipWs();
      let value: string;
      if (s[pos] === '"') value = readQuoted();
      else value = readToken();
      const key = name.toLowerCase();
      if (!(key in challenge.params)) challenge.params[key] = value;
      skipWs();
      if (pos < n && s[pos] !== ',') {
        // Garbage after a value: skip to the next element.
        skipPastComma();
      }
    }
  }
  return challenges;
}

/** The first challenge with the given scheme (case-insensitive), if any. */
export function findChallenge(challenges: Challenge[], scheme: string): Challenge | undefined {
  const want = scheme.toLowerCase();
  return challenges.find((c) => c.scheme === want);
}
