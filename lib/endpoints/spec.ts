import { z } from 'zod';

/**
 * The two endpoint formats a Choreo user knows, as zod schemas. The server validates with
 * them and the editor's JSON Schema is generated from them (json-schema.ts), so the squiggles
 * in the browser and the 422 of the server say the same thing. Every key has a description:
 * it is the hover text in the editor.
 */

export const endpointTypes = ['REST', 'GraphQL', 'GRPC', 'TCP', 'UDP', 'WS'] as const;
export type EndpointType = (typeof endpointTypes)[number];
export const visibilities = ['Project', 'Organization', 'Public'] as const;
export type Visibility = (typeof visibilities)[number];

/** HTTP-like endpoints are routed by path, so they need a context (base path). */
export const typesNeedingContext: readonly EndpointType[] = ['REST', 'GraphQL', 'WS'];

const name = z
  .string()
  .min(1, 'An endpoint name is required.')
  .max(50, 'An endpoint name is at most 50 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'An endpoint name has letters, digits, "-" and "_", and starts with a letter or digit.')
  .describe('A unique name for the endpoint within the component (letters, digits, "-", "_").');

const port = z
  .number({ message: 'The port is a number between 1 and 65535.' })
  .int('The port is a whole number.')
  .min(1, 'The port is between 1 and 65535.')
  .max(65535, 'The port is between 1 and 65535.')
  .describe('The container port the service listens on for this endpoint. It must be one of the ports the image exposes.');

const type = z
  .enum(endpointTypes, { message: `The type is one of: ${endpointTypes.join(', ')}.` })
  .describe('The protocol of the endpoint: REST, GraphQL, GRPC, TCP, UDP or WS (WebSocket). REST, GraphQL and WS need a context.');

const visibilityText = 'Project: reachable only from components of the same project in the same environment. Organization: from any component of the organization in that environment. Public: from outside, through the gateway, at a stable URL.';
const visibility = z.enum(visibilities, { message: `The network visibility is one of: ${visibilities.join(', ')}.` }).describe(visibilityText);

/** A base path: starts with "/", no "..", no spaces or query; what the gateway routes on. */
export const contextPath = z
  .string()
  .max(200, 'A context is at most 200 characters.')
  .refine((s) => s.startsWith('/'), 'A context starts with "/" (for example /greeter).')
  .refine((s) => !s.split('/').some((seg) => seg === '..' || seg === '.'), 'A context may not contain "." or ".." segments.')
  .refine((s) => /^[A-Za-z0-9/_~.-]*$/.test(s), 'A context has letters, digits and / _ ~ . - only (no spaces, query or fragment).')
  // The refinements do not reach the editor's JSON Schema; this pattern says most of them there.
  .meta({ pattern: '^/[A-Za-z0-9/_~.-]*$' });

const schemaFilePath = z
  .string()
  .max(100, 'A schema file name is at most 100 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Reference an uploaded schema file by its file name (for example openapi.yaml), without folders.')
  .describe('The file name of an uploaded OpenAPI (REST) or GraphQL SDL (GraphQL) schema file. Upload it beside the editor, then reference it by name.');

/** Choreo's `endpoints.yaml` (version 0.1). */
export const endpointsYamlEndpoint = z
  .strictObject({
    name,
    port,
    type,
    networkVisibility: visibility,
    context: contextPath.describe('The base path of the endpoint (for example /greeter). Required for REST, GraphQL and WS; it is part of the stable public URL.').optional(),
    schemaFilePath: schemaFilePath.optional(),
  })
  .describe('One endpoint the service exposes.');

export const endpointsYaml = z
  .strictObject({
    version: z
      .union([z.literal(0.1), z.literal('0.1')], { message: 'The version of an endpoints.yaml is 0.1.' })
      .describe('The endpoints.yaml format version. Always 0.1.'),
    endpoints: z.array(endpointsYamlEndpoint).max(20, 'At most 20 endpoints.').describe('The endpoints the service exposes.'),
  })
  .describe('endpoints.yaml: the endpoints a service exposes (Choreo format, version 0.1).');

/** The newer `component.yaml` endpoint form (schemaVersion 1.2). */
export const componentYamlEndpoint = z
  .strictObject({
    name,
    displayName: z.string().max(100, 'A display name is at most 100 characters.').describe('A name to show for the endpoint.').optional(),
    service: z
      .strictObject({
        basePath: contextPath.describe('The base path of the endpoint (for example /greeter). Required for REST, GraphQL and WS.').optional(),
        port,
      })
      .describe('Where the service answers: its port and base path.'),
    type,
    networkVisibilities: z
      .array(visibility)
      .min(1, 'List at least one network visibility.')
      .max(3)
      .describe(`The network visibilities of the endpoint. ${visibilityText}`),
    schemaFilePath: schemaFilePath.optional(),
  })
  .describe('One endpoint the service exposes.');

export const componentYaml = z
  .strictObject({
    schemaVersion: z
      .union([z.literal(1.2), z.literal('1.2')], { message: 'The schemaVersion of a component.yaml is 1.2.' })
      .describe('The component.yaml format version. Gantry reads 1.2.'),
    endpoints: z.array(componentYamlEndpoint).max(20, 'At most 20 endpoints.').describe('The endpoints the service exposes.'),
  })
  .describe('component.yaml (schemaVersion 1.2): the endpoints section of the newer Choreo component descriptor.');

/** One endpoint, whichever format declared it. */
export interface Endpoint {
  name: string;
  displayName?: string;
  port: number;
  type: EndpointType;
  visibilities: Visibility[];
  context?: string;
  schemaFile?: string;
}

export type EndpointsFormat = 'endpoints.yaml' | 'component.yaml';

export interface EndpointsSpec {
  format: EndpointsFormat;
  endpoints: Endpoint[];
}

/** The widest visibility decides who can reach an endpoint at all. */
export function widestVisibility(v: readonly Visibility[]): Visibility {
  return v.includes('Public') ? 'Public' : v.includes('Organization') ? 'Organization' : 'Project';
}

export function fromEndpointsYaml(v: z.output<typeof endpointsYaml>): EndpointsSpec {
  return {
    format: 'endpoints.yaml',
    endpoints: v.endpoints.map((e) => ({ name: e.name, port: e.port, type: e.type, visibilities: [e.networkVisibility], context: e.context, schemaFile: e.schemaFilePath })),
  };
}

export function fromComponentYaml(v: z.output<typeof componentYaml>): EndpointsSpec {
  return {
    format: 'component.yaml',
    endpoints: v.endpoints.map((e) => ({
      name: e.name,
      displayName: e.displayName,
      port: e.service.port,
      type: e.type,
      visibilities: [...new Set(e.networkVisibilities)],
      context: e.service.basePath,
      schemaFile: e.schemaFilePath,
    })),
  };
}
