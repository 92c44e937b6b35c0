/**
 * Checks a kubeconfig before the Kubernetes client sees it. A kubeconfig can
 * make its reader run programs (`exec`, `auth-provider`) or read local files
 * (`token-file`, `client-certificate`, `certificate-authority`, …) and send
 * them to the configured server, so one written by a user of this control
 * plane may only carry inline credentials unless the operator trusts it.
 */
import { parse } from 'yaml';
import { ServiceError } from '@/lib/errors';

const SAFE_USER_KEYS = new Set(['token', 'client-certificate-data', 'client-key-data', 'username', 'password', 'as', 'as-uid', 'as-groups', 'as-user-extra', 'extensions']);
// No "proxy-url": a proxy would carry the connection past the egress policy's checks.
const SAFE_CLUSTER_KEYS = new Set(['server', 'certificate-authority-data', 'insecure-skip-tls-verify', 'tls-server-name', 'disable-compression', 'extensions']);

export interface CheckedKubeconfig {
  /** API server URL of the current context. */
  server: string;
  /** Name of the current context. */
  context: string;
}

type Entry = { name?: unknown; [key: string]: unknown };

function invalid(message: string): ServiceError {
  return ServiceError.invalid(`The kubeconfig is not usable: ${message}`, { kubeconfig: message });
}

function entries(doc: Record<string, unknown>, list: string): Entry[] {
  const value = doc[list] ?? [];
  if (!Array.isArray(value)) throw invalid(`"${list}" must be a list.`);
  return value.map((e) => (e && typeof e === 'object' ? (e as Entry) : {}));
}

function body(entry: Entry, key: string): Record<string, unknown> {
  const value = entry[key];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

export function checkKubeconfig(text: string, opts: { trusted?: boolean } = {}): CheckedKubeconfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw invalid(`it is not valid YAML (${(e as Error).message.split('\n')[0]}).`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalid('it must be a YAML mapping.');
  const root = doc as Record<string, unknown>;
  const users = entries(root, 'users');
  const clusters = entries(root, 'clusters');
  const contexts = entries(root, 'contexts');

  if (!opts.trusted) {
    for (const [list, key, safe] of [
      [users, 'user', SAFE_USER_KEYS],
      [clusters, 'cluster', SAFE_CLUSTER_KEYS],
    ] as const) {
      for (const entry of list) {
        const unsafe = Object.keys(body(entry, key)).filter((k) => !safe.has(k));
        if (unsafe.length) {
          throw invalid(
            `${key} "${String(entry.name)}" uses ${unsafe.map((k) => `"${k}"`).join(', ')}; only inline credentials (token, client-certificate-data, client-key-data, certificate-authority-data) are accepted.`,
          );
        }
      }
    }
  }

  const current = root['current-context'];
  if (typeof current !== 'string' || !current) throw invalid('"current-context" is not set.');
  const context = contexts.find((c) => c.name === current);
  if (!context) throw invalid(`the current context "${current}" is not defined.`);
  const clusterName = body(context, 'context').cluster;
  const cluster = clusters.find((c) => c.name === clusterName);
  if (!cluster) throw invalid(`the cluster "${String(clusterName)}" of context "${current}" is not defined.`);
  const server = body(cluster, 'cluster').server;
  if (typeof server !== 'string' || !/^https?:\/\/[^/\s]+/.test(server)) {
    throw invalid(`the cluster "${String(clusterName)}" has no http(s) server URL.`);
  }
  if (/^https?:\/\/[^/]*@/.test(server)) throw invalid(`the server URL of cluster "${String(clusterName)}" may not carry a user name or password.`);
  const userName = body(context, 'context').user;
  if (userName !== undefined && !users.some((u) => u.name === userName)) throw invalid(`the user "${String(userName)}" of context "${current}" is not defined.`);
  return { server: server.replace(/\/+$/, ''), context: current };
}
