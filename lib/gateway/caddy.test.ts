import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from './caddy';
import { publicPath, type GatewayRoute } from './routes';
import { freePort } from '@/lib/util/net';
import { isPidAlive } from '@/lib/util/process';

// A real Caddy in front of real loopback HTTP servers (each in a process of its own): routes, path stripping, a switch of
// upstream under a client that never stops asking, and a crash the supervisor recovers from.

let dir: string;
let gw: Gateway;
const children: ChildProcess[] = [];

/** An upstream in a process of its own (lib/testing/http-upstream.cjs) that answers "<name> <path>" (keep-alive on, as real services are). */
async function upstream(name: string): Promise<{ dial: string; close(): Promise<void> }> {
  const child = fork(path.join(__dirname, '../testing/http-upstream.cjs'), [name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(m as number));
    child.once('exit', (code) => reject(new Error(`the upstream ${name} exited (${code})`)));
  });
  return {
    dial: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        child.once('message', () => resolve());
        child.send('close');
      }),
  };
}

const target = { org: 'acme', project: 'shop', component: 'greeter', env: 'development', context: '/greeter' };
const route = (upstreams: string[]): GatewayRoute => ({ ...target, upstreams });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-gw-'));
  gw = await startGateway({ dataDir: dir, listen: `127.0.0.1:${await freePort()}` });
}, 30_000);
afterAll(async () => {
  await gw?.stop();
  for (const c of children) c.kill();
  await rm(dir, { recursive: true, force: true });
});

