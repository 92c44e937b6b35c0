import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { inspectSchemaFile, maxSchemaFileBytes, schemaFileKind, type InspectResult } from './schema-files';

const openapi31 = `openapi: 3.1.0
info: { title: Greeter, version: 1.0.0 }
paths:
  /greet/{name}:
    get:
      summary: Greet someone
      parameters:
        - { name: name, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: OK }
    post:
      operationId: createGreeting
      parameters:
        - { name: name, in: path, required: true, schema: { type: string } }
      responses:
        '201': { description: Created }
`;

const problem = (r: InspectResult) => {
  expect(r.ok).toBe(false);
  return r.ok ? undefined! : r.problem;
};

describe('schema files: OpenAPI', () => {
  it('validates OpenAPI 3.1 YAML and lists its operations', async () => {
    const r = await inspectSchemaFile('openapi.yaml', openapi31);
    expect(r).toEqual({
      ok: true,
      summary: {
        kind: 'openapi',
        spec: 'OpenAPI 3.1.0',
        title: 'Greeter',
        version: '1.0.0',
        operations: [
          { method: 'GET', path: '/greet/{name}', summary: 'Greet someone' },
          { method: 'POST', path: '/greet/{name}', summary: 'createGreeting' },
        ],
        types: [],
      },
    });
  });

  it('validates OpenAPI 3.0 in JSON and Swagger 2.0', async () => {
    const v30 = { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/books': { get: { responses: { 200: { description: 'ok' } } } } } };
    expect(await inspectSchemaFile('books.json', JSON.stringify(v30))).toMatchObject({ ok: true, summary: { spec: 'OpenAPI 3.0.3', operations: [{ method: 'GET', path: '/books' }] } });
    const v2 = 'swagger: "2.0"\ninfo: { title: T, version: "1" }\npaths:\n  /pets:\n    delete:\n      responses: { 204: { description: gone } }\n';
    expect(await inspectSchemaFile('pets.yml', v2)).toMatchObject({ ok: true, summary: { spec: 'Swagger 2.0', operations: [{ method: 'DELETE', path: '/pets' }] } });
  });

  it('refuses a document the validator rejects, saying why', async () => {
    const p = problem(await inspectSchemaFile('openapi.yaml', openapi31.replace('info: { title: Greeter, version: 1.0.0 }', 'info: { title: Greeter }')));
    expect(p.message).toMatch(/^Not a valid OpenAPI document: /);
    expect(p.message).toContain('version');
  });

  it('refuses what is not OpenAPI at all, and broken YAML/JSON with its position', async () => {
    expect(problem(await inspectSchemaFile('x.yaml', 'hello: world\n')).message).toContain('not an OpenAPI document');
    expect(problem(await inspectSchemaFile('x.json', '{"openapi": "3.1.0",\n  "info": {'))).toMatchObject({ line: 2, message: expect.stringMatching(/^Not valid YAML or JSON/) });
    expect(problem(await inspectSchemaFile('x.yaml', 'openapi: 3.1.0\nopenapi: 3.0.0\n'))).toMatchObject({ line: 2, column: 1 });
  });

  it('refuses a remote $ref with its position, and never fetches it', async () => {
    let requests = 0;
    const server = http.createServer((_, res) => {
      requests++;
      res.end('openapi: 3.1.0');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pets.yaml`;
      const text = openapi31.replace("        '200': { description: OK }", `        '200':\n          $ref: '${url}#/components/responses/ok'`);
      const p = problem(await inspectSchemaFile('openapi.yaml', text));
      expect(p).toMatchObject({ line: 11, column: 17 });
      expect(p.message).toContain('points outside this file');
      // A relative file reference is refused the same way (no reading of the server's disk).
      expect(problem(await inspectSchemaFile('openapi.yaml', text.replace(url, '../../etc/passwd'))).message).toContain('never fetches');
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('accepts local "#/" references', async () => {
    const text = `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { $ref: '#/components/responses/ok' }
components:
  responses:
    ok: { description: fine }
`;
    expect((await inspectSchemaFile('a.yaml', text)).ok).toBe(true);
  });

  it('refuses a file over the limit (a 5 MB upload) and an empty one', async () => {
    const big = `openapi: 3.1.0\n# ${'x'.repeat(5 * 1024 * 1024)}\n`;
    expect(problem(await inspectSchemaFile('big.yaml', big))).toEqual({ code: 'too_large', message: 'The schema file is 5.0 MiB; the limit is 1 MiB.' });
    expect(maxSchemaFileBytes).toBe(1024 * 1024);
    expect(problem(await inspectSchemaFile('e.yaml', '  \n')).message).toBe('The schema file is empty.');
  });
});

describe('schema files: GraphQL SDL', () => {
  const sdl = `"""A book"""
type Book { id: ID!, title: String! }
enum Genre { FICTION, SCIENCE }
input NewBook { title: String!, genre: Genre }
type Query {
  "All books"
  books: [Book!]!
  book(id: ID!): Book
}
type Mutation { addBook(book: NewBook!): Book }
`;

  it('builds the schema and lists root fields and types', async () => {
    const r = await inspectSchemaFile('schema.graphql', sdl);
    expect(r).toEqual({
      ok: true,
      summary: {
        kind: 'graphql',
        spec: 'GraphQL SDL',
        operations: [
          { method: 'query', path: 'books', summary: 'All books' },
          { method: 'query', path: 'book' },
          { method: 'mutation', path: 'addBook' },
        ],
        types: expect.arrayContaining([
          { name: 'Book', kind: 'type' },
          { name: 'Genre', kind: 'enum' },
          { name: 'NewBook', kind: 'input' },
          { name: 'Query', kind: 'type' },
        ]),
      },
    });
  });

  it('refuses syntax errors with line and column', async () => {
    const p = problem(await inspectSchemaFile('schema.gql', 'type Query {\n  books: [Book!\n}\n'));
    expect(p).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/^Not valid GraphQL SDL: Syntax Error/) });
  });

  it('refuses unknown types and a schema without a Query type', async () => {
    expect(problem(await inspectSchemaFile('s.graphql', 'type Query { a: Missing }\n'))).toMatchObject({ line: 1, message: expect.stringContaining('Unknown type "Missing"') });
    expect(problem(await inspectSchemaFile('s.graphql', 'type Book { id: ID }\nschema { mutation: Book }\n')).message).toContain('Query root type must be provided');
  });
});

describe('schema file names', () => {
  it.each([
    ['openapi.yaml', 'openapi'],
    ['api.JSON', undefined],
    ['schema.graphqls', 'graphql'],
    ['../openapi.yaml', undefined],
    ['openapi.txt', undefined],
    ['.hidden.yaml', undefined],
  ])('%s → %s', (name, kind) => {
    expect(schemaFileKind(name)).toBe(kind);
  });
});
