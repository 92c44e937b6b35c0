import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryErrorReason } from '@/lib/oci/client';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { freePort } from '@/lib/util/net';
import { resolveImage } from './resolve-image';

/**
 * The one mapping of a registry's answer to the image field: whatever the registry says while
 * an image is resolved (missing tag, refused credentials, unreachable) reaches the form as a
 * field error on `image`, with its reason kept, so no caller needs to re-map it.
 */
let reg: TestRegistry;
const registryOn = (host: string, credentials?: { username: string; password: string }) => ({ id: 'r', host, authType: 'basic' as const, insecure: false, displayName: 'Test', credentials });

beforeAll(async () => {
  reg = await startRegistry({ auth: 'basic', username: 'alice', password: 'resolve-S3cret' });
}, 60_000);
afterAll(async () => {
  await reg?.stop();
});

describe('resolveImage: registry answers are image field errors', () => {
  it.each([
    ['a repository that does not exist', () => resolveImage(registryOn(reg.host, { username: 'alice', password: 'resolve-S3cret' }), `${reg.host}/team/nope:1.0`), 'repository_not_found'],
    ['refused credentials', () => resolveImage(registryOn(reg.host, { username: 'alice', password: 'wrong' }), `${reg.host}/team/app:1.0`), 'credentials_rejected'],
    ['an unreachable registry', async () => {
      const host = `127.0.0.1:${await freePort()}`;
      return resolveImage(registryOn(host), `${host}/team/app:1.0`);
    }, 'unreachable'],
  ])('%s', async (_what, run, reason) => {
    const e = await run().then(() => undefined, (err: unknown) => err);
    expect(registryErrorReason(e)).toBe(reason);
    expect(e).toMatchObject({ details: { fields: { image: (e as Error).message } } });
  });

  it('an image on another registry is refused under the image field before anything is asked', async () => {
    await expect(resolveImage(registryOn(reg.host), 'ghcr.io/team/app:1.0')).rejects.toMatchObject({ code: 'invalid', details: { fields: { image: expect.stringMatching(/ghcr\.io/) } } });
  });
});
