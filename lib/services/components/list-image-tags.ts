import { listTags } from '@/lib/oci/client';
import type { ServiceContext } from '../context';
import { registryWithCredentials } from '../registries/registry-credentials';
import { noFields } from '../paths';
import { parse } from '../validation';
import { loadComponent } from './find-component';

const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * "Update Image Tag": the tags of the component's repository, read from its registry with
 * the registry's stored credentials. Registries answer in lexical order; numbers are
 * compared as numbers here and the newest-looking tag ("1.10" after "1.9") comes first.
 */
export async function listImageTags(ctx: ServiceContext, input: unknown) {
  const { org, component, body } = await loadComponent(ctx, input, 'org:read');
  parse(noFields, body);
  const registry = await registryWithCredentials(ctx.db, org.id, component.registryId);
  const tags = await listTags(component.repository, { credentials: registry.credentials, insecure: registry.insecure, max: 200 });
  return { repository: component.repository, tags: tags.sort((a, b) => naturalOrder.compare(b, a)) };
}
