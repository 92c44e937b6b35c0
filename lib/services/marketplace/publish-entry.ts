import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { authorizeOrg } from './locate';
import { saveEntry } from './save-entry';
import { publishEntryInput } from './schemas';

/**
 * The verb behind the `gantry/marketplace-publish@v1` pipeline step:
 * input `{ org, runId, resource }`. Publishing the same name + version again updates that
 * entry (consumers then show "redeploy to apply"); a new version is a new entry.
 */
export async function publishMarketplaceEntry(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'marketplace:manage');
  const data = parse(publishEntryInput, input);
  return saveEntry(ctx, org, data.resource, { source: 'pipeline', runId: data.runId });
}
