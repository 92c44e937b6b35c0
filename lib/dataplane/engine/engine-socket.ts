/**
 * Small helpers about the Docker-compatible API socket: reading a DOCKER_HOST
 * style setting and asking the socket whether an engine answers.
 */
import http from 'node:http';
import { ServiceError } from '@/lib/errors';

/** Longest path a unix socket may have on Linux (sun_path is 108 bytes, NUL included). */
export const MAX_SOCKET_PATH = 107;

/**
 * The socket path of a DOCKER_HOST-style value: "unix:///run/podman/podman.sock"
 * or a plain absolute path ("/var/run/docker.sock"). Only unix sockets are
 * supported: the driver publishes ports on 127.0.0.1 and health-checks them
 * there, which only makes sense for an engine on this machine.
 */
export function socketPathOf(dockerHost: string): string {
  const value = dockerHost.trim();
  let p = value;
  if (/^unix:\/\//i.test(value)) p = value.slice('unix://'.length);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw ServiceError.invalid(
      `GANTRY_DOCKER_HOST "${value.slice(0, 200)}" is not supported: use a unix socket of an engine on this machine, e.g. unix:///run/podman/podman.sock or /var/run/docker.sock.`,
    );
  }
  if (!p.startsWith('/')) {
    throw ServiceError.invalid(`GANTRY_DOCKER_HOST must be an absolute socket path or unix:///path, not "${value.slice(0, 200)}".`);
  }
  if (Buffer.byteLength(p) > MAX_SOCKET_PATH) {
    throw ServiceError.invalid(`The socket path ${p.slice(0, 200)} is longer than ${MAX_SOCKET_PATH} bytes, which unix sockets do not allow.`);
  }
  return p;
}

/** GET /_ping on the socket; resolves true when an engine answers "OK", false otherwise (never rejects). */
export function pingSocket(socketPath: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        if (body.length < 64) body += d;
      });
      res.on('end', () => resolve(res.statusCode === 200 && body.trim() === 'OK'));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
  });
}
