import { endpointsTemplate } from '@/lib/endpoints/template';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { locateComponent } from './locate';
import { savedEndpoints, schemaFileNames } from './read-endpoints';
import { componentTarget } from './schemas';

/**
 * The component's endpoints.yaml: the saved text and what it declares, or, before anyone
 * saved one, a template built from the ports the image exposes (`saved: false`).
 */
export async function getEndpoints(ctx: ServiceContext, input: unknown) {
  const { component } = await locateComponent(ctx, input, 'org:read');
  parse(componentTarget, input);
  const [row, files] = await Promise.all([savedEndpoints(ctx.db, component.id), schemaFileNames(ctx.db, component.id)]);
  const exposedPorts = component.ports.map((p) => p.port);
  if (!row) {
    return { saved: false, yaml: endpointsTemplate(component.name, component.ports), format: 'endpoints.yaml' as const, endpoints: [], exposedPorts, schemaFiles: files, updatedAt: null, updatedBy: null };
  }
  return { saved: true, yaml: row.yaml, format: row.format, endpoints: row.endpoints, exposedPorts, schemaFiles: files, updatedAt: row.updatedAt, updatedBy: row.updatedByLabel };
}
