// Debian packages the console and its tests drive for real, installed when missing (as root).
import { spawnSync } from 'node:child_process';

export const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

/** [command, package] pairs; returns false (after saying what to install) when something is missing and cannot be installed. */
export function ensurePackages(list, { required = true } = {}) {
  const missing = [...new Set(list.filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return true;
  const say = required ? console.error : console.warn;
  if (process.getuid?.() !== 0) {
    say(`Missing system packages: ${missing.join(' ')}\nInstall them with: sudo apt-get install -y ${missing.join(' ')}`);
    return false;
  }
  console.log(`Installing ${missing.join(' ')} …`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], env) !== 0 || run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], env) !== 0) {
    say(`Could not install ${missing.join(' ')}. Install them and try again.`);
    return false;
  }
  return true;
}

/**
 * What the local data plane needs: Podman's API service with runc, and the netavark network
 * backend with aardvark-dns, which give every project network its DNS ("<component>.<project>");
 * without them Podman 4.3 falls back to CNI networks without names. iptables keeps networks
 * isolated (lib/dataplane/engine/netavark-isolation.ts). Debian keeps the helpers off PATH,
 * hence the full paths.
 */
export const enginePackages = [
  ['podman', 'podman'],
  ['runc', 'runc'],
  ['/usr/lib/podman/netavark', 'netavark'],
  ['/usr/lib/podman/aardvark-dns', 'aardvark-dns'],
  ['iptables', 'iptables'],
];
