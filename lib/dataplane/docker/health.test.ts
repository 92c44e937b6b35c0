/** The probes against real sockets on 127.0.0.1: a server that listens, one that accepts and hangs up (like a userland port proxy with nothing behind it), and none. */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpProbe, tcpProbe, waitHealthy } from './health';

let listening: net.Server;
let hangsUp: net.Server;
let web: http.Server;
const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port;
const listen = (s: net.Server) => new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
let closedPort = 0;

beforeAll(async () => {
  listening = net.createServer(() => {});
  hangsUp = net.createServer((sock) => sock.destroy());
  web = http.createServer((req, res) => {
    res.statusCode = req.url === '/broken' ? 503 : req.url === '/missing' ? 404 : 200;
    res.end('ok');
  });
  await Promise.all([listen(listening), listen(hangsUp), listen(web)]);
  const tmp = net.createServer();
  await listen(tmp);
  closedPort = portOf(tmp);
  await new Promise((r) => tmp.close(r));
});

afterAll(async () => {
  for (const s of [listening, hangsUp, web]) {
    (s as net.Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise((r) => s.close(r));
  }
});

describe('health probes', () => {
  it('TCP: a listener passes, a closed port fails; holding the connection tells a hang-up apart', async () => {
    expect(await tcpProbe(portOf(listening))(500)).toBe(true);
    expect(await tcpProbe(closedPort)(500)).toBe(false);
    expect(await tcpProbe(portOf(listening), 100)(500)).toBe(true);
    expect(await tcpProbe(portOf(hangsUp), 100)(500)).toBe(false);
  });

  it('HTTP: any status below 500 passes', async () => {
    const port = (web.address() as net.AddressInfo).port;
    expect(await httpProbe(port, '/')(500)).toBe(true);
    expect(await httpProbe(port, '/missing')(500)).toBe(true);
    expect(await httpProbe(port, '/broken')(500)).toBe(false);
    expect(await httpProbe(closedPort, '/')(500)).toBe(false);
    expect(await httpProbe(portOf(hangsUp), '/')(500)).toBe(false);
  });

  it('waitHealthy: succeeds, fails fast on exit, or times out', async () => {
    const notExited = async () => null;
    expect(await waitHealthy({ probe: tcpProbe(portOf(listening)), exited: notExited, timeoutMs: 1000 })).toMatchObject({ ok: true });
    expect(await waitHealthy({ probe: tcpProbe(closedPort), exited: async () => ({ exitCode: 3, oomKilled: false, restarts: 0 }), timeoutMs: 5000 })).toEqual({
      ok: false,
      reason: 'exited',
      exit: { exitCode: 3, oomKilled: false, restarts: 0 },
    });
    // A probe that keeps failing is retried, each try bounded by what is left of the 300 ms.
    const budgets: number[] = [];
    const refused = tcpProbe(closedPort);
    expect(await waitHealthy({ probe: (ms) => (budgets.push(ms), refused(ms)), exited: notExited, timeoutMs: 300 })).toEqual({ ok: false, reason: 'timeout' });
    expect(budgets.length).toBeGreaterThan(1);
    expect(Math.max(...budgets)).toBeLessThanOrEqual(300);
    expect(await waitHealthy({ exited: notExited, timeoutMs: 300 })).toMatchObject({ ok: true });
  });
});
