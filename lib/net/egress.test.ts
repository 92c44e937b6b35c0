import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '@/lib/logger';
import { RegistryClient, testConnection } from '@/lib/oci/client';
import { classifyAddress, egressFetch, parseEgressAllow, type EgressPolicy } from './egress';

const loopbackOnly: EgressPolicy = { loopback: true, private: false };
const nothing: EgressPolicy = { loopback: false, private: false };
const unreachableText = (host: string) =>
  `Could not reach the registry ${host}. Check the host and port, that the registry is running, and that this server is allowed to connect to it.`;

let server: Server;
let port: number;
let requests = 0;
let connections = 0;
let realm = '';

beforeAll(async () => {
  // A registry-shaped listener: /v2/ asks for a bearer token at whatever realm the test sets.
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/plain') return void res.writeHead(200).end('ok');
    res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realm}",service="trap"` }).end();
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('address classes', () => {
  it.each([
    ['169.254.169.254', 'forbidden'],
    ['169.254.0.1', 'forbidden'],
    ['fe80::1', 'forbidden'],
    ['fd00:ec2::254', 'forbidden'],
    ['100.100.100.200', 'forbidden'],
    ['0.0.0.0', 'forbidden'],
    ['::', 'forbidden'],
    ['224.0.0.1', 'forbidden'],
    ['::ffff:169.254.169.254', 'forbidden'],
    ['::ffff:a9fe:a9fe', 'forbidden'],
    ['64:ff9b::a9fe:a9fe', 'forbidden'],
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['2001:db8::1', 'public'],
    ['not-an-ip', 'forbidden'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('reads the operator setting', () => {
    expect(parseEgressAllow('loopback')).toEqual({ loopback: true, private: false });
    expect(parseEgressAllow('loopback, private')).toEqual({ loopback: true, private: true });
    expect(parseEgressAllow('none')).toEqual(nothing);
    expect(parseEgressAllow('')).toEqual(nothing);
  });
});

describe('connections through the policy', () => {
  it('reaches a loopback listener when loopback is allowed, by name and by address', async () => {
    expect((await egressFetch(`http://localhost:${port}/plain`, {}, loopbackOnly)).status).toBe(200);
    expect((await egressFetch(`http://127.0.0.1:${port}/plain`, {}, loopbackOnly)).status).toBe(200);
  });

  it('keeps the connection after a HEAD (a webhook resolves its tag with one): no handshake per request', async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) {
      const res = await egressFetch(`http://127.0.0.1:${port}/plain`, { method: 'HEAD' }, loopbackOnly);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    // undici's own default closes after every HEAD: 5 connections.
    expect(connections - before).toBe(1);
  });

  it('refuses a name that resolves to 127.0.0.1 when loopback is not allowed, checked after DNS, before any byte is sent', async () => {
    const before = requests;
    const { lines } = await captureLogs(async () => {
      await expect(egressFetch(`http://localhost:${port}/plain`, {}, nothing)).rejects.toMatchObject({ cause: { code: 'EGRESS_REFUSED' } });
      await expect(egressFetch(`http://127.0.0.1:${port}/plain`, {}, nothing)).rejects.toMatchObject({ cause: { code: 'EGRESS_REFUSED' } });
    });
    expect(requests).toBe(before);
    expect(lines).toMatch(/"host":"localhost".*127\.0\.0\.1 \(loopback\)/);
  });

  it.each([
    ['169.254.169.254', '169.254.169.254'],
    ['[fe80::1]', 'fe80::1'],
  ])('always refuses the link-local / metadata address %s, with the uniform message', async (host, address) => {
    const { result, lines } = await captureLogs(() => testConnection({ host, insecure: true, egress: { loopback: true, private: true } }));
    expect(result).toMatchObject({ ok: false, code: 'unavailable', reason: 'unreachable', message: unreachableText(host) });
    expect(lines).toContain(`${address} (forbidden)`);
  });

  it('refuses a private address unless the operator allows private ranges', async () => {
    const { result, lines } = await captureLogs(() => testConnection({ host: '10.0.0.1:5000', insecure: true, egress: loopbackOnly }));
    expect(result).toMatchObject({ ok: false, reason: 'unreachable', message: unreachableText('10.0.0.1:5000') });
    expect(lines).toContain('10.0.0.1 (private)');
  });

  it('resolves the bearer realm a registry names through the same policy', async () => {
    realm = 'https://169.254.169.254/token';
    const client = new RegistryClient(`127.0.0.1:${port}`, { credentials: { username: 'u', password: 'stored-secret' }, egress: loopbackOnly });
    const { result, lines } = await captureLogs(() => client.checkCredentials().then(() => null, (e: Error) => e));
    expect(result?.message).toBe(unreachableText(`127.0.0.1:${port} (token service at 169.254.169.254)`));
    expect(lines).toContain('169.254.169.254 (forbidden)');
  });

  it('gives the same text for a refused port, a reset connection and a refused address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const reset = createServer((req) => req.socket.destroy());
    await new Promise<void>((resolve) => reset.listen(0, '127.0.0.1', resolve));
    const resetPort = (reset.address() as AddressInfo).port;
    try {
      const answers = await Promise.all([
        testConnection({ host: `127.0.0.1:${closedPort}`, egress: loopbackOnly }),
        testConnection({ host: `127.0.0.1:${resetPort}`, egress: loopbackOnly }),
        testConnection({ host: `127.0.0.1:${resetPort}`, egress: nothing }),
      ]);
      const texts = answers.map((a) => a.message.replace(/127\.0\.0\.1:\d+/, 'HOST'));
      expect(new Set(texts)).toEqual(new Set([unreachableText('HOST')]));
      expect(new Set(answers.map((a) => a.reason))).toEqual(new Set(['unreachable']));
    } finally {
      await new Promise((resolve) => reset.close(resolve));
    }
  });
});
