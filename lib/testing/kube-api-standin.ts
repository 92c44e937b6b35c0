/**
 * A stand-in for the two Kubernetes API calls "Test connection" makes (GET /version and
 * POST …/selfsubjectaccessreviews), on loopback. No cluster can run on this machine; the
 * stand-in lets the tests drive the real client library, the egress policy and the storage
 * path of an attach. GANTRY_TEST_KUBECONFIG runs the same checks against a real cluster.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KubeStandin {
  server: string;
  /** A kubeconfig for it with `token` inline (plain HTTP needs insecure-skip-tls-verify). */
  kubeconfig(token: string): string;
  /** Authorization headers it received (to check the token was sent, and only there). */
  seenTokens: string[];
  stop(): Promise<void>;
}

export async function startKubeStandin(opts: { version?: string; denied?: string[] } = {}): Promise<KubeStandin> {
  const seenTokens: string[] = [];
  const srv = http.createServer((req, res) => {
    seenTokens.push(String(req.headers.authorization ?? ''));
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/version') return send(200, { major: '1', minor: '31', gitVersion: opts.version ?? 'v1.31.0-standin' });
    if (req.method === 'POST' && req.url?.startsWith('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')) {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        const review = JSON.parse(text);
        const resource = review.spec?.resourceAttributes?.resource as string;
        send(201, { ...review, status: { allowed: !(opts.denied ?? []).includes(resource) } });
      });
      return;
    }
    send(404, { kind: 'Status', message: 'not found' });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const server = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return {
    server,
    seenTokens,
    kubeconfig: (token) => kubeconfigFor(server, token, { insecure: true }),
    stop: () => new Promise((r) => srv.close(() => r())),
  };
}

/** A minimal kubeconfig with one context and an inline token. */
export function kubeconfigFor(server: string, token: string, opts: { insecure?: boolean; user?: Record<string, unknown> } = {}): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: c',
    '    cluster:',
    `      server: ${server}`,
    ...(opts.insecure ? ['      insecure-skip-tls-verify: true'] : []),
    'users:',
    '  - name: u',
    '    user:',
    ...(opts.user ? Object.entries(opts.user).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`) : [`      token: ${token}`]),
    'contexts:',
    '  - name: ctx',
    '    context: { cluster: c, user: u }',
    'current-context: ctx',
    '',
  ].join('\n');
}