async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('gateway (Caddy)', () => {
  it('serves an endpoint at its stable path, stripping only the gateway prefix', async () => {
    const a = await upstream('A');
    await gw.setRoutes([route([a.dial])]);
    expect(publicPath(target)).toBe('/acme/shop/greeter/development/greeter');
    const res = await fetch(`${gw.baseUrl}/acme/shop/greeter/development/greeter/hello?x=1`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('A /greeter/hello?x=1');
    expect(await (await fetch(`${gw.baseUrl}/acme/shop/greeter/development/greeter`)).text()).toBe('A /greeter');
    // Not a prefix of another endpoint's path, and nothing outside the routes.
    expect((await fetch(`${gw.baseUrl}/acme/shop/greeter/development/greeterx`)).status).toBe(404);
    expect((await fetch(`${gw.baseUrl}/acme/shop/other/development/greeter`)).status).toBe(404);
  });

  it('switches upstream under a looping client with zero failed requests', async () => {
    // Every switch reopens Caddy's listener; startGateway had the kernel move connections queued on
    // the old one (listener-migration.ts): without that, fresh connections were reset at the switch.
    if (process.getuid?.() === 0) expect(readFileSync('/proc/sys/net/ipv4/tcp_migrate_req', 'utf8').trim()).toBe('1');
    const a = await upstream('A');
    const b = await upstream('B');
    await gw.setRoutes([route([a.dial])]);
    const url = new URL(`${gw.baseUrl}${publicPath(target)}/ping`);
    const seen = { A: 0, B: 0 } as Record<string, number>;
    const failures: string[] = [];
    let retries = 0;
    let running = true;
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 2 });
    // Caddy applies new routes by swapping its config: requests in flight finish, connections
    // that sit idle are closed. A keep-alive client may pick such a socket at that instant;
    // HTTP lets it retry an idempotent request once when a *reused* connection closes before any
    // response (RFC 9112 §9.3.1; Node's docs show this with request.reusedSocket), as browsers do.
    // Clients on fresh connections get no retry at all.
    const get = (agent: http.Agent | false, retry: boolean): Promise<string> =>
      new Promise((resolve, reject) => {
        const req = http.get(url, { agent }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${res.statusCode} ${body}`))));
        });
        // A request that never gets an answer is a failure with a name, not a test that runs out of time
        // (once in CI this test timed out at 60 s without saying where).
        req.setTimeout(30_000, () => req.destroy(new Error(`no answer in 30 s on a ${req.reusedSocket ? 'reused' : 'fresh'} connection (A ${seen.A}, B ${seen.B})`)));
        req.on('error', (e: NodeJS.ErrnoException) => {
          if (retry && req.reusedSocket && (e.code === 'ECONNRESET' || e.message === 'socket hang up')) {
            retries++;
            resolve(get(agent, false));
          } else reject(e);
        });
      });
    const loop = async (agent: http.Agent | false) => {
      while (running) {
        try {
          seen[(await get(agent, agent !== false)).split(' ')[0]]++;
        } catch (e) {
          failures.push(String(e));
        }
      }
    };
    const clients = [loop(keepAlive), loop(keepAlive), loop(false), loop(false)];
    await poll(async () => seen.A > 50, 'traffic to A');
    await gw.setRoutes([route([b.dial])]);
    await poll(async () => seen.B > 50, 'traffic to B after the switch');
    // The old release goes away only once the new one serves, as a rollout does.
    await a.close();
    const afterClose = seen.B;
    await poll(async () => seen.B > afterClose + 200, 'more traffic after A stopped');
    running = false;
    await Promise.all(clients);
    keepAlive.destroy();
    expect(failures).toEqual([]);
    console.log(`gateway switch: ${seen.A} answers from A, ${seen.B} from B, 0 failed, ${retries} keep-alive retries`);
    expect(seen.A).toBeGreaterThan(50);
    expect(seen.B).toBeGreaterThan(250);
  }, 60_000);

  it('is restarted when it dies, with the routes it had', async () => {
    const c = await upstream('C');
    await gw.setRoutes([route([c.dial])]);
    const before = gw.pid();
    process.kill(before!, 'SIGKILL');
    await poll(async () => gw.pid() !== undefined && gw.pid() !== before, 'a new caddy process');
    await poll(async () => (await (await fetch(`${gw.baseUrl}${publicPath(target)}`)).text()) === 'C /greeter', 'the route served again');
  }, 30_000);

  it('answers 502 (not a hang) when the upstream is gone', async () => {
    await gw.setRoutes([route([`127.0.0.1:${await freePort()}`])]);
    // A fresh connection: the previous test's keep-alive sockets were closed by the reload.
    const status = await new Promise<number>((resolve, reject) => http.get(`${gw.baseUrl}${publicPath(target)}`, { agent: false }, (res) => resolve(res.resume().statusCode ?? 0)).on('error', reject));
    expect(status).toBe(502);
  }, 20_000);

  it('a Caddy left serving by a console killed with SIGKILL is replaced at the next start, on the same port', async () => {
    const oldUp = await upstream('OLD');
    const newUp = await upstream('NEW');
    const leftDir = await mkdtemp(path.join(os.tmpdir(), 'gantry-gw-left-'));
    const listen = `127.0.0.1:${await freePort()}`;
    const console1 = spawn(process.execPath, ['--import', 'tsx', path.join(process.cwd(), 'lib/testing/gateway-process.ts'), leftDir, listen, JSON.stringify([route([oldUp.dial])])], { stdio: ['ignore', 'pipe', 'inherit'] });
    const leftPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      console1.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /ready (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      console1.once('exit', (code) => reject(new Error(`the first console exited (${code}) before its gateway was ready`)));
    });
    console1.kill('SIGKILL');
    await new Promise((r) => console1.once('exit', r));
    // The orphan still holds the port with the routes of then: what the next console starts into.
    const url = `http://${listen}${publicPath(target)}`;
    expect(isPidAlive(leftPid)).toBe(true);
    expect(await (await fetch(url)).text()).toBe('OLD /greeter');

    const next = await startGateway({ dataDir: leftDir, listen });
    try {
      await next.setRoutes([route([newUp.dial])]);
      expect(isPidAlive(leftPid)).toBe(false);
      expect(next.pid()).not.toBe(leftPid);
      expect(await (await fetch(url, { headers: { connection: 'close' } })).text()).toBe('NEW /greeter');
    } finally {
      await next.stop();
      if (isPidAlive(leftPid)) process.kill(leftPid, 'SIGKILL');
      await rm(leftDir, { recursive: true, force: true });
    }
  }, 60_000);
});
