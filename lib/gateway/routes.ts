/**
 * Stable public URLs for Public endpoints, path-based so one loopback listener serves every
 * organisation without DNS:
 *
 *   <gateway>/<org>/<project>/<component>/<env><context>
 *
 * The gateway strips `/<org>/<project>/<component>/<env>` and forwards the rest, so the
 * service sees its own context ("/greeter/hello"), as if called directly. The URL names no
 * container and no port: it survives every rollout, which only swaps the upstream.
 */

export interface RouteTarget {
  org: string;
  project: string;
  component: string;
  env: string;
  /** The endpoint's context ("/" or "/greeter"). */
  context: string;
}

export interface GatewayRoute extends RouteTarget {
  /** Where the active release answers: "127.0.0.1:41234" (several while a rollout overlaps). */
  upstreams: string[];
}

/** The path prefix the gateway strips. Names are DNS labels, so they need no escaping. */
export function routePrefix(t: Omit<RouteTarget, 'context'>): string {
  return `/${t.org}/${t.project}/${t.component}/${t.env}`;
}

/** The public path of an endpoint (append it to the gateway's base URL). */
export function publicPath(t: RouteTarget): string {
  return `${routePrefix(t)}${t.context === '/' ? '' : t.context.replace(/\/+$/, '')}`;
}

type CaddyRoute = Record<string, unknown>;

/** One Caddy route: the public path and everything under it, prefix stripped, to the upstreams. */
export function caddyRoute(r: GatewayRoute): CaddyRoute {
  const path = publicPath(r);
  return {
    '@id': `gantry:${path}`,
    match: [{ path: [path, `${path}/*`] }],
    handle: [
      { handler: 'rewrite', strip_path_prefix: routePrefix(r) },
      {
        handler: 'reverse_proxy',
        upstreams: r.upstreams.map((dial) => ({ dial })),
        // Caddy keeps only 32 idle upstream connections per host by default: with more concurrent
        // clients than that, every surplus request opened and closed a TCP connection to the
        // container (measured: part of why bench:gateway reached only 0.37 of direct throughput).
        transport: { protocol: 'http', keep_alive: { enabled: true, max_idle_conns_per_host: 1024, idle_timeout: '60s' } },
        // A rollout may leave an old upstream listed for a moment: try the next one instead of failing.
        load_balancing: { selection_policy: { policy: 'first' }, try_duration: '2s', try_interval: '50ms' },
      },
    ],
    terminal: true,
  };
}

/**
 * The whole Caddy configuration: admin API only on our own unix socket, one plain-HTTP
 * loopback listener, no automatic HTTPS, no config persisted outside our data directory.
 * Longer paths first, so "/o/p/c/e/api/v2" wins over "/o/p/c/e/api".
 */
export function caddyConfig(opts: { adminSocket: string; listen: string; routes: GatewayRoute[] }) {
  const routes = [...opts.routes].filter((r) => r.upstreams.length).sort((a, b) => publicPath(b).length - publicPath(a).length);
  return {
    // Over a unix socket Caddy checks the Host header against this list; only our own client speaks there.
    admin: { listen: `unix/${opts.adminSocket}`, origins: ['localhost'], config: { persist: false } },
    logging: { logs: { default: { level: 'WARN' } } },
    apps: {
      http: {
        servers: {
          gantry: {
            listen: [opts.listen],
            automatic_https: { disable: true },
            routes: [...routes.map(caddyRoute), { handle: [{ handler: 'static_response', status_code: 404, body: 'No endpoint at this URL.\n' }] }],
          },
        },
      },
    },
  };
}
