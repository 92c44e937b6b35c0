import { parseDockerConfig } from '@/lib/registries/docker-config';
import type { Actor, ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { takeToken } from '../rate-limit';
import { parse } from '../validation';
import { checkConnection } from './check-connection';
import { registryInput, testDraftInput } from './schemas';

/** Draft tests per minute and caller: enough for a person at a form, too few to scan a network with. */
export const DRAFT_TESTS_PER_MINUTE = 20;

const caller = (a: Actor) => (a.type === 'user' ? `user:${a.userId}` : a.type === 'api-key' ? `api-key:${a.keyId}` : a.type);

/** Test connection from the form, before saving: nothing is stored. */
export async function testRegistryDraft(ctx: ServiceContext, input: unknown) {
  const { body } = await authorizeOrg(ctx, input, 'registries:manage');
  // The draft test connects to any host a caller types: bound it per caller, across organisations.
  await takeToken(ctx.db, `registry-draft-test:${caller(ctx.actor)}`, DRAFT_TESTS_PER_MINUTE, 'connection tests');
  const { registry, image } = parse(testDraftInput, body);
  const data = parse(registryInput, registry);
  switch (data.authType) {
    case 'docker-config': {
      const cred = parseDockerConfig(data.dockerConfig);
      return checkConnection({ host: cred.host, authType: data.authType, insecure: !!data.insecure, username: cred.username, password: cred.password, image });
    }
    case 'basic':
      return checkConnection({ host: data.host, authType: data.authType, insecure: !!data.insecure, username: data.username, password: data.password, image });
    case 'anonymous':
      return checkConnection({ host: data.host, authType: data.authType, insecure: !!data.insecure, image });
    case 'vendor':
      return checkConnection({ host: data.host, authType: data.authType, insecure: false });
  }
}
