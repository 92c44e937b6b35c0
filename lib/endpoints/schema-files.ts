import { validate as validateOpenApi } from '@readme/openapi-parser';
import { buildASTSchema, GraphQLError, parse as parseGraphql, GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, GraphQLScalarType, GraphQLUnionType, validateSchema, type GraphQLSchema } from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';
import { isScalar, LineCounter, parseDocument, visit } from 'yaml';

/**
 * Schema files attached to endpoints: OpenAPI 2.0/3.0/3.1 (YAML or JSON) for REST and
 * GraphQL SDL for GraphQL. Each upload is checked with a real parser, and summarised as
 * the operations (or types) the endpoint's page lists. Nothing here ever fetches: a `$ref`
 * that leaves the file is refused before the validator sees the document.
 */

export const maxSchemaFileBytes = 1024 * 1024;
export const schemaFileNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(ya?ml|json|graphqls?|gql)$/;
export type SchemaFileKind = 'openapi' | 'graphql';

export interface SchemaOperation {
  /** GET, POST… for OpenAPI; query, mutation, subscription for GraphQL. */
  method: string;
  /** The path (OpenAPI) or the root field (GraphQL). */
  path: string;
  summary?: string;
}

export interface SchemaSummary {
  kind: SchemaFileKind;
  /** "OpenAPI 3.1.0", "Swagger 2.0", "GraphQL SDL". */
  spec: string;
  title?: string;
  version?: string;
  operations: SchemaOperation[];
  /** GraphQL only: the named types the schema declares. */
  types: { name: string; kind: string }[];
}

export interface SchemaFileProblem {
  code: 'invalid' | 'too_large';
  message: string;
  line?: number;
  column?: number;
}

export type InspectResult = { ok: true; summary: SchemaSummary } | { ok: false; problem: SchemaFileProblem };

const maxListed = 500;
const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function schemaFileKind(name: string): SchemaFileKind | undefined {
  if (!schemaFileNamePattern.test(name) || name.length > 100) return undefined;
  return /\.(graphqls?|gql)$/.test(name) ? 'graphql' : 'openapi';
}

export async function inspectSchemaFile(name: string, content: string): Promise<InspectResult> {
  const kind = schemaFileKind(name);
  if (!kind) return bad('A schema file name has letters, digits, ".", "-" and "_" (at most 100) and ends in .yaml, .yml, .json (OpenAPI) or .graphql, .graphqls, .gql (GraphQL SDL).');
  const size = Buffer.byteLength(content, 'utf8');
  if (size > maxSchemaFileBytes) {
    return { ok: false, problem: { code: 'too_large', message: `The schema file is ${(size / 1024 / 1024).toFixed(1)} MiB; the limit is ${maxSchemaFileBytes / 1024 / 1024} MiB.` } };
  }
  if (!content.trim()) return bad('The schema file is empty.');
  return kind === 'graphql' ? inspectGraphql(content) : inspectOpenApi(content);
}

function bad(message: string, line?: number, column?: number): InspectResult {
  return { ok: false, problem: { code: 'invalid', message, ...(line ? { line, column } : {}) } };
}

