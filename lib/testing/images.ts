/**
 * Builds tiny test images with the podman CLI, without internet:
 * `FROM scratch` + busybox-static + /www/index.html, serving HTTP on 8080
 * (or deliberately misbehaving), and pushes them to test registries.
 *
 * podman runs with CONTAINERS_CONF pointing at the engine's own containers.conf
 * (lib/dataplane/engine/containers.conf): the CLI must see the networks the engine makes (netavark,
 * not the CNI backend Podman 4.3 picks on a machine with CNI files) and run containers as it does.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type TestImageVariant = 'http' | 'http-slow-start' | 'exit-immediately' | 'never-listen' | 'task-args' | 'task-exit-3' | 'task-sleep' | 'task-slow';

/** Absolute path of the project's podman containers.conf (the one the engine Gantry starts reads). */
export const CONTAINERS_CONF =
  process.env.GANTRY_CONTAINERS_CONF ??
  (typeof __dirname === 'string'
    ? path.resolve(__dirname, '../dataplane/engine/containers.conf')
    : path.resolve(process.cwd(), 'lib/dataplane/engine/containers.conf'));
const BUSYBOX = process.env.GANTRY_TEST_BUSYBOX ?? '/bin/busybox';

/** Environment for podman commands (project containers.conf). */
export function podmanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CONTAINERS_CONF, ...extra };
}

export interface PodmanResult {
  stdout: string;
  stderr: string;
}

/** Runs `podman <args>`; rejects with stderr in the message on failure. */
export function podman(args: string[], opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<PodmanResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'podman',
      args,
      { env: podmanEnv(opts.env), timeout: opts.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          const code = (err as { code?: unknown }).code;
          const detail = String(stderr).trim() || String(stdout).trim().slice(-500) || err.message;
          const e = new Error(`podman ${args.slice(0, 2).join(' ')} failed${typeof code === 'number' ? ` (exit ${code})` : ''}: ${detail}`);
          reject(e);
        } else {
          resolve({ stdout: String(stdout), stderr: String(stderr) });
        }
      },
    );
  });
}

function cmdFor(variant: TestImageVariant, message: string): string[] {
  switch (variant) {
    case 'http':
      return ['/bin/busybox', 'httpd', '-f', '-p', '8080', '-h', '/www'];
    case 'http-slow-start':
      // Serves like 'http' after 6 s: a rollout stays health-checking long enough to kill something meanwhile.
      return ['/bin/busybox', 'sh', '-c', '/bin/busybox sleep 6; exec /bin/busybox httpd -f -p 8080 -h /www'];
    case 'exit-immediately':
      // Prints the message, then exits with status 3 right away.
      return ['/bin/busybox', 'sh', '-c', `echo ${shellQuote(message)}; exit 3`];
    case 'never-listen':
      // Stays up but never opens port 8080.
      return ['/bin/busybox', 'sleep', '86400'];
    case 'task-args':
      // A task's default arguments (CMD): replaced by Run with Arguments.
      return ['default-args'];
    case 'task-exit-3':
      return ['/bin/busybox', 'sh', '-c', `echo ${shellQuote(message)}; echo 'failing on purpose' >&2; exit 3`];
    case 'task-slow':
      // Runs for a few seconds, logging before and after: long enough to kill the console in between.
      return ['/bin/busybox', 'sh', '-c', `echo ${shellQuote(message)}; echo started; /bin/busybox sleep 4; echo finished`];
    case 'task-sleep':
      // PID 1 without a SIGTERM handler: only the kill after the grace period ends it.
      return ['/bin/busybox', 'sh', '-c', `echo ${shellQuote(message)}; echo sleeping; exec /bin/busybox sleep 86400`];
  }
}

