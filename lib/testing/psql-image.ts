/**
 * A `psql` image for tests, built without internet from the host's Debian PostgreSQL client:
 * the real binary (/usr/lib/postgresql/<v>/bin/psql, not the Perl wrapper in /usr/bin), every
 * shared library `ldd` lists at its own path, busybox with a few applets for scripts, a world-
 * writable /tmp and an /etc/passwd (libpq looks the user up). `FROM scratch`, built with podman.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { podman } from './images';

const BUSYBOX = process.env.GANTRY_TEST_BUSYBOX ?? '/bin/busybox';
const applets = ['sh', 'echo', 'cat', 'printf', 'test', 'true', 'false', 'env', 'tr', 'head', 'grep', 'sleep', 'httpd', 'mkdir'];

/** The newest installed client: /usr/lib/postgresql/<v>/bin/psql. */
export function psqlBinary(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => path.join(root, v, 'bin', 'psql')).find((p) => fs.existsSync(p));
  if (!bin) throw new Error('No psql under /usr/lib/postgresql: apt-get install -y postgresql-client');
  return bin;
}

/** Absolute paths of the shared objects a binary loads, the dynamic loader included. */
export function sharedLibraries(binary: string): string[] {
  const out = execFileSync('ldd', [binary]).toString();
  const libs = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) libs.add(m[1]);
  }
  return [...libs];
}

let built: Promise<string> | undefined;

/** "localhost/gantry-test/psql:<v>", built once per process. */
export function buildPsqlImage(): Promise<string> {
  built ??= (async () => {
    const psql = psqlBinary();
    const version = path.basename(path.dirname(path.dirname(psql)));
    const ref = `localhost/gantry-test/psql:${version}`;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-psql-'));
    try {
      const root = path.join(dir, 'root');
      const place = async (from: string, to = from) => {
        await mkdir(path.join(root, path.dirname(to)), { recursive: true });
        // Libraries are often symlinks (libpq.so.5 → libpq.so.5.15): copy what they point at.
        await copyFile(fs.realpathSync(from), path.join(root, to));
      };
      await place(psql, '/usr/bin/psql');
      for (const lib of sharedLibraries(psql)) await place(lib);
      await place(BUSYBOX, '/bin/busybox');
      for (const a of applets) await symlink('busybox', path.join(root, 'bin', a));
      await mkdir(path.join(root, 'etc'));
      await writeFile(path.join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n');
      await writeFile(path.join(root, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
      await mkdir(path.join(root, 'tmp'));
      await chmod(path.join(root, 'tmp'), 0o1777);
      await mkdir(path.join(root, 'www'));
      await writeFile(path.join(root, 'www', 'index.html'), 'psql\n');
      await writeFile(path.join(dir, 'Containerfile'), ['FROM scratch', 'COPY root/ /', 'ENV PATH=/usr/bin:/bin', 'CMD ["/usr/bin/psql", "--version"]', ''].join('\n'));
      await podman(['build', '--quiet', '--timestamp', '0', '--pull=never', '-f', path.join(dir, 'Containerfile'), '-t', ref, dir]);
      return ref;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  built.catch(() => (built = undefined));
  return built;
}

/**
 * An image FROM the psql image whose start runs `script` (sh) and then serves /www on 8080,
 * so it deploys as a service.
 */
export async function buildPsqlServiceImage(name: string, script: string): Promise<string> {
  const base = await buildPsqlImage();
  const ref = `localhost/gantry-test/${name}:1`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-psql-svc-'));
  try {
    const cmd = ['/bin/sh', '-c', `${script}\nexec /bin/busybox httpd -f -p 8080 -h /www`];
    await writeFile(path.join(dir, 'Containerfile'), [`FROM ${base}`, 'EXPOSE 8080', `CMD ${JSON.stringify(cmd)}`, ''].join('\n'));
    await podman(['build', '--quiet', '--timestamp', '0', '--pull=never', '-f', path.join(dir, 'Containerfile'), '-t', ref, dir]);
    return ref;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