async function inspectOpenApi(content: string): Promise<InspectResult> {
  // JSON is YAML: one parser for both, with positions, duplicate keys and alias bombs refused.
  const lc = new LineCounter();
  const doc = parseDocument(content, { lineCounter: lc, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = lc.linePos(e.pos[0]);
    return bad(`Not valid YAML or JSON: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, at.line, at.col);
  }
  let external: { ref: string; line: number; column: number } | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '$ref' && isScalar(pair.value) && typeof pair.value.value === 'string' && !pair.value.value.startsWith('#')) {
        const at = lc.linePos(pair.value.range?.[0] ?? 0);
        external = { ref: pair.value.value, line: at.line, column: at.col };
        return visit.BREAK;
      }
    },
  });
  if (external) return bad(`The $ref "${external.ref}" points outside this file. Gantry never fetches remote or other files: bundle the schema into one file (only "#/..." references).`, external.line, external.column);
  let api: unknown;
  try {
    api = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return bad('Too many aliases: this YAML expands to far more than it says.');
  }
  if (!api || typeof api !== 'object' || Array.isArray(api) || !('openapi' in api || 'swagger' in api)) {
    return bad('This is not an OpenAPI document: it needs an "openapi: 3.x" (or "swagger: 2.0") key at the top.', 1, 1);
  }
  const result = await validateOpenApi(structuredClone(api) as never, { resolve: { external: false, file: false }, timeoutMs: 5000 });
  if (!result.valid) {
    const first = result.errors[0]?.message.split('\n').map((l) => l.trim()).find(Boolean) ?? 'invalid';
    const more = result.errors.length + result.additionalErrors - 1;
    return bad(`Not a valid ${result.specification ?? 'OpenAPI'} document: ${first}${more > 0 ? ` (and ${more} more)` : ''}`);
  }
  const a = api as { openapi?: string; swagger?: string; info?: { title?: string; version?: string }; paths?: Record<string, Record<string, { summary?: string; operationId?: string }>> };
  const operations: SchemaOperation[] = [];
  for (const [path, item] of Object.entries(a.paths ?? {})) {
    for (const m of httpMethods) {
      const op = item?.[m];
      if (op && operations.length < maxListed) operations.push({ method: m.toUpperCase(), path, ...(op.summary || op.operationId ? { summary: op.summary ?? op.operationId } : {}) });
    }
  }
  return {
    ok: true,
    summary: { kind: 'openapi', spec: a.openapi ? `OpenAPI ${a.openapi}` : `Swagger ${a.swagger}`, title: a.info?.title, version: a.info?.version, operations, types: [] },
  };
}

function inspectGraphql(content: string): InspectResult {
  // buildSchema would do all this but folds the SDL errors into one plain Error without positions.
  let ast: ReturnType<typeof parseGraphql>;
  try {
    ast = parseGraphql(content, { maxTokens: 200_000 });
  } catch (e) {
    if (e instanceof GraphQLError) {
      const loc = e.locations?.[0];
      return bad(`Not valid GraphQL SDL: ${e.message.split('\n')[0]}`, loc?.line, loc?.column);
    }
    throw e;
  }
  const sdlErrors = validateSDL(ast);
  if (sdlErrors.length) {
    const loc = sdlErrors[0].locations?.[0];
    return bad(`Not valid GraphQL SDL: ${sdlErrors[0].message}${sdlErrors.length > 1 ? ` (and ${sdlErrors.length - 1} more)` : ''}`, loc?.line, loc?.column);
  }
  const schema: GraphQLSchema = buildASTSchema(ast, { assumeValidSDL: true });
  const errors = validateSchema(schema);
  if (errors.length) {
    const loc = errors[0].locations?.[0];
    return bad(`Not a valid GraphQL schema: ${errors[0].message}`, loc?.line, loc?.column);
  }
  const operations: SchemaOperation[] = [];
  for (const [method, root] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()], ['subscription', schema.getSubscriptionType()]] as const) {
    for (const f of Object.values(root?.getFields() ?? {})) if (operations.length < maxListed) operations.push({ method, path: f.name, ...(f.description ? { summary: f.description } : {}) });
  }
  const types = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__') && !(t instanceof GraphQLScalarType && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name)))
    .slice(0, maxListed)
    .map((t) => ({ name: t.name, kind: graphqlKind(t) }));
  return { ok: true, summary: { kind: 'graphql', spec: 'GraphQL SDL', operations, types } };
}

function graphqlKind(t: unknown): string {
  if (t instanceof GraphQLObjectType) return 'type';
  if (t instanceof GraphQLInputObjectType) return 'input';
  if (t instanceof GraphQLEnumType) return 'enum';
  if (t instanceof GraphQLInterfaceType) return 'interface';
  if (t instanceof GraphQLUnionType) return 'union';
  return 'scalar';
}
