import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { authorizeOrg } from './locate';
import { saveEntry } from './save-entry';
import { registerEntryInput } from './schemas';

/**
 * A platform engineer registers an existing resource by hand (input: `{ org, ...resource }`).
 * Registering an existing name + version again updates it, as a re-publish does.
 */
export async function registerMarketplaceEntry(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'marketplace:manage');
  const { org: _org, ...resource } = parse(registerEntryInput, input);
  return saveEntry(ctx, org, resource, { source: 'manual' });
}
