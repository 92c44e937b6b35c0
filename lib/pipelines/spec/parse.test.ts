import { describe, expect, it } from 'vitest';
import { parsePipelineYaml, pipelineJsonSchema, planPipeline, type SpecError } from '.';

const good = `
parameters:
  - name: environment
    displayName: Environment
    default: Development
    enum: [Development, Production]
steps:
  - name: Prepare
    image: busybox
    inlineScript: |
      #!/bin/sh -e
      echo "deploying to {{arguments.parameters.environment}}"
      echo ok > /tmp/out
    env:
      - name: TOKEN
        value: "{{SECRETS.TOKEN}}"
    outputs:
      parameters:
        - name: result
          valueFrom: { path: /tmp/out }
  - - name: Left Side
      template: say
      arguments:
        parameters:
          - name: word
            value: "{{steps.prepare.outputs.parameters.result}}"
    - name: right
      inlineScript: echo right
      when: "{{steps.prepare.outputs.parameters.result}} == ok"
      retryStrategy: { limit: 2, backoff: { duration: 1s, factor: 2 } }
      continueOn: { failed: true }
      timeout: 30s
  - name: publish
    template: gantry/marketplace-publish@v1
    arguments:
      parameters:
        - name: resource
          yamlObject:
            name: orders-db
            version: "1.0"
            category: Database
            connectionCredentials:
              - environments: [Development]
                parameters:
                  - { key: Password, value: "{{SECRETS.TOKEN}}", isSecret: true }
templates:
  - name: say
    image: busybox
    inputs:
      parameters:
        - name: word
    inlineScript: echo {{inputs.parameters.word}}
`;

function errorsOf(yaml: string, opts = {}): SpecError[] {
  const r = parsePipelineYaml(yaml, opts);
  if (!r.errors) throw new Error(`expected errors, got a spec: ${JSON.stringify(r.spec)}`);
  return r.errors;
}

