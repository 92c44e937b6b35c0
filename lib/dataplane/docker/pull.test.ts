import { describe, expect, it } from 'vitest';
import { describePullError, pullStreamError } from './pull';

// Messages as podman 4.3 reports them (captured from real pulls).
const img = '127.0.0.1:33613/ns/app@sha256:' + '6'.repeat(64);
const prefix = `initializing source docker://${img}: `;

describe('pull errors', () => {
  it('finds the error in a JSON-lines pull response', () => {
    expect(pullStreamError('{"stream":"Trying to pull"}\n{"error":"boom"}\n')).toBe('boom');
    expect(pullStreamError('{"status":"x"}\n{"errorDetail":{"message":"detail"},"error":"short"}')).toBe('detail');
    expect(pullStreamError('{"images":["abc"],"id":"abc"}\n')).toBeNull();
  });

  it('explains refused credentials, not transient', () => {
    const d = describePullError(`${prefix}reading manifest sha256:${'6'.repeat(64)} in 127.0.0.1:33613/ns/app: unauthorized: authentication required`, img, {
      kind: 'basic',
      serverAddress: '127.0.0.1:33613',
      username: 'u',
      password: 'secret-pw',
    });
    expect(d).toEqual({
      message: 'Pull failed: the registry 127.0.0.1:33613 refused access to 127.0.0.1:33613/ns/app (unauthorized: authentication required). Check the registry credentials (username and password or token).',
      transient: false,
    });
    expect(describePullError('unauthorized: authentication required', img, { kind: 'none' }).message).toMatch(/needs credentials/);
  });

  it('marks an unreachable registry transient, a missing manifest not', () => {
    const refused = describePullError(`${prefix}pinging container registry 127.0.0.1:1: Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused`, img, { kind: 'none' });
    expect(refused.transient).toBe(true);
    expect(refused.message).toMatch(/^Pull failed: the registry 127\.0\.0\.1:33613 is unreachable \(pinging container registry/);
    const missing = describePullError(`${prefix}reading manifest sha256:1 in 127.0.0.1:33613/ns/app: manifest unknown: manifest unknown`, img, { kind: 'none' });
    expect(missing).toEqual({ message: `Pull failed: ${img} does not exist in the registry 127.0.0.1:33613 (manifest unknown: manifest unknown).`, transient: false });
    const https = describePullError(`${prefix}pinging container registry 127.0.0.1:33613: Get "https://127.0.0.1:33613/v2/": http: server gave HTTP response to HTTPS client`, img, { kind: 'none' });
    expect(https).toMatchObject({ transient: false });
    expect(https.message).toMatch(/speaks plain HTTP.*mark the registry as insecure/);
  });
});
