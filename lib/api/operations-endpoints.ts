import { z } from 'zod';
import { putEndpointsBody, updateEndpointBody, uploadSchemaFileBody } from '@/lib/services/endpoints/schemas';
import { describe, projectParams } from './registry';

const componentParams = projectParams.extend({ component: z.string().describe('Component name') });
const tags = ['endpoints'];
const endpoint = z.object({
  name: z.string(),
  displayName: z.string().optional(),
  port: z.number(),
  type: z.enum(['REST', 'GraphQL', 'GRPC', 'TCP', 'UDP', 'WS']),
  visibilities: z.array(z.enum(['Project', 'Organization', 'Public'])),
  context: z.string().optional(),
  schemaFile: z.string().optional(),
});
const endpointsView = z.object({
  applies: z.boolean().describe('false for tasks, which expose no endpoints').optional(),
  saved: z.boolean().describe('false: nothing saved yet; yaml is a template built from the image\'s exposed ports'),
  yaml: z.string(),
  format: z.enum(['endpoints.yaml', 'component.yaml']),
  endpoints: z.array(endpoint),
  exposedPorts: z.array(z.number()).optional(),
  schemaFiles: z.array(z.string()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
const summary = z.object({
  spec: z.string(),
  title: z.string().optional(),
  version: z.string().optional(),
  operations: z.array(z.object({ method: z.string(), path: z.string(), summary: z.string().optional() })),
  types: z.array(z.object({ name: z.string(), kind: z.string() })),
});
const fileView = z.object({ name: z.string(), kind: z.enum(['openapi', 'graphql']), size: z.number(), summary, updatedAt: z.string(), updatedBy: z.string() });
const fileParams = componentParams.extend({ name: z.string().describe('Schema file name') });
const base = '/api/v1/orgs/{org}/projects/{project}/components/{component}';

describe({ method: 'get', path: `${base}/endpoints`, summary: 'The endpoints.yaml text and the endpoints it declares (a template from the exposed ports until one is saved)', tags, params: componentParams, response: endpointsView });
describe({
  method: 'put',
  path: `${base}/endpoints`,
  summary: 'Replace the endpoints.yaml (endpoints.yaml version 0.1 or component.yaml schemaVersion 1.2). 422: details.problems lists every problem with line and column; nothing is saved.',
  tags,
  params: componentParams,
  body: putEndpointsBody,
  response: endpointsView.omit({ exposedPorts: true, applies: true }),
});
describe({ method: 'patch', path: `${base}/endpoints/{name}`, summary: 'Quick edit of one endpoint: network visibility and/or context ("" removes it); comments in the YAML are kept', tags, params: componentParams.extend({ name: z.string().describe('Endpoint name') }), body: updateEndpointBody, response: endpointsView.omit({ exposedPorts: true, applies: true }) });
describe({ method: 'get', path: `${base}/schema-files`, summary: 'Uploaded OpenAPI / GraphQL SDL files with their operations or types', tags, params: componentParams, response: z.object({ items: z.array(fileView) }) });
describe({
  method: 'post',
  path: `${base}/schema-files`,
  summary: 'Upload or replace a schema file (≤ 1 MiB; OpenAPI 2.0/3.0/3.1 YAML or JSON, or GraphQL SDL), validated first; external $refs are refused and never fetched',
  tags,
  params: componentParams,
  body: uploadSchemaFileBody,
  status: 201,
  response: fileView,
});
describe({ method: 'get', path: `${base}/schema-files/{name}`, summary: 'One schema file with its content', tags, params: fileParams, response: fileView.extend({ content: z.string() }) });
describe({ method: 'delete', path: `${base}/schema-files/{name}`, summary: 'Remove a schema file (409 while the saved endpoints.yaml references it)', tags, params: fileParams, status: 204 });
