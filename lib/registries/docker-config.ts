import { ServiceError } from '@/lib/errors';
import { hostProblem, normalizeHost } from './host';
import { dockerConfigHost } from './registry-host';

export interface DockerConfigCredential {
  host: string;
  username: string;
  password: string;
}

const fail = (message: string) => ServiceError.invalid(message, { dockerConfig: message });

/**
 * Reads a Docker config JSON (`~/.docker/config.json` shape) with exactly one entry
 * under `auths` whose credentials are inline. Credential helpers run programs on the
 * machine that wrote the file, so they cannot be used here.
 */
export function parseDockerConfig(text: string): DockerConfigCredential {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw fail('This is not valid JSON. Paste the whole content of the Docker config file.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw fail('The Docker config must be a JSON object with an "auths" entry.');
  const o = doc as Record<string, unknown>;
  if (o.credsStore || o.credHelpers) {
    throw fail('This config uses a credential helper ("credsStore"/"credHelpers"), which keeps the secret outside the file. Use a config with the credentials inline (e.g. from `docker login` with no helper, or `kubectl create secret docker-registry --dry-run=client -o json`).');
  }
  const auths = o.auths;
  if (!auths || typeof auths !== 'object' || Array.isArray(auths)) throw fail('The Docker config has no "auths" entry.');
  const entries = Object.entries(auths as Record<string, unknown>);
  if (entries.length === 0) throw fail('The "auths" entry is empty: add the credentials of one registry.');
  if (entries.length > 1) throw fail(`The "auths" entry names ${entries.length} registries (${entries.map(([k]) => k).join(', ')}). Register each registry separately, with one entry each.`);
  const [key, value] = entries[0];
  const host = dockerConfigHost(key);
  const problem = hostProblem(host);
  if (problem) throw fail(`The registry "${key}" in "auths" is not a valid host: ${problem}`);
  const entry = (value ?? {}) as Record<string, unknown>;
  let username = typeof entry.username === 'string' ? entry.username : '';
  let password = typeof entry.password === 'string' ? entry.password : '';
  if (typeof entry.auth === 'string' && entry.auth) {
    let decoded: string;
    try {
      decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    } catch {
      decoded = '';
    }
    const sep = decoded.indexOf(':');
    if (sep <= 0 || !/^[A-Za-z0-9+/=\s]+$/.test(entry.auth)) throw fail(`The "auth" value for ${key} does not decode to "username:password".`);
    username = decoded.slice(0, sep);
    password = decoded.slice(sep + 1);
  }
  if (!username || !password) {
    throw fail(`The entry for ${key} has no inline credentials: it needs "auth" (base64 of username:password) or "username" and "password".`);
  }
  return { host: normalizeHost(host), username, password };
}
