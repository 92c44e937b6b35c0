import { describe, expect, it } from 'vitest';
import { endpointsJsonSchema } from './json-schema';
import { parseEndpoints, type ParseResult } from './parse';
import { endpointsTemplate } from './template';

const problems = (r: ParseResult) => (r.ok ? [] : r.problems);
const one = (r: ParseResult) => {
  expect(r.ok).toBe(false);
  return problems(r)[0];
};

const greeter = `version: 0.1
endpoints:
  - name: greeter
    port: 8080
    type: REST
    networkVisibility: Public
    context: /greeter
    schemaFilePath: openapi.yaml
`;

describe('parseEndpoints: endpoints.yaml (version 0.1)', () => {
  it('reads the Choreo format into the internal shape', () => {
    const r = parseEndpoints(greeter);
    expect(r).toEqual({
      ok: true,
      spec: { format: 'endpoints.yaml', endpoints: [{ name: 'greeter', port: 8080, type: 'REST', visibilities: ['Public'], context: '/greeter', schemaFile: 'openapi.yaml' }] },
    });
  });

  it('accepts the version quoted, and an empty list', () => {
    expect(parseEndpoints('version: "0.1"\nendpoints: []\n')).toEqual({ ok: true, spec: { format: 'endpoints.yaml', endpoints: [] } });
  });

  it('places an invalid networkVisibility on its value, with the allowed values', () => {
    const p = one(parseEndpoints(greeter.replace('networkVisibility: Public', 'networkVisibility: Everyone')));
    expect(p).toMatchObject({ line: 6, column: 24, endLine: 6, endColumn: 32, path: 'endpoints.0.networkVisibility' });
    expect(p.message).toBe('The network visibility is one of: Project, Organization, Public.');
  });

  it('names a missing key and points at its endpoint', () => {
    const p = one(parseEndpoints(greeter.replace('    port: 8080\n', '')));
    expect(p).toMatchObject({ line: 3, column: 5, path: 'endpoints.0.port', message: '"port" is required here.' });
  });

  it('refuses an unknown key, marking the key itself', () => {
    const p = one(parseEndpoints(greeter.replace('    port: 8080\n', '    port: 8080\n    protocol: http\n')));
    expect(p).toMatchObject({ line: 5, column: 5, endColumn: 13, path: 'endpoints.0.protocol' });
    expect(p.message).toMatch(/^Unknown key "protocol"/);
  });

  it.each([
    ['greeter', 'A context starts with "/"'],
    ['/a/../b', 'may not contain "." or ".."'],
    ['/a b', 'no spaces'],
  ])('refuses the context %j', (context, message) => {
    const p = one(parseEndpoints(greeter.replace('context: /greeter', `context: "${context}"`)));
    expect(p).toMatchObject({ line: 7, path: 'endpoints.0.context' });
    expect(p.message).toContain(message);
  });

  it('requires a context for REST, GraphQL and WS but not for TCP', () => {
    for (const type of ['REST', 'GraphQL', 'WS']) {
      const p = one(parseEndpoints(greeter.replace('    context: /greeter\n', '').replace('type: REST', `type: ${type}`)));
      expect(p.message).toBe(`A ${type} endpoint needs a context (for example /greeter).`);
      expect(p.line).toBe(3);
    }
    const tcp = parseEndpoints('version: 0.1\nendpoints:\n  - name: db\n    port: 5432\n    type: TCP\n    networkVisibility: Project\n');
    expect(tcp.ok).toBe(true);
  });

  it.each([
    [0, 'between 1 and 65535'],
    [70000, 'between 1 and 65535'],
    ['"8080"', 'a number'],
    [80.5, 'whole number'],
  ])('refuses the port %s', (port, message) => {
    const p = one(parseEndpoints(greeter.replace('port: 8080', `port: ${port}`)));
    expect(p).toMatchObject({ line: 4, column: 11, path: 'endpoints.0.port' });
    expect(p.message).toContain(message);
  });

  it('refuses the wrong version and an unknown type', () => {
    expect(one(parseEndpoints(greeter.replace('version: 0.1', 'version: 2')))).toMatchObject({ line: 1, column: 10, message: 'The version of an endpoints.yaml is 0.1.' });
    expect(one(parseEndpoints(greeter.replace('type: REST', 'type: SOAP')))).toMatchObject({ line: 5, message: expect.stringContaining('REST, GraphQL, GRPC, TCP, UDP, WS') });
  });

  it('refuses a schema file given as a path', () => {
    const p = one(parseEndpoints(greeter.replace('schemaFilePath: openapi.yaml', 'schemaFilePath: docs/openapi.yaml')));
    expect(p).toMatchObject({ line: 8, message: expect.stringContaining('by its file name') });
  });
});

