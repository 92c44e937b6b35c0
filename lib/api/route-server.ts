import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { peerHeader } from '@/lib/http/client-address';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Serves the /api/v1 route handlers (and /api/auth) over real HTTP on loopback, without Next.js: for
 * tests that drive the API with real clients (curl, CI snippets, bursts of requests).
 */
export async function startRouteServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const root = path.join(process.cwd(), 'app', 'api', 'v1');
  const routes: { re: RegExp; keys: string[]; mod: Record<string, Handler> }[] = [];
  const walk = async (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name === 'route.ts') {
        const segs = path.relative(root, dir).split(path.sep);
        const keys: string[] = [];
        const re = new RegExp(
          '^/api/v1/' +
            segs
              .map((s) => {
                const m = /^\[(.+)\]$/.exec(s);
                if (!m) return s.replace(/[.]/g, '\\.');
                keys.push(m[1]);
                return '([^/]+)';
              })
              .join('/') +
            '$',
        );
        routes.push({ re, keys, mod: await import(p) });
      }
    }
  };
  await walk(root);
  // better-auth's endpoints too (sign-in, sessions), behind the same peer stamping.
  routes.push({ re: /^\/api\/auth\/.+$/, keys: [], mod: await import(path.join(process.cwd(), 'app', 'api', 'auth', '[...all]', 'route.ts')) });
  // Static segments win over dynamic ones, as in Next.
  routes.sort((a, b) => a.keys.length - b.keys.length);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const route = routes.map((r) => ({ r, m: r.re.exec(url.pathname) })).find((x) => x.m);
    const handler = route?.r.mod[req.method ?? 'GET'];
    if (!route || !handler) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"No such route."}}');
      return;
    }
    const params = Object.fromEntries(route.r.keys.map((k, i) => [k, decodeURIComponent(route.m![i + 1])]));
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(url, {
      method: req.method,
      // As scripts/start.mjs does: the TCP peer is stamped, replacing any client-sent copy.
      headers: [
        ...Object.entries(req.headers).flatMap(([k, v]) => (v === undefined || k === peerHeader ? [] : [[k, Array.isArray(v) ? v.join(', ') : v] as [string, string]])),
        [peerHeader, req.socket.remoteAddress ?? ''] as [string, string],
      ],
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      duplex: 'half',
    } as RequestInit);
    const response = await handler(request, { params: Promise.resolve(params) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
