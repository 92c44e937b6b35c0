import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** Every REST route describes itself here, with the same zod schemas the verbs validate with. */
export const registry = new OpenAPIRegistry();

registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'Organisation API key (gak_…)' });
registry.registerComponent('securitySchemes', 'ciToken', { type: 'http', scheme: 'bearer', description: 'Component-bound CI token (gct_…)' });
registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' });

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(['invalid', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'unavailable', 'internal']),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

const errors = {
  400: { description: 'Malformed JSON', content: { 'application/json': { schema: errorSchema } } },
  401: { description: 'Not signed in / no valid API key', content: { 'application/json': { schema: errorSchema } } },
  403: { description: 'The role does not allow this', content: { 'application/json': { schema: errorSchema } } },
  404: { description: 'Not found (or another organisation\'s)', content: { 'application/json': { schema: errorSchema } } },
  409: { description: 'Conflict', content: { 'application/json': { schema: errorSchema } } },
  413: { description: 'Body larger than 1 MiB', content: { 'application/json': { schema: errorSchema } } },
  415: { description: 'A cookie-authenticated body that is not application/json', content: { 'application/json': { schema: errorSchema } } },
  422: { description: 'Invalid input (field-level details)', content: { 'application/json': { schema: errorSchema } } },
};

export const orgParams = z.object({ org: z.string().describe('Organisation slug') });
export const projectParams = orgParams.extend({ project: z.string().describe('Project name') });

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Registers one operation with the standard error responses and security. */
export function describe(op: {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  public?: boolean;
  /** Authenticated by a component-bound CI token instead of a session or API key. */
  ci?: boolean;
}) {
  registry.registerPath({
    method: op.method,
    path: op.path,
    summary: op.summary,
    tags: op.tags,
    security: op.public ? [] : op.ci ? [{ ciToken: [] }] : [{ apiKey: [] }, { session: [] }],
    request: {
      ...(op.params ? { params: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.body ? { body: { content: { 'application/json': { schema: op.body } } } } : {}),
    },
    responses: {
      [op.status ?? 200]: op.response
        ? { description: 'OK', content: { 'application/json': { schema: op.response } } }
        : { description: op.status === 204 ? 'No content' : 'OK' },
      ...errors,
    },
  });
}
