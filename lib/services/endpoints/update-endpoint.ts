import { isMap, isSeq, parseDocument } from 'yaml';
import { endpointsTemplate } from '@/lib/endpoints/template';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { locateComponent } from './locate';
import { savedEndpoints } from './read-endpoints';
import { saveEndpoints } from './save-endpoints';
import { updateEndpointInput } from './schemas';

/**
 * The Endpoint pane's quick edit (the pencil next to an endpoint): changes one endpoint's
 * visibility and/or context inside the YAML text, keeping the person's comments and layout,
 * then saves through the same validation as the editor.
 */
export async function updateEndpoint(ctx: ServiceContext, input: unknown) {
  const loc = await locateComponent(ctx, input, 'endpoints:manage');
  const data = parse(updateEndpointInput, input);
  const row = await savedEndpoints(ctx.db, loc.component.id);
  const doc = parseDocument(row?.yaml ?? endpointsTemplate(loc.component.name, loc.component.ports));
  const list = doc.get('endpoints');
  const index = isSeq(list) ? list.items.findIndex((item) => isMap(item) && item.get('name') === data.name) : -1;
  if (index < 0) throw ServiceError.notFound(`Endpoint "${data.name}"`);
  const componentYaml = doc.has('schemaVersion');
  if (data.networkVisibility) {
    if (componentYaml) doc.setIn(['endpoints', index, 'networkVisibilities'], doc.createNode([data.networkVisibility], { flow: false }));
    else doc.setIn(['endpoints', index, 'networkVisibility'], data.networkVisibility);
  }
  if (data.context !== undefined) {
    const path = componentYaml ? ['endpoints', index, 'service', 'basePath'] : ['endpoints', index, 'context'];
    if (data.context === '') doc.deleteIn(path);
    else doc.setIn(path, data.context);
  }
  return saveEndpoints(ctx, loc, doc.toString());
}
