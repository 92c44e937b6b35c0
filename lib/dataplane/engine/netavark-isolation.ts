/**
 * Keeps Podman's network isolation on while networks come and go (netavark 1.4, Debian 12).
 *
 * Networks created with `isolate=true` are kept apart by two iptables chains that every such
 * network adds its bridge to, and ONE jump shared by all of them: `FORWARD -j NETAVARK_ISOLATION_1`.
 * netavark 1.4 removes that shared jump when ANY isolated network's last container leaves (its
 * teardown deletes it like a rule of its own) and adds it back only when a network is set up
 * again: until then every project network can reach every other one. Gantry's networks come and
 * go all the time (one per project and environment, removed when unused), so the engine Gantry
 * starts runs netavark through a small wrapper that puts the jump back after a teardown whenever
 * isolated networks remain. The wrapper is found first through `helper_binaries_dir` in a
 * containers.conf written next to it (the project's settings plus that line).
 *
 * An engine Gantry does not start (GANTRY_DOCKER_HOST) is the operator's: Docker Engine isolates
 * its networks itself; a Podman they run needs netavark ≥ 1.6 or the same care.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const HELPER_DIRS = ['/usr/local/libexec/podman', '/usr/local/lib/podman', '/usr/libexec/podman', '/usr/lib/podman'];

export function findNetavark(): string | null {
  return HELPER_DIRS.map((d) => path.join(d, 'netavark')).find((p) => existsSync(p)) ?? null;
}

export function wrapperScript(netavark: string): string {
  return `#!/bin/sh
# Written by Gantry (lib/dataplane/engine/netavark-isolation.ts): runs netavark, then puts back the
# shared isolation jump a teardown removed while isolated networks remain.
${JSON.stringify(netavark)} "$@"
rc=$?
case " $* " in
  *" teardown "*)
    ipt=$(command -v iptables || echo /usr/sbin/iptables)
    if "$ipt" -w -S NETAVARK_ISOLATION_1 2>/dev/null | grep -q -- ' -i '; then
      "$ipt" -w -C FORWARD -j NETAVARK_ISOLATION_1 2>/dev/null || "$ipt" -w -I FORWARD 1 -j NETAVARK_ISOLATION_1
    fi
    ;;
esac
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