describe('parsePipelineYaml', () => {
  it('accepts a full pipeline and plans groups, templates, interpreters and the publish step', () => {
    const r = parsePipelineYaml(good, { variables: [], secrets: ['TOKEN'] });
    expect(r.errors).toBeUndefined();
    const plan = planPipeline(r.spec!);
    expect(plan.map((g) => g.map((s) => s.id))).toEqual([['prepare'], ['left-side', 'right'], ['publish']]);
    expect(plan[0][0].command).toEqual(['/bin/sh', '-e']);
    expect(plan[1][0]).toMatchObject({ kind: 'script', image: 'busybox', source: 'echo {{inputs.parameters.word}}', inputs: [{ name: 'word' }] });
    expect(plan[1][1]).toMatchObject({ command: ['sh'], continueOn: { failed: true, error: false }, timeout: '30s' });
    expect(plan[2][0].kind).toBe('publish');
  });

  it('refuses alias bombs with the position of the first alias', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill('*' + String.fromCharCode(97 + i)).join(',')}]`), 'steps: []'].join('\n');
    const [e] = errorsOf(bomb);
    expect(e.message).toMatch(/alias bomb/);
    expect(e.line).toBe(2);
  });

  it('refuses duplicate keys with their line', () => {
    const [e] = errorsOf('steps:\n  - name: a\n    inlineScript: echo\n    name: b\n');
    expect(e.message).toMatch(/Duplicate key/);
    expect(e.line).toBe(4);
  });

  it('says to quote a number where a string is meant (version: 1.0 in the resource)', () => {
    const yaml = good.replace('version: "1.0"', 'version: 1.0');
    const errors = errorsOf(yaml, { secrets: ['TOKEN'] });
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/string/);
    expect(errors[0].line).toBe(yaml.split('\n').findIndex((l) => l.includes('version: 1.0')) + 1);
  });

  it('says a bare number env value must be quoted, with the text YAML read', () => {
    const [e] = errorsOf('steps:\n  - name: a\n    inlineScript: echo\n    env:\n      - name: V\n        value: 1.0\n');
    expect(e).toMatchObject({ line: 6, column: 16, path: 'steps.0.env.0.value' });
    expect(e.message).toMatch(/YAML read 1\.0 as a number: quote it/);
  });

  it('explains an unquoted {{…}}', () => {
    const [e] = errorsOf('steps:\n  - name: a\n    inlineScript: echo\n    env:\n      - name: V\n        value: {{VARIABLES.X}}\n');
    expect(e.message).toMatch(/unquoted \{\{…\}\}/i);
    expect(e.line).toBe(6);
  });

  it('refuses unknown step fields at the key', () => {
    const [e] = errorsOf('steps:\n  - name: a\n    inlineScript: echo\n    imagePullPolicy: Always\n');
    expect(e).toMatchObject({ line: 4, column: 5, path: 'steps.0.imagePullPolicy' });
    expect(e.message).toMatch(/Unknown key "imagePullPolicy"/);
  });

  it('refuses unknown fields inside a parallel group, pointing into the group', () => {
    const [e] = errorsOf('steps:\n  - - name: a\n      inlineScript: echo\n    - name: b\n      inlineScript: echo\n      bogus: 1\n');
    expect(e).toMatchObject({ line: 6, path: 'steps.0.1.bogus' });
  });

  it('refuses unresolved references', () => {
    const errors = errorsOf('steps:\n  - name: a\n    inlineScript: echo {{VARIABLES.NOPE}} {{arguments.parameters.p}} {{workflow.name}}\n', { variables: ['X'], secrets: [] });
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/no variable named "NOPE"/),
      expect.stringMatching(/no pipeline parameter named "p"/),
      expect.stringMatching(/not a reference Gantry knows/),
    ]);
    expect(errors.every((e) => e.line === 3)).toBe(true);
  });

  it('refuses a secret where it would leak: an argument printed by the step, argv, when', () => {
    const yaml = `steps:
  - name: a
    template: t
    arguments:
      parameters:
        - name: x
          value: "{{SECRETS.TOKEN}}"
  - name: b
    image: busybox
    containerSet:
      containers:
        - name: c
          image: busybox
          args: ["{{SECRETS.TOKEN}}"]
templates:
  - name: t
    inputs: { parameters: [{ name: x }] }
    inlineScript: echo {{inputs.parameters.x}}
`;
    const errors = errorsOf(yaml, { secrets: ['TOKEN'] });
    expect(errors.map((e) => [e.line, /not allowed here/.test(e.message)])).toEqual([
      [7, true],
      [14, true],
    ]);
  });

  it('refuses outputs of the same group, later steps and itself (cycles)', () => {
    const yaml = `steps:
  - - name: a
      inlineScript: echo "{{steps.b.outputs.parameters.o}}"
      outputs: { parameters: [{ name: o, valueFrom: { path: /tmp/o } }] }
    - name: b
      inlineScript: echo
      outputs: { parameters: [{ name: o, valueFrom: { path: /tmp/o } }] }
  - name: c
    inlineScript: echo "{{steps.c.outputs.parameters.o}} {{steps.d.outputs.parameters.o}} {{steps.a.outputs.parameters.missing}}"
    outputs: { parameters: [{ name: o, valueFrom: { path: /tmp/o } }] }
  - name: d
    inlineScript: echo
    outputs: { parameters: [{ name: o, valueFrom: { path: /tmp/o } }] }
`;
    const messages = errorsOf(yaml).map((e) => `${e.line}: ${e.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^3: .*same parallel group/),
      expect.stringMatching(/^9: .*same parallel group \(or to itself\)/),
      expect.stringMatching(/^9: .*later step.*cycle/),
      expect.stringMatching(/^9: .*has no output "missing"/),
    ]);
  });

  it('refuses 10,000 steps with one error at "steps"', () => {
    const many = 'steps:\n' + Array.from({ length: 10_000 }, (_, i) => `  - {name: s${i}, inlineScript: x}`).join('\n');
    const errors = errorsOf(many);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/larger than|at most 200/);
    const [e] = errorsOf('steps:\n' + Array.from({ length: 201 }, (_, i) => `  - {name: s${i}, inlineScript: x}`).join('\n'));
    expect(e).toMatchObject({ line: 1, column: 1, message: 'The pipeline has 201 steps; at most 200 are allowed.' });
  });

  it('refuses a step with no body or two bodies, unknown templates and other choreo built-ins', () => {
    const messages = errorsOf('steps:\n  - name: a\n  - name: b\n    inlineScript: x\n    template: t\n  - name: c\n    template: choreo/other@v1\n  - name: d\n    template: nope\n').map((e) => `${e.line}: ${e.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^2: A step has exactly one of .* has none/),
      expect.stringMatching(/^3: A step has exactly one of .* has 2/),
    ]);
    const more = errorsOf('steps:\n  - name: c\n    template: choreo/other@v1\n  - name: d\n    template: nope\n').map((e) => `${e.line}: ${e.message}`);
    expect(more).toEqual([expect.stringMatching(/^3: .*not a built-in/), expect.stringMatching(/^5: No template named "nope"/)]);
  });

  it('checks durations, retry limits, enum defaults, when syntax and duplicate step names', () => {
    const yaml = `parameters:
  - name: env
    default: Staging
    enum: [Dev, Prod]
steps:
  - name: a
    inlineScript: x
    timeout: 10 minutes
    retryStrategy: { limit: 99 }
  - name: A
    inlineScript: x
    when: "{{arguments.parameters.env}} == == Prod"
`;
    const messages = errorsOf(yaml).map((e) => `${e.line}: ${e.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^3: The default "Staging" is not one of the enum values/),
      expect.stringMatching(/^8: A duration is a number followed by s, m or h/),
      expect.stringMatching(/^9: The retry limit is at most 10/),
    ]);
    const cross = errorsOf(yaml.replace('Staging', 'Dev').replace('10 minutes', '10m').replace('99', '3')).map((e) => `${e.line}: ${e.message}`);
    expect(cross).toEqual([expect.stringMatching(/^10: Duplicate step name "A"/), expect.stringMatching(/^12: when: Unexpected "=="/)]);
  });

  it('validates the publish resource inside the step, with positions', () => {
    const yaml = good.replace('category: Database', 'category: Database\n            colour: blue');
    const [e] = errorsOf(yaml, { secrets: ['TOKEN'] });
    expect(e.message).toBe('Unknown key "colour" in the resource.');
    expect(e.line).toBe(yaml.split('\n').findIndex((l) => l.includes('colour')) + 1);
  });

  it('reports YAML syntax errors, empty text, a non-map and NUL bytes with positions', () => {
    expect(errorsOf('steps:\n  - name: "a\n')[0]).toMatchObject({ message: expect.stringMatching(/Not valid YAML/) });
    expect(errorsOf('')[0].message).toMatch(/empty/);
    expect(errorsOf('- a\n- b\n')[0].message).toMatch(/map with "steps"/);
    expect(errorsOf('steps: []\0')[0].message).toMatch(/NUL/);
    expect(errorsOf('steps: []\n')[0].message).toMatch(/at least one step/);
  });
});

describe('pipelineJsonSchema', () => {
  it('is strict and carries hover descriptions for keys', () => {
    const s = pipelineJsonSchema() as { additionalProperties: boolean; properties: Record<string, { description?: string }> };
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.steps.description).toMatch(/nested list is a parallel group/);
    expect(JSON.stringify(s)).toContain('The longest one attempt of the step may take');
  });
});
