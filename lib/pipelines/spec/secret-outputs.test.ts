import { describe, expect, it } from 'vitest';
import { parsePipelineYaml, pipelineJsonSchema, planPipeline, type SpecError } from '.';

/** Secret outputs (outputs.parameters[].secret: true) in the spec: where they may go, where not. */
const gen = `  - name: gen
    inlineScript: head -c 24 /dev/urandom | base64 > /tmp/pw
    outputs:
      parameters:
        - { name: pw, secret: true, valueFrom: { path: /tmp/pw } }
        - { name: user, valueFrom: { path: /tmp/user } }
`;

function errorsOf(yaml: string, opts = {}): SpecError[] {
  const r = parsePipelineYaml(yaml, opts);
  if (!r.errors) throw new Error(`expected errors, got a spec: ${JSON.stringify(r.spec)}`);
  return r.errors;
}
const lineOf = (yaml: string, text: string) => yaml.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('secret outputs in the spec', () => {
  it('may go where a secret may: env values, scripts, an argument to a template, the publish resource as an isSecret credential', () => {
    const yaml = `steps:
${gen}  - - name: use
      env:
        - { name: PW, value: "{{steps.gen.outputs.parameters.pw}}" }
      inlineScript: echo "{{steps.gen.outputs.parameters.pw}}" | wc -c
    - name: via template
      template: login
      arguments:
        parameters:
          - { name: password, value: "{{steps.gen.outputs.parameters.pw}}" }
          - { name: who, value: "{{steps.gen.outputs.parameters.user}}" }
  - name: publish
    template: gantry/marketplace-publish@v1
    arguments:
      parameters:
        - name: resource
          yamlObject:
            name: db
            version: "1"
            category: Database
            connectionCredentials:
              - environments: [development]
                parameters:
                  - { key: Username, value: "{{steps.gen.outputs.parameters.user}}" }
                  - { key: Password, value: "{{steps.gen.outputs.parameters.pw}}", isSecret: true }
templates:
  - name: login
    inputs: { parameters: [{ name: password }, { name: who }] }
    env:
      - { name: PGPASSWORD, value: "{{inputs.parameters.password}}" }
    inlineScript: echo "{{inputs.parameters.who}} {{inputs.parameters.password}}"
`;
    const r = parsePipelineYaml(yaml);
    expect(r.errors).toBeUndefined();
    expect(planPipeline(r.spec!)[0][0].outputs).toEqual([
      { name: 'pw', path: '/tmp/pw', secret: true },
      { name: 'user', path: '/tmp/user', secret: false },
    ]);
  });

  it('is refused where it would leak: argv, when, a publish value that is not isSecret, a description, a plain input default', () => {
    const yaml = `steps:
${gen}  - name: argv
    containerSet:
      containers:
        - name: c
          image: busybox
          args: ["{{steps.gen.outputs.parameters.pw}}"]
  - name: cond
    when: "{{steps.gen.outputs.parameters.pw}} == x"
    inlineScript: echo
  - name: own input
    inputs: { parameters: [{ name: p, default: "{{steps.gen.outputs.parameters.pw}}" }] }
    inlineScript: echo
  - name: publish
    template: gantry/marketplace-publish@v1
    arguments:
      parameters:
        - name: resource
          yamlObject:
            name: db
            version: "1"
            category: Database
            description: "pw {{steps.gen.outputs.parameters.pw}}"
            connectionCredentials:
              - environments: [development]
                parameters:
                  - { key: Password, value: "{{steps.gen.outputs.parameters.pw}}" }
                  - { key: Token, value: "{{SECRETS.TOKEN}}", isSecret: false }
`;
    const errors = errorsOf(yaml, { secrets: ['TOKEN'] });
    expect(errors.map((e) => [e.line, e.message.replace(/:.*/s, '')])).toEqual([
      [lineOf(yaml, 'args: ['), '{{steps.gen.outputs.parameters.pw}} is a secret output'],
      [lineOf(yaml, 'when:'), '{{steps.gen.outputs.parameters.pw}} is a secret output'],
      [lineOf(yaml, 'default: "{{'), '{{steps.gen.outputs.parameters.pw}} is a secret output'],
      [lineOf(yaml, 'description:'), '{{steps.gen.outputs.parameters.pw}} is secret'],
      [lineOf(yaml, 'key: Password'), '{{steps.gen.outputs.parameters.pw}} is secret'],
      [lineOf(yaml, 'key: Token'), '{{SECRETS.TOKEN}} is secret'],
    ]);
    expect(errors[3].message).toMatch(/only be the value of a connection credential parameter with isSecret: true/);
  });

  it('taints the input it fills: the template may use it in env and scripts only', () => {
    const yaml = `steps:
${gen}  - name: call
    template: t
    arguments:
      parameters:
        - { name: x, value: "pw={{steps.gen.outputs.parameters.pw}}" }
templates:
  - name: t
    inputs: { parameters: [{ name: x }] }
    containerSet:
      containers:
        - name: c
          image: busybox
          command: ["echo", "{{inputs.parameters.x}}"]
          env:
            - { name: X, value: "{{inputs.parameters.x}}" }
`;
    const errors = errorsOf(yaml);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: lineOf(yaml, 'command:') });
    expect(errors[0].message).toMatch(/filled from a secret output, so it is secret too/);
    // The same template fed a plain value is fine.
    expect(parsePipelineYaml(yaml.replace('pw={{steps.gen.outputs.parameters.pw}}', '{{steps.gen.outputs.parameters.user}}')).errors).toBeUndefined();
  });

  it('secret is a boolean, in the editor schema with its hover text', () => {
    const [e] = errorsOf(gen.replace('secret: true', 'secret: "yes"').replace(/^/, 'steps:\n'));
    expect(e.message).toMatch(/secret is true or false/);
    expect(JSON.stringify(pipelineJsonSchema())).toContain('A secret output (a generated password, a token)');
  });
});
