import { parseEndpoints } from '@/lib/endpoints/parse';
import { endpointsTemplate } from '@/lib/endpoints/template';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { locateComponent } from './locate';
import { hasEndpoints, savedEndpoints, schemaFileNames } from './read-endpoints';
import { componentTarget } from './schemas';

/**
 * The component's endpoints.yaml: the saved text and what it declares, or, before anyone
 * saved one, a template built from the ports the image exposes and the endpoints it would
 * declare (`saved: false`: the endpoints "ready to be deployed" of the Endpoint pane).
 */
export async function getEndpoints(ctx: ServiceContext, input: unknown) {
  const { component } = await locateComponent(ctx, input, 'org:read');
  parse(componentTarget, input);
  const [row, files] = await Promise.all([savedEndpoints(ctx.db, component.id), schemaFileNames(ctx.db, component.id)]);
  const common = { applies: hasEndpoints(component.type), exposedPorts: component.ports.map((p) => p.port), schemaFiles: files };
  if (row) return { ...common, saved: true, yaml: row.yaml, format: row.format, endpoints: row.endpoints, updatedAt: row.updatedAt, updatedBy: row.updatedByLabel };
  const yaml = endpointsTemplate(component.name, component.ports);
  const template = parseEndpoints(yaml);
  return { ...common, saved: false, yaml, format: 'endpoints.yaml' as const, endpoints: template.ok && common.applies ? template.spec.endpoints : [], updatedAt: null, updatedBy: null };
}