/** ENTRYPOINT of the variants that have one: task-args prints the message and its arguments (one per line), then exits 0. */
function entrypointFor(variant: TestImageVariant, message: string): string[] | null {
  if (variant !== 'task-args') return null;
  const script = `echo ${shellQuote(message)}; for a in "$@"; do echo "arg: $a"; done; echo "args: $#"`;
  return ['/bin/busybox', 'sh', '-c', script, 'task'];
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const cache = new Map<string, Promise<string>>();

/**
 * Builds (once per process per message+variant) a test image and returns its
 * local reference, e.g. "localhost/gantry-test/http:3f2a…".
 * The build is reproducible (--timestamp 0): the same inputs give the same digest.
 */
export function buildTestImage(opts: { message: string; variant?: TestImageVariant }): Promise<string> {
  const variant = opts.variant ?? 'http';
  const key = JSON.stringify([variant, opts.message]);
  let p = cache.get(key);
  if (!p) {
    p = doBuild(opts.message, variant);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

async function doBuild(message: string, variant: TestImageVariant): Promise<string> {
  const hash = createHash('sha256').update(variant).update('\0').update(message).digest('hex').slice(0, 16);
  const ref = `localhost/gantry-test/${variant}:${hash}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-image-'));
  try {
    await copyFile(BUSYBOX, path.join(dir, 'busybox'));
    await mkdir(path.join(dir, 'www'));
    await writeFile(path.join(dir, 'www', 'index.html'), `${message}\n`);
    const containerfile = [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'COPY www/index.html /www/index.html',
      'EXPOSE 8080',
      `LABEL org.opencontainers.image.title="gantry-test-${variant}"`,
      ...(entrypointFor(variant, message) ? [`ENTRYPOINT ${JSON.stringify(entrypointFor(variant, message))}`] : []),
      `CMD ${JSON.stringify(cmdFor(variant, message))}`,
      '',
    ].join('\n');
    await writeFile(path.join(dir, 'Containerfile'), containerfile);
    await podman(['build', '--quiet', '--timestamp', '0', '--pull=never', '-f', path.join(dir, 'Containerfile'), '-t', ref, dir]);
    return ref;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Pushes a multi-platform image index (manifest list) made of local images,
 * each labelled with the given platform, to `target`. Returns the index digest.
 * (All images are really amd64 busybox; the platform labels are what matters
 * to clients choosing an entry.)
 */
export async function pushImageIndex(
  entries: Array<{ localRef: string; os?: string; arch: string }>,
  target: string,
  creds?: { username: string; password: string },
  opts: { format?: 'oci' | 'v2s2' } = {},
): Promise<{ digest: string }> {
  const list = `localhost/gantry-test/index:${createHash('sha256').update(`${process.pid}-${Date.now()}-${Math.random()}`).digest('hex').slice(0, 16)}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-push-'));
  await podman(['manifest', 'create', list]);
  try {
    for (const e of entries) {
      await podman(['manifest', 'add', '--os', e.os ?? 'linux', '--arch', e.arch, list, `containers-storage:${e.localRef}`]);
    }
    const digestFile = path.join(dir, 'digest');
    const authFile = path.join(dir, 'auth.json');
    const registryHost = target.split('/')[0];
    const auths = creds
      ? { [registryHost]: { auth: Buffer.from(`${creds.username}:${creds.password}`).toString('base64') } }
      : {};
    await writeFile(authFile, JSON.stringify({ auths }), { mode: 0o600 });
    const args = ['manifest', 'push', '--all', '--quiet', '--tls-verify=false', '--authfile', authFile, '--digestfile', digestFile];
    if (opts.format) args.push('--format', opts.format);
    args.push(list, `docker://${target}`);
    await podman(args);
    const digest = (await readFile(digestFile, 'utf8')).trim();
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Error(`podman manifest push wrote an unexpected digest: ${digest}`);
    return { digest };
  } finally {
    await podman(['manifest', 'rm', list]).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Pushes a local image to `target` ("127.0.0.1:PORT/repo:tag") over plain
 * HTTP. Credentials go through a temporary auth file, not the command line.
 * Returns the manifest digest as podman pushed it (--digestfile).
 */
export async function pushImage(
  localRef: string,
  target: string,
  creds?: { username: string; password: string },
  opts: { format?: 'oci' | 'v2s2' } = {},
): Promise<{ digest: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-push-'));
  try {
    const digestFile = path.join(dir, 'digest');
    const authFile = path.join(dir, 'auth.json');
    const registryHost = target.split('/')[0];
    const auths = creds
      ? { [registryHost]: { auth: Buffer.from(`${creds.username}:${creds.password}`).toString('base64') } }
      : {};
    await writeFile(authFile, JSON.stringify({ auths }), { mode: 0o600 });
    const args = ['push', '--quiet', '--tls-verify=false', '--authfile', authFile, '--digestfile', digestFile];
    if (opts.format) args.push('--format', opts.format);
    args.push(localRef, `docker://${target}`);
    await podman(args);
    const digest = (await readFile(digestFile, 'utf8')).trim();
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Error(`podman push wrote an unexpected digest: ${digest}`);
    return { digest };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
