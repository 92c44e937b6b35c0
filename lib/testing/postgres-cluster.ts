import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/lib/util/net';

export interface ClusterOptions {
  /**
   * Addresses to listen on besides 127.0.0.1 — e.g. a container bridge's gateway, so that
   * containers reach it. Requires `password`: such connections must authenticate (scram).
   */
  listen?: string[];
  /** The `postgres` superuser's password; TCP connections then need a password (the Unix socket stays trust). */
  password?: string;
}

/**
 * A throwaway Postgres cluster of the test's own (initdb into a temp dir, on a free loopback
 * port), for faults that stop the server or a resource that containers use: the machine's
 * shared Postgres is never touched. Run as the `postgres` user when the test runs as root
 * (Postgres refuses root).
 */
export async function startPostgresCluster(opts: ClusterOptions = {}) {
  if (opts.listen?.length && !opts.password) throw new Error('A cluster listening beyond loopback needs a password.');
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    fs.chownSync(dir, uid, gid);
  }
  const pg = (tool: string, args: string[]) => {
    const cmd = path.join(bin, tool);
    return asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' });
  };
  if (opts.password) {
    const pwfile = path.join(dir, 'pwfile');
    fs.writeFileSync(pwfile, opts.password, { mode: 0o600 });
    if (asRoot) fs.chownSync(pwfile, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    pg('initdb', ['-D', data, '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '-U', 'postgres', '--no-sync', '--no-instructions']);
    fs.rmSync(pwfile);
    // Beyond loopback: any address may try, every one must authenticate.
    if (opts.listen?.length) fs.appendFileSync(path.join(data, 'pg_hba.conf'), '\nhost all all 0.0.0.0/0 scram-sha-256\n');
  } else {
    pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
  }
  const listen = ['127.0.0.1', ...(opts.listen ?? [])].join(',');
  const start = () => pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses=${listen} -c fsync=off -c max_connections=50`, 'start']);
  start();
  return {
    port,
    url: `postgres://postgres${opts.password ? `:${encodeURIComponent(opts.password)}` : ''}@127.0.0.1:${port}/postgres`,
    /** Stops the server (fast: connections are terminated), leaving its data in place. */
    stopServer: () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    startServer: start,
    destroy() {
      try {
        pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error('No Postgres server binaries under /usr/lib/postgresql: apt-get install -y postgresql');
  return path.join(root, versions[0], 'bin');
}