describe('parseEndpoints: component.yaml (schemaVersion 1.2)', () => {
  const componentYaml = `schemaVersion: 1.2
endpoints:
  - name: reading-list
    displayName: Reading List API
    service:
      basePath: /reading-list
      port: 8080
    type: REST
    networkVisibilities:
      - Public
      - Organization
    schemaFilePath: openapi.yaml
`;

  it('normalises service.basePath/port and networkVisibilities into the same shape', () => {
    expect(parseEndpoints(componentYaml)).toEqual({
      ok: true,
      spec: {
        format: 'component.yaml',
        endpoints: [{ name: 'reading-list', displayName: 'Reading List API', port: 8080, type: 'REST', visibilities: ['Public', 'Organization'], context: '/reading-list', schemaFile: 'openapi.yaml' }],
      },
    });
  });

  it('places errors inside service and in the visibility list', () => {
    expect(one(parseEndpoints(componentYaml.replace('port: 8080', 'port: 99999')))).toMatchObject({ line: 7, column: 13, path: 'endpoints.0.service.port' });
    expect(one(parseEndpoints(componentYaml.replace('- Organization', '- World')))).toMatchObject({ line: 11, column: 9, path: 'endpoints.0.networkVisibilities.1' });
    expect(one(parseEndpoints(componentYaml.replace('      basePath: /reading-list\n', '')))).toMatchObject({ line: 6, message: 'A REST endpoint needs a service.basePath (for example /reading-list).' });
  });

  it('refuses an empty visibility list', () => {
    expect(one(parseEndpoints(componentYaml.replace('networkVisibilities:\n      - Public\n      - Organization', 'networkVisibilities: []')))).toMatchObject({ line: 9, message: 'List at least one network visibility.' });
  });
});

