/**
 * Keeps Podman's network isolation on while networks come and go (netavark 1.4, Debian 12).
 *
 * Networks created with `isolate=true` are kept apart by two iptables chains that every such
 * network adds its bridge to (`NETAVARK_ISOLATION_1/2`, never deleted once made), entered through
 * ONE jump shared by all of them: `FORWARD -j NETAVARK_ISOLATION_1`. netavark 1.4 deletes that
 * shared jump when ANY isolated network's last container leaves (its teardown removes it like a
 * rule of its own) and adds it back only when a network is set up again: until then every project
 * network could reach every other one — and the teardown may be any podman's on the host.
 *
 * So Gantry adds a jump of its own into the same chain, told apart by a comment:
 * `FORWARD -m comment --comment gantry-isolation -j NETAVARK_ISOLATION_1`, at the top of FORWARD
 * (above netavark's ACCEPTing `NETAVARK_FORWARD` jump, which netavark never moves or removes).
 * netavark deletes by exact rule, so no teardown of any podman matches ours; the isolation rules
 * themselves stay netavark's. The engine Gantry starts runs netavark through a small wrapper that
 * adds our jump after netavark ran, once its chain exists (the first isolated network's setup):
 * from then on there is no moment without a jump. The wrapper is found first through
 * `helper_binaries_dir` in a containers.conf written next to it (the project's settings plus that line).
 *
 * An engine Gantry does not start (GANTRY_DOCKER_HOST) is the operator's: Docker Engine isolates
 * its networks itself; a Podman they run with netavark's iptables backend needs the same care
 * (netavark's source still deletes the shared jump on teardown in 1.17).
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const HELPER_DIRS = ['/usr/local/libexec/podman', '/usr/local/lib/podman', '/usr/libexec/podman', '/usr/lib/podman'];

export function findNetavark(): string | null {
  return HELPER_DIRS.map((d) => path.join(d, 'netavark')).find((p) => existsSync(p)) ?? null;
}

/** Our jump into netavark's isolation chain; its comment keeps netavark's deletes from matching it. */
export const ISOLATION_JUMP = '-m comment --comment gantry-isolation -j NETAVARK_ISOLATION_1';

export function wrapperScript(netavark: string): string {
  return `#!/bin/sh
# Written by Gantry (lib/dataplane/engine/netavark-isolation.ts): runs netavark, then makes sure
# Gantry's own jump into netavark's isolation chain is in FORWARD once that chain exists.
${JSON.stringify(netavark)} "$@"
rc=$?
ipt=$(command -v iptables || echo /usr/sbin/iptables)
if "$ipt" -w -S NETAVARK_ISOLATION_1 >/dev/null 2>&1; then
  # One check-and-insert at a time on this host, so racing setups add one jump, not two.
  # Not /tmp as a fallback: as root, a redirect there could follow a link someone else planted.
  lock=/run/lock/gantry-isolation.lock; [ -d /run/lock ] || lock="$(dirname "$0")/isolation.lock"
  (
    command -v flock >/dev/null && flock 9
    "$ipt" -w -C FORWARD ${ISOLATION_JUMP} 2>/dev/null || "$ipt" -w -I FORWARD 1 ${ISOLATION_JUMP}
  ) 9>"$lock"
fi
exit $rc
`;
}

/** The project's containers.conf with the wrapper's directory searched first for netavark (and the usual ones for aardvark-dns). */
export function withHelperDir(conf: string, dir: string): string {
  const line = `helper_binaries_dir = ${JSON.stringify([dir, ...HELPER_DIRS])}`;
  const lines = conf.split('\n').filter((l) => !/^\s*helper_binaries_dir\s*=/.test(l));
  const engine = lines.findIndex((l) => l.trim() === '[engine]');
  if (engine < 0) return `${lines.join('\n').trimEnd()}\n\n[engine]\n${line}\n`;
  lines.splice(engine + 1, 0, line);
  return lines.join('\n');
}

/**
 * Writes the wrapper and a containers.conf using it under `dataDir`, returns that file's path;
 * `baseConf` itself when netavark is not installed (nothing to wrap) or we are not root (no iptables).
 */
export async function isolatingContainersConf(dataDir: string, baseConf: string): Promise<string> {
  const netavark = findNetavark();
  if (!netavark || process.getuid?.() !== 0) return baseConf;
  const dir = path.join(dataDir, 'engine-helpers');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const wrapper = path.join(dir, 'netavark');
  await writeFile(wrapper, wrapperScript(netavark), { mode: 0o700 });
  await chmod(wrapper, 0o700);
  const conf = path.join(dataDir, 'containers.conf');
  await writeFile(conf, withHelperDir(await readFile(baseConf, 'utf8'), dir), { mode: 0o600 });
  return conf;
}
