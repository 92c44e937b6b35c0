import { parseDockerConfig } from '@/lib/registries/docker-config';
import { authorize, type ServiceContext } from '../context';
import { parse } from '../validation';
import { checkConnection } from './check-connection';
import { registryInput, testDraftInput } from './schemas';

/** Test connection from the form, before saving: nothing is stored. */
export async function testRegistryDraft(ctx: ServiceContext, orgSlug: string, input: unknown) {
  await authorize(ctx, orgSlug, 'registries:manage');
  const { registry, image } = parse(testDraftInput, input);
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
