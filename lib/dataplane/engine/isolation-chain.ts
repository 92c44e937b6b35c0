/**
 * Gantry's own iptables rules that keep its Podman bridge networks apart.
 *
 * netavark 1.4 isolates networks created with `isolate=true` through chains that hang off ONE
 * shared jump, `FORWARD -j NETAVARK_ISOLATION_1`, which any isolated network's teardown deletes:
 * from then until the next network setup every project network reached every other one, and any
 * podman on the host (another engine, a test's CLI) could open that window. So Gantry keeps its own
 * two chains, in netavark's style (one rule per network in each, so O(n)):
 *
 *   FORWARD            -j GANTRY_ISOLATION_1                               (position 1)
 *   GANTRY_ISOLATION_1 -i <bridge> ! -o <bridge> -j GANTRY_ISOLATION_2     (per network)
 *   GANTRY_ISOLATION_2 -o <bridge> -j DROP                                 (per network)
 *
 * They live in the *mangle* table, not filter: netavark inserts its `NETAVARK_FORWARD` jump (which
 * ACCEPTs every packet from a container subnet) at position 1 or 2 of filter's FORWARD whenever it
 * is missing, so a filter jump of ours could end up behind an ACCEPT. mangle's FORWARD runs before
 * filter's and netavark 1.4 does not touch that table; a DROP there is final.
 *
 * Each rule carries its network's id as a comment (`gantry:<id>`). Ids are never reused, so every
 * edit is exact even when several processes (installations sharing the engine, test workers) edit
 * the chains: removing network N deletes N's rules only, even if a new network got N's bridge name.
 * Edits of this process run one at a time; across processes each `iptables -w` waits for the
 * xtables lock and rule checks (-C) make adds idempotent.
 *
 * Only as root with iptables installed; otherwise netavark's own isolation is all there is (logged once).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { logger } from '@/lib/logger';

export interface IsolatedNetwork {
  /** The engine's network id (never reused). */
  id: string;
  /** Its bridge interface on the host (netavark names them podman1, podman2, …; a name is reused once its network is gone). */
  bridge: string;
}

const TABLE = 'mangle';
export const CHAIN_1 = 'GANTRY_ISOLATION_1';
export const CHAIN_2 = 'GANTRY_ISOLATION_2';
const ID = /^[0-9a-f]{12,64}$/;
const BRIDGE = /^[A-Za-z0-9_.-]{1,15}$/;

function findIptables(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/sbin', '/sbin'];
  return dirs.map((d) => path.join(d, 'iptables')).find((p) => existsSync(p)) ?? null;
}

let iptablesBin: string | null | undefined;
let warned = false;

/** Whether Gantry keeps its isolation chains here: root, iptables installed. Logs once when not. */
export function isolationChainAvailable(): boolean {
  iptablesBin ??= process.getuid?.() === 0 ? findIptables() : null;
  if (!iptablesBin && !warned) {
    warned = true;
    const why = process.getuid?.() === 0 ? 'iptables is not installed' : 'Gantry does not run as root';
    logger.warn(`Gantry keeps no network isolation rules of its own (${why}): Podman networks are kept apart by netavark's isolate option alone, which netavark 1.4 lifts for a while after any isolated network's teardown.`);
  }
  return !!iptablesBin;
}

/** One iptables call in the mangle table, waiting for the xtables lock; resolves whether it succeeded. */
function ipt(args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(iptablesBin!, ['-w', '-t', TABLE, ...args], { timeout: 60_000 }, (err, stdout, stderr) => resolve({ ok: !err, stdout: String(stdout), stderr: String(stderr) })),
  );
}

async function must(args: string[]): Promise<string> {
  const r = await ipt(args);
  if (!r.ok) throw new Error(`iptables -t ${TABLE} ${args.join(' ')} failed: ${r.stderr.trim() || 'no message'}`);
  return r.stdout;
}

/** The network's rule in each chain (without the chain name). */
export function rulesOf(net: IsolatedNetwork): [string, string[]][] {
  if (!ID.test(net.id) || !BRIDGE.test(net.bridge)) throw new Error(`Not a network id and bridge name: ${net.id} ${net.bridge}`);
  const tag = ['-m', 'comment', '--comment', `gantry:${net.id}`];
  return [
    // Chain 2 first: by the time traffic from the bridge is sent there, its DROP for the bridge is in place.
    [CHAIN_2, ['-o', net.bridge, ...tag, '-j', 'DROP']],
    [CHAIN_1, ['-i', net.bridge, '!', '-o', net.bridge, ...tag, '-j', CHAIN_2]],
  ];
}

