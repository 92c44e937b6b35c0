import { componentEndpoints } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { parseEndpoints, type SpecProblem } from '@/lib/endpoints/parse';
import { actorLabel, audit, type ServiceContext } from '../context';
import type { LocatedComponent } from './locate';
import { hasEndpoints, schemaFileNames } from './read-endpoints';

/** The 422 for a text that does not validate: every problem with its line and column. */
export function specError(problems: SpecProblem[]): ServiceError {
  const p = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new ServiceError('invalid', `endpoints.yaml line ${p.line}, column ${p.column}: ${p.message}${more}`, { fields: { yaml: p.message }, problems });
}

/** Validates against the image's ports and the uploaded schema files, then stores text and parse in one write. */
export async function saveEndpoints(ctx: ServiceContext, loc: LocatedComponent, yaml: string) {
  const { org, project, component } = loc;
  if (!hasEndpoints(component.type)) throw ServiceError.invalid('Only services and web applications expose endpoints.');
  return ctx.db.transaction(async (tx) => {
    const files = await schemaFileNames(tx, component.id);
    const result = parseEndpoints(yaml, { exposedPorts: component.ports.map((p) => p.port), schemaFiles: files });
    if (!result.ok) throw specError(result.problems);
    const values = { yaml, format: result.spec.format, endpoints: result.spec.endpoints, updatedByLabel: actorLabel(ctx.actor), updatedAt: new Date() };
    await tx.insert(componentEndpoints).values({ componentId: component.id, ...values }).onConflictDoUpdate({ target: componentEndpoints.componentId, set: values });
    await audit(tx, ctx, org.id, {
      action: 'endpoints.update',
      targetType: 'component',
      targetId: component.id,
      targetLabel: `${project.name}/${component.name}`,
      data: { endpoints: result.spec.endpoints.map((e) => `${e.name}:${e.type}:${e.port}:${e.visibilities.join('+')}`) },
    });
    return { saved: true, yaml, format: result.spec.format, endpoints: result.spec.endpoints, schemaFiles: files, updatedAt: values.updatedAt, updatedBy: values.updatedByLabel };
  });
}
