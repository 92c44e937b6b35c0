/**
 * The egress policy: every outbound connection the control plane makes (registries, bearer
 * token realms, and whatever fetches next) goes through `egressFetch` / `egressDispatcher`.
 *
 * - Link-local (169.254.0.0/16, fe80::/10), cloud metadata, "this network", multicast and
 *   reserved addresses are always refused.
 * - Loopback (127.0.0.0/8, ::1) and private ranges (10/8, 172.16/12, 192.168/16, 100.64/10,
 *   fc00::/7) only when the operator allows them: GANTRY_EGRESS_ALLOW=loopback,private
 *   (default "loopback", so registries on the same machine work).
 * - Names are checked after DNS, and the socket connects to the address that was checked
 *   (our own `lookup` on the connector), so a name cannot re-resolve somewhere else.
 * - A refusal says nothing more than "could not connect": callers map it to the same text
 *   as a refused or reset connection, so the policy is no port or network scanner.
 */
import dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { config } from '@/lib/config';
import { logger } from '@/lib/logger';

export type EgressRange = 'loopback' | 'private';
export interface EgressPolicy {
  loopback: boolean;
  private: boolean;
}
export type AddressClass = 'public' | EgressRange | 'forbidden';

/** Thrown (as the connection error) when the policy refuses every address of a host. */
export class EgressRefusedError extends Error {
  readonly code = 'EGRESS_REFUSED';
  constructor() {
    super('connection refused by the egress policy');
    this.name = 'EgressRefusedError';
  }
}

function blockList(v4: string[], v6: string[]) {
  const list = new BlockList();
  for (const c of v4) list.addSubnet(c.split('/')[0], Number(c.split('/')[1]), 'ipv4');
  for (const c of v6) list.addSubnet(c.split('/')[0], Number(c.split('/')[1]), 'ipv6');
  return list;
}

const forbidden = blockList(
  ['0.0.0.0/8', '169.254.0.0/16', '192.0.0.0/24', '224.0.0.0/4', '240.0.0.0/4', '100.100.100.200/32'],
  ['::/128', 'fe80::/10', 'ff00::/8', 'fd00:ec2::254/128'],
);
const loopback = blockList(['127.0.0.0/8'], ['::1/128']);
const privateRanges = blockList(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '198.18.0.0/15'], ['fc00::/7']);

/** The IPv4 address embedded in an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) address. */
function embeddedIPv4(address: string): string | undefined {
  const groups = expandIPv6(address);
  if (!groups) return undefined;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (!mapped && !nat64) return undefined;
  return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
}

function expandIPv6(address: string): number[] | undefined {
  let a = address.toLowerCase().split('%')[0];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) {
    const p = v4[1].split('.').map(Number);
    a = a.slice(0, -v4[1].length) + `${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const [head, tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const fill = a.includes('::') ? 8 - h.length - t.length : 0;
  const all = [...h, ...Array(fill).fill('0'), ...t];
  if (all.length !== 8) return undefined;
  return all.map((g) => parseInt(g, 16));
}

/** Which range an IP address belongs to, as far as the policy cares. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return 'forbidden';
  if (family === 6) {
    const v4 = embeddedIPv4(bare);
    if (v4) return classifyAddress(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const plain = bare.split('%')[0];
  if (forbidden.check(plain, type)) return 'forbidden';
  if (loopback.check(plain, type)) return 'loopback';
  if (privateRanges.check(plain, type)) return 'private';
  return 'public';
}

export function addressAllowed(address: string, policy: EgressPolicy): boolean {
  const c = classifyAddress(address);
  return c === 'public' || (c === 'loopback' && policy.loopback) || (c === 'private' && policy.private);
}

/** Parses GANTRY_EGRESS_ALLOW: a comma-separated list of "loopback" and "private" ("none" or empty: neither). */
export function parseEgressAllow(value: string): EgressPolicy {
  const words = value
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && w !== 'none');
  return { loopback: words.includes('loopback'), private: words.includes('private') };
}

/** The operator's policy, from the one config module. */
export function egressPolicy(): EgressPolicy {
  return parseEgressAllow(config().GANTRY_EGRESS_ALLOW);
}

/** DNS lookup that only ever yields addresses the policy allows. */
export function policyLookup(policy: EgressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const allowed = addresses.filter((a) => addressAllowed(a.address, policy));
      if (!allowed.length) return callback(refused(hostname, addresses.map((a) => a.address)) as NodeJS.ErrnoException, '', 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

/** The operator learns why (the caller only says "could not reach"). */
function refused(host: string, addresses: string[]): EgressRefusedError {
  logger.warn({ host, addresses: addresses.map((a) => `${a} (${classifyAddress(a)})`) }, 'outbound connection refused by the egress policy (GANTRY_EGRESS_ALLOW)');
  return new EgressRefusedError();
}

const dispatchers = new Map<string, Dispatcher>();

/** An HTTP dispatcher (for `fetch`) whose every connection obeys `policy`. One per policy, reused. */
export function egressDispatcher(policy: EgressPolicy = egressPolicy()): Dispatcher {
  const key = `${policy.loopback}/${policy.private}`;
  let dispatcher = dispatchers.get(key);
  if (dispatcher) return dispatcher;
  const connector = buildConnector({ lookup: policyLookup(policy) });
  dispatcher = new Agent({
    connect(opts, callback) {
      // Literal addresses skip DNS (and so our lookup): check them here.
      const host = opts.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) && !addressAllowed(host, policy)) return callback(refused(host, [host]), null);
      return connector(opts, callback);
    },
  }).compose(keepHeadConnections);
  dispatchers.set(key, dispatcher);
  return dispatcher;
}

/**
 * undici closes the connection after every HEAD request (undici#258: servers that wrongly send a
 * body with the answer) unless told `reset: false`, which fetch cannot say. A webhook's tag is
 * resolved with a HEAD of the manifest, so every accepted webhook paid a TCP handshake (and an
 * error object with its stack trace) for it; registries answer HEAD as HTTP says. Connections are
 * still made only through the policy's connector above.
 */
const keepHeadConnections: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) =>
  dispatch(opts.method === 'HEAD' && opts.reset === undefined ? { ...opts, reset: false } : opts, handler);

/** `fetch` through the egress policy. */
export function egressFetch(url: string | URL, init: RequestInit = {}, policy?: EgressPolicy): Promise<Response> {
  return fetch(url, { ...init, dispatcher: egressDispatcher(policy) } as RequestInit);
}