/** The networks that have rules, read from `iptables -S` of both chains. */
export function parseRules(listing: string): IsolatedNetwork[] {
  const found = new Map<string, IsolatedNetwork>();
  for (const m of listing.matchAll(/^-A GANTRY_ISOLATION_[12] (?:-i \S+ ! )?-o (\S+) -m comment --comment "?gantry:([0-9a-f]{12,64})"? -j \S+$/gm)) {
    found.set(`${m[2]} ${m[1]}`, { id: m[2], bridge: m[1] });
  }
  return [...found.values()];
}

let queue: Promise<unknown> = Promise.resolve();

/** Edits of this process one at a time: several rollouts create and remove networks concurrently. */
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

async function ensureChains(): Promise<void> {
  for (const chain of [CHAIN_2, CHAIN_1]) {
    // Another process may create it between the check and -N: then the -S after a failed -N answers.
    if (!(await ipt(['-S', chain])).ok && !(await ipt(['-N', chain])).ok) await must(['-S', chain]);
  }
  if (!(await ipt(['-C', 'FORWARD', '-j', CHAIN_1])).ok) await must(['-I', 'FORWARD', '1', '-j', CHAIN_1]);
}

async function listed(): Promise<IsolatedNetwork[]> {
  const [one, two] = await Promise.all([ipt(['-S', CHAIN_1]), ipt(['-S', CHAIN_2])]);
  return parseRules(`${one.stdout}\n${two.stdout}`);
}

async function add(net: IsolatedNetwork): Promise<void> {
  for (const [chain, rule] of rulesOf(net)) {
    if (!(await ipt(['-C', chain, ...rule])).ok) await must(['-A', chain, ...rule]);
  }
}

async function drop(net: IsolatedNetwork): Promise<void> {
  // Chain 1 first (reverse of add); and every copy: two processes adding at once may both have appended.
  for (const [chain, rule] of rulesOf(net).reverse()) {
    while ((await ipt(['-C', chain, ...rule])).ok) {
      // Another process (a driver's rebuild, a removal of the same network) may delete it between the
      // check and ours: only a rule that is still there after a failed -D is an error.
      if (!(await ipt(['-D', chain, ...rule])).ok && (await ipt(['-C', chain, ...rule])).ok) await must(['-D', chain, ...rule]);
    }
  }
}

async function dropId(id: string): Promise<void> {
  for (const net of (await listed()).filter((n) => n.id === id)) await drop(net);
}

/**
 * Isolates a network Gantry just created or found (call before any container joins it). `exists`
 * asks the engine afterwards: a network another process removed meanwhile loses its rules again.
 */
export function isolateNetwork(net: IsolatedNetwork, exists: () => Promise<boolean>): Promise<void> {
  if (!isolationChainAvailable()) return Promise.resolve();
  return serialised(async () => {
    await ensureChains();
    await add(net);
    if (!(await exists())) await dropId(net.id);
  });
}

/** Removes the rules of a network Gantry removed. */
export function releaseNetwork(id: string): Promise<void> {
  if (!isolationChainAvailable()) return Promise.resolve();
  return serialised(() => dropId(id));
}

/**
 * Makes the chains say what the engine has (at driver start): rules for every Gantry network it
 * lists, none for a network that is gone (left by a crash; its bridge name may be another
 * network's by now). The chains are read BEFORE the engine is asked: a rule seen then belongs to a
 * network created before that, so a network missing from the later list was removed for good.
 * Networks listed but removed before their rules were added here are checked by a second listing.
 */
export function rebuildIsolation(list: () => Promise<IsolatedNetwork[]>): Promise<void> {
  if (!isolationChainAvailable()) return Promise.resolve();
  return serialised(async () => {
    await ensureChains();
    const before = await listed();
    const current = await list();
    const live = new Set(current.map((n) => n.id));
    for (const net of before.filter((n) => !live.has(n.id))) await drop(net);
    for (const net of current) await add(net);
    const had = new Set(before.map((n) => n.id));
    const added = current.filter((n) => !had.has(n.id));
    if (!added.length) return;
    const still = new Set((await list()).map((n) => n.id));
    for (const net of added.filter((n) => !still.has(n.id))) await drop(net);
  });
}
