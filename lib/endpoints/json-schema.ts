import { z } from 'zod';
import { componentYaml, endpointsYaml, typesNeedingContext } from './spec';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema the editor validates with (monaco-yaml), generated from the zod schemas
 * the server parses with. Zod's refinements do not travel, so the one cross-field rule an
 * editor can still show as you type ("REST, GraphQL and WS need a context") is added as
 * an if/then; the rest (unique names, ports, uploaded files) come back as server markers.
 */
export function endpointsJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(z.union([endpointsYaml, componentYaml]), { target: 'draft-7', unrepresentable: 'any' }) as JsonSchema;
  const [legacy, modern] = schema.anyOf as JsonSchema[];
  requireWhenRouted(legacy, ['context']);
  requireWhenRouted(modern, ['service', 'basePath']);
  return {
    $schema: schema.$schema,
    title: 'endpoints.yaml',
    description: 'The endpoints a service exposes: Choreo endpoints.yaml (version: 0.1) or the component.yaml form (schemaVersion: 1.2).',
    anyOf: [legacy, modern],
  };
}

function requireWhenRouted(root: JsonSchema, path: ['context'] | ['service', 'basePath']) {
  const item = ((root.properties as Record<string, JsonSchema>).endpoints.items ?? {}) as JsonSchema;
  const routed = { properties: { type: { enum: [...typesNeedingContext] } }, required: ['type'] };
  const then = path.length === 1 ? { required: ['context'] } : { properties: { service: { required: ['basePath'] } } };
  item.allOf = [...((item.allOf as JsonSchema[]) ?? []), { if: routed, then }];
}