describe('parseEndpoints: bad input', () => {
  it('refuses text that is not YAML, with the position', () => {
    const p = one(parseEndpoints('version: 0.1\nendpoints: [\n  - name: x\n'));
    expect(p.message).toMatch(/^Not valid YAML: /);
    expect(p.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses YAML that is not a map', () => {
    expect(one(parseEndpoints('- a\n- b\n'))).toMatchObject({ line: 1, message: expect.stringContaining('is a map') });
    expect(one(parseEndpoints('   \n'))).toMatchObject({ line: 1, message: expect.stringContaining('empty') });
  });

  it('refuses duplicate keys at the second one', () => {
    const p = one(parseEndpoints(greeter.replace('    port: 8080\n', '    port: 8080\n    port: 9090\n')));
    expect(p).toMatchObject({ line: 5, column: 5, message: 'Duplicate key: each key appears once in a map.' });
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]', ''].join('\n');
    const p = one(parseEndpoints(bomb));
    expect(p).toMatchObject({ line: 2, column: 8, message: expect.stringContaining('alias bomb') });
  });

  it('refuses a file over 64 KiB', () => {
    expect(one(parseEndpoints(`version: 0.1\nendpoints: []\n# ${'x'.repeat(70_000)}\n`)).message).toContain('larger than 64 KiB');
  });

  it('refuses duplicate endpoint names (case-insensitively) at the second name', () => {
    const text = `${greeter}  - name: Greeter\n    port: 8080\n    type: REST\n    networkVisibility: Project\n    context: /other\n`;
    expect(one(parseEndpoints(text))).toMatchObject({ line: 9, column: 11, message: 'Duplicate endpoint name "Greeter": endpoint 1 already uses it.' });
  });

  it('refuses one port with two types, but allows two REST endpoints on one port', () => {
    const second = (type: string) => `${greeter}  - name: events\n    port: 8080\n    type: ${type}\n    networkVisibility: Project\n    context: /events\n`;
    expect(one(parseEndpoints(second('WS')))).toMatchObject({ line: 10, column: 11, message: expect.stringContaining("Port 8080 is already endpoint 1's REST port") });
    expect(parseEndpoints(second('REST')).ok).toBe(true);
  });

  it('checks ports against the exposed ports when they are known', () => {
    expect(one(parseEndpoints(greeter, { exposedPorts: [9090, 9091] }))).toMatchObject({ line: 4, message: 'Port 8080 is not exposed by the image (it exposes 9090, 9091).' });
    expect(parseEndpoints(greeter, { exposedPorts: [8080] }).ok).toBe(true);
    expect(parseEndpoints(greeter, { exposedPorts: [] }).ok).toBe(true);
  });

  it('checks schemaFilePath against the uploaded files when given', () => {
    expect(one(parseEndpoints(greeter, { schemaFiles: ['other.json'] }))).toMatchObject({ line: 8, column: 21, message: expect.stringContaining('No schema file named "openapi.yaml" is uploaded (uploaded: other.json)') });
    expect(parseEndpoints(greeter, { schemaFiles: ['openapi.yaml'] }).ok).toBe(true);
  });

  it('reports every problem, not just the first', () => {
    const text = greeter.replace('networkVisibility: Public', 'networkVisibility: Nope').replace('port: 8080', 'port: 0');
    expect(problems(parseEndpoints(text)).map((p) => p.line).sort()).toEqual([4, 6]);
  });
});

describe('endpointsJsonSchema', () => {
  const schema = endpointsJsonSchema() as { anyOf: Record<string, any>[] };
  const item = schema.anyOf[0].properties.endpoints.items;

  it('describes every key and lists the enums, for hover and completion', () => {
    for (const [key, prop] of Object.entries(item.properties as Record<string, { description?: string }>)) expect(prop.description, key).toBeTruthy();
    expect(item.properties.networkVisibility.enum).toEqual(['Project', 'Organization', 'Public']);
    expect(item.properties.type.enum).toEqual(['REST', 'GraphQL', 'GRPC', 'TCP', 'UDP', 'WS']);
    expect(item.additionalProperties).toBe(false);
    const modern = schema.anyOf[1].properties.endpoints.items;
    expect(modern.properties.networkVisibilities.items.enum).toEqual(['Project', 'Organization', 'Public']);
    expect(modern.properties.service.properties.basePath.description).toBeTruthy();
  });

  it('requires a context for routed types, as the server does', () => {
    expect(item.allOf).toEqual([{ if: { properties: { type: { enum: ['REST', 'GraphQL', 'WS'] } }, required: ['type'] }, then: { required: ['context'] } }]);
  });
});

describe('endpointsTemplate', () => {
  it('starts from the exposed ports, and the result parses', () => {
    const text = endpointsTemplate('hello', [
      { port: 8080, protocol: 'TCP' },
      { port: 5353, protocol: 'UDP' },
    ]);
    const r = parseEndpoints(text, { exposedPorts: [8080, 5353] });
    expect(r).toEqual({
      ok: true,
      spec: {
        format: 'endpoints.yaml',
        endpoints: [
          { name: 'hello-8080', port: 8080, type: 'REST', visibilities: ['Project'], context: '/', schemaFile: undefined },
          { name: 'hello-5353', port: 5353, type: 'UDP', visibilities: ['Project'], context: undefined, schemaFile: undefined },
        ],
      },
    });
  });

  it('gives an empty list when the image exposes nothing', () => {
    expect(parseEndpoints(endpointsTemplate('job', []))).toEqual({ ok: true, spec: { format: 'endpoints.yaml', endpoints: [] } });
  });
});
