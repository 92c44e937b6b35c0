/**
 * Getting a digest-pinned image onto the engine: skipped when the engine
 * already has it (an image is found by its manifest digest, so content is
 * identical by construction), otherwise pulled with the workload's credentials.
 *
 * On Podman the pull goes through Podman's own endpoint
 * (POST /v4.0.0/libpod/images/pull) because it takes `tlsVerify`; the
 * Docker-compatible endpoint (POST /images/create) ignores that parameter on
 * podman 4.3, so a plain-HTTP registry would only work once listed in
 * registries.conf. On Docker Engine the compat endpoint is used (Docker itself
 * treats 127.0.0.0/8 registries as insecure).
 *
 * Both endpoints answer 200 and report failures inside the JSON stream.
 */
import type Docker from 'dockerode';
import type { PullAuth } from '../types';
import { engineMessage, isEngineUnreachable, isNotFound, oneLine } from './engine-errors';

export interface PullFailure {
  message: string;
  transient: boolean;
}

export class PullError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'PullError';
  }
}

/** True when the engine has an image with this reference (for "host/repo@sha256:…": that manifest digest). */
export async function imagePresent(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

/** The X-Registry-Auth value dockerode sends (it base64-encodes the object). */
function authConfig(auth: PullAuth): Record<string, string> | undefined {
  if (auth.kind !== 'basic') return undefined;
  return { username: auth.username, password: auth.password, serveraddress: auth.serverAddress };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer | string>) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}

/** The first error reported in a JSON-lines pull response, if any. */
export function pullStreamError(body: string): string | null {
  for (const line of body.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      const msg = JSON.parse(t) as { error?: string; errorDetail?: { message?: string } };
      const err = msg.errorDetail?.message || msg.error;
      if (err) return err;
    } catch {
      /* not JSON: progress noise */
    }
  }
  return null;
}

export interface PullOptions {
  /** Use Podman's pull endpoint (takes tlsVerify); false for Docker Engine. */
  podman: boolean;
  /** Skip TLS verification / allow plain HTTP (Podman endpoint only). */
  insecure: boolean;
}

/** Pulls `image`; throws PullError with a message a person can act on. */
export async function pullImage(docker: Docker, image: string, auth: PullAuth, opts: PullOptions): Promise<void> {
  const authconfig = authConfig(auth);
  let body: string;
  try {
    const stream = opts.podman
      ? await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
          docker.modem.dial(
            {
              path: '/v4.0.0/libpod/images/pull?',
              method: 'POST',
              options: { reference: image, tlsVerify: !opts.insecure, quiet: true },
              authconfig,
              isStream: true,
              statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
            },
            (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
          ),
        )
      : ((await docker.createImage(authconfig as Docker.AuthConfig, { fromImage: image })) as NodeJS.ReadableStream);
    body = await readAll(stream);
  } catch (e) {
    if (isEngineUnreachable(e)) throw new PullError(`Pull failed: the container engine is unreachable (${engineMessage(e)}).`, true);
    const d = describePullError(engineMessage(e), image, auth);
    throw new PullError(d.message, d.transient);
  }
  const err = pullStreamError(body);
  if (err) {
    const d = describePullError(err, image, auth);
    throw new PullError(d.message, d.transient);
  }
}

function registryHostOf(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && /[.:]|^localhost$/.test(first) ? first : 'docker.io';
}

/** Turns the engine's pull error into something a person can act on; marks network trouble as transient. */
export function describePullError(raw: string, image: string, auth: PullAuth): PullFailure {
  // "initializing source docker://host/repo@sha256:…: reading manifest sha256:… in host/repo: unauthorized: …"
  let core = raw.replace(/^initializing source \S+?: /, '').replace(/^reading manifest \S+ in \S+: /, '');
  core = oneLine(core, 300);
  const host = registryHostOf(image);
  const repo = image.split('@')[0];
  if (/unauthorized|authentication required|access denied|denied:|invalid username|incorrect username|\b401\b|\b403\b/i.test(core)) {
    const hint = auth.kind === 'basic' ? 'Check the registry credentials (username and password or token).' : 'The registry needs credentials: add them to the registry in Gantry.';
    return { message: `Pull failed: the registry ${host} refused access to ${repo} (${core}). ${hint}`, transient: false };
  }
  if (/manifest unknown|name unknown|not found|\b404\b/i.test(core)) {
    return { message: `Pull failed: ${image} does not exist in the registry ${host} (${core}).`, transient: false };
  }
  if (/server gave HTTP response to HTTPS client/i.test(core)) {
    return { message: `Pull failed: the registry ${host} speaks plain HTTP, and the engine expects HTTPS; mark the registry as insecure (${core}).`, transient: false };
  }
  if (/x509|certificate/i.test(core)) {
    return { message: `Pull failed: the TLS certificate of the registry ${host} is not trusted (${core}).`, transient: false };
  }
  if (/connection refused|no such host|i\/o timeout|network is unreachable|no route to host|connection reset|TLS handshake timeout|server misbehaving|timeout|\bEOF\b|too many requests|\b429\b|\b50[0234]\b|temporarily unavailable/i.test(core)) {
    return { message: `Pull failed: the registry ${host} is unreachable (${core}).`, transient: true };
  }
  return { message: `Pull failed: ${core}`, transient: false };
}
