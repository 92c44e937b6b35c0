import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parsePipelineYaml, type PipelineSpec } from '@/lib/pipelines/spec';
import { conformanceCases } from '@/lib/pipelines/conformance/cases';
import { validateArgoWorkflow } from './argo-schema';
import { compileWorkflow, type Json } from './compile';
import { redactedSecret, runnerAccountManifests, secretManifest, REDACTED } from './manifests';
import { renderPipelineArgo, renderWorkflowYaml } from './render';
import { stopPatch } from './status';

const pipeline = { id: '0b9c7a52-4f7e-4e0a-9d7e-2f4f1d2c9a10', name: 'Deploy DB' };
const run = { id: '5d1c1e0e-7c0f-4a7e-8f5b-1a2b3c4d5e6f', number: 7 };

function parse(yaml: string, opts: { variables?: string[]; secrets?: string[] } = {}): PipelineSpec {
  const r = parsePipelineYaml(yaml, opts);
  if (!r.spec) throw new Error(`spec refused: ${JSON.stringify(r.errors)}`);
  return r.spec;
}

type Tpl = Json & { name: string };
const spec = (wf: Json) => wf.spec as { templates: Tpl[]; arguments?: { parameters: Json[] }; [k: string]: unknown };
const tpl = (wf: Json, name: string) => spec(wf).templates.find((t) => t.name === name) as Json & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const mainSteps = (wf: Json) => tpl(wf, 'main').steps as (Json & { name: string; template: string })[][];

describe('the Argo schema check itself', () => {
  it('rejects what Argo would reject (so a pass means something)', () => {
    const { workflow } = compileWorkflow({ spec: parse('steps:\n  - name: a\n    inlineScript: echo a\n'), pipeline, run, namespace: 'ns' });
    expect(validateArgoWorkflow(workflow)).toEqual([]);
    const misspelt = structuredClone(workflow) as Json & { spec: Json };
    misspelt.spec.entryPoint = 'main';
    expect(validateArgoWorkflow(misspelt).join('\n')).toMatch(/entryPoint/);
    const wrongType = structuredClone(workflow) as Json & { spec: Json };
    wrongType.spec.activeDeadlineSeconds = 'soon';
    expect(validateArgoWorkflow(wrongType).length).toBeGreaterThan(0);
    const badKind = { ...workflow, kind: 'CronWorkflow' };
    expect(validateArgoWorkflow(badKind).length).toBeGreaterThan(0);
  });
});

describe('compileWorkflow: the mapping', () => {
  it('entrypoint main, groups as steps lists, slugs, script templates, deadline, parameters with enum', () => {
    const s = parse(`parameters:
  - name: environment
    default: "Development"
    enum: ["Development", "Production"]
    displayName: "Environment"
timeout: 15m
steps:
  - name: Security Scan
    inlineScript: |
      #!/bin/bash -e
      echo scanning {{arguments.parameters.environment}}
  - - name: a
      inlineScript: echo a
    - name: b
      inlineScript: echo b
`);
    const { workflow } = compileWorkflow({ spec: s, pipeline, run, namespace: 'team-a', parameters: { environment: 'Production' } });
    expect(validateArgoWorkflow(workflow)).toEqual([]);
    expect(workflow).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: expect.stringMatching(/^deploy-db-[a-z0-9]{6}-7$/), namespace: 'team-a' } });
    expect(spec(workflow)).toMatchObject({ entrypoint: 'main', activeDeadlineSeconds: 900, serviceAccountName: 'gantry-pipeline-runner', securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534 } });
    expect(spec(workflow).arguments!.parameters).toEqual([{ name: 'environment', value: 'Production', enum: ['Development', 'Production'], description: 'Environment' }]);
    expect(mainSteps(workflow).map((g) => g.map((st) => st.name))).toEqual([['security-scan'], ['a', 'b']]);
    const scan = tpl(workflow, 'step-security-scan');
    expect(scan.script.command).toEqual(['/bin/bash', '-e']);
    expect(scan.script.source).toContain('echo scanning {{workflow.parameters.environment}}');
    expect(scan.script.volumeMounts).toEqual([{ name: 'workspace', mountPath: '/workspace' }]);
    expect(() => compileWorkflow({ spec: s, pipeline, run, namespace: 'n', parameters: { environment: 'Staging' } })).toThrow(/not one of the values/);
    expect(spec(compileWorkflow({ spec: s, pipeline, namespace: 'n' }).workflow).arguments!.parameters[0].value).toBe('Development');
  });

  it('retryStrategy/timeout on a step using a template clone the template; when and continueOn stay on the step', () => {
    const s = parse(`templates:
  - name: build_it
    inputs:
      parameters:
        - name: what
    inlineScript: echo {{inputs.parameters.what}} > /tmp/out
    outputs:
      parameters:
        - name: out
          valueFrom:
            path: /tmp/out
steps:
  - name: first
    template: build_it
    arguments:
      parameters:
        - name: what
          value: x
  - name: second
    template: build_it
    retryStrategy:
      limit: 3
      retryPolicy: Always
      backoff:
        duration: 5s
        factor: 2
    timeout: 1m
    when: "{{steps.first.outputs.parameters.out}} == x"
    continueOn:
      failed: true
    arguments:
      parameters:
        - name: what
          value: y
`);
    const { workflow } = compileWorkflow({ spec: s, pipeline, run, namespace: 'n' });
    expect(validateArgoWorkflow(workflow)).toEqual([]);
    const [[first], [second]] = mainSteps(workflow);
    expect(first.template).toBe('tpl-build-it');
    expect(second).toMatchObject({ template: 'tpl-build-it--second', when: '{{steps.first.outputs.parameters.out}} == x', continueOn: { failed: true }, arguments: { parameters: [{ name: 'what', value: 'y' }] } });
    expect(tpl(workflow, 'tpl-build-it').retryStrategy).toBeUndefined();
    expect(tpl(workflow, 'tpl-build-it--second')).toMatchObject({ timeout: '1m', retryStrategy: { limit: '3', retryPolicy: 'Always', backoff: { duration: '5s', factor: '2' } } });
  });

  it('secrets: a Secret + secretKeyRef, never a value in the Workflow; variables substituted', () => {
    const c = conformanceCases.find((x) => x.name === 'variables-and-secrets')!;
    const s = parse(c.yaml, { variables: Object.keys(c.variables!), secrets: Object.keys(c.secrets!) });
    const compiled = compileWorkflow({ spec: s, pipeline, run, namespace: 'n', variables: c.variables });
    const { workflow, secret } = compiled;
    expect(validateArgoWorkflow(workflow)).toEqual([]);
    expect(secret).toEqual({ name: expect.stringMatching(/^gantry-pipeline-[a-z0-9]{12}$/), keys: ['API_TOKEN'] });
    const t = tpl(workflow, 'step-use');
    const ref = { valueFrom: { secretKeyRef: { name: secret.name, key: 'API_TOKEN' } } };
    expect(t.script.env).toEqual([
      { name: 'GANTRY_SECRET_API_TOKEN', ...ref },
      { name: 'REGION', value: 'eu-west-1' },
      { name: 'TOKEN', ...ref },
      { name: 'AUTH', value: 'Bearer $(GANTRY_SECRET_API_TOKEN)' },
    ]);
    expect(t.script.source).toContain('echo "script=${GANTRY_SECRET_API_TOKEN}"');
    const manifest = secretManifest(compiled, 'n', c.secrets!);
    expect(manifest).toMatchObject({ kind: 'Secret', stringData: { API_TOKEN: 's3cr3t-t0ken-value' } });
    expect(() => secretManifest(compiled, 'n', {})).toThrow(/API_TOKEN/);
    expect(redactedSecret(compiled, 'n')).toMatchObject({ stringData: { API_TOKEN: REDACTED } });
    expect(JSON.stringify(workflow)).not.toContain('s3cr3t-t0ken-value');
  });

  it('step outputs used inside a leaf template are passed in as inputs', () => {
    const c = conformanceCases.find((x) => x.name === 'script-output-in-env')!;
    const { workflow } = compileWorkflow({ spec: parse(c.yaml), pipeline, run, namespace: 'n' });
    expect(validateArgoWorkflow(workflow)).toEqual([]);
    const tag = tpl(workflow, 'step-tag');
    expect(tag.inputs).toEqual({ parameters: [{ name: 'from-version--v' }] });
    expect(tag.script.env).toEqual([{ name: 'V', value: '{{inputs.parameters.from-version--v}}' }]);
    expect(tag.script.source).toContain('script={{inputs.parameters.from-version--v}}');
    expect(mainSteps(workflow)[1][0].arguments).toEqual({ parameters: [{ name: 'from-version--v', value: '{{steps.version.outputs.parameters.v}}' }] });
    expect(tpl(workflow, 'step-version').outputs).toEqual({ parameters: [{ name: 'v', valueFrom: { path: '/tmp/v' } }] });
  });

  it('publish is a no-op container; its secret values become markers the control plane fills in', () => {
    const s = parse(
      `steps:
  - name: publish db
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
                  - key: Password
                    value: "{{SECRETS.DB_PASSWORD}}"
                    isSecret: true
`,
      { secrets: ['DB_PASSWORD'] },
    );
    const { workflow, secret } = compileWorkflow({ spec: s, pipeline, run, namespace: 'n' });
    expect(validateArgoWorkflow(workflow)).toEqual([]);
    expect(tpl(workflow, 'publish')).toMatchObject({ container: { command: ['true'] }, inputs: { parameters: [{ name: 'resource' }] } });
    const value = JSON.parse(String((mainSteps(workflow)[0][0].arguments as { parameters: Json[] }).parameters[0].value));
    expect(value.connectionCredentials[0].parameters[0].value).toBe('((SECRETS.DB_PASSWORD))');
    expect(secret.keys).toEqual([]);
  });

  it('prerequisites: a ServiceAccount with a Role for workflowtaskresults; Stop is spec.shutdown', () => {
    const [sa, role, binding] = runnerAccountManifests('n');
    expect(sa).toMatchObject({ kind: 'ServiceAccount', metadata: { name: 'gantry-pipeline-runner' } });
    expect(role).toMatchObject({ kind: 'Role', rules: [{ apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] }] });
    expect(binding).toMatchObject({ roleRef: { kind: 'Role', name: 'gantry-pipeline-runner' }, subjects: [{ kind: 'ServiceAccount', name: 'gantry-pipeline-runner' }] });
    expect(stopPatch()).toEqual({ spec: { shutdown: 'Stop' } });
  });
});

describe('renderWorkflowYaml (the pipeline page)', () => {
  it('is multi-document YAML whose Secret is redacted and whose Workflow validates', () => {
    const c = conformanceCases.find((x) => x.name === 'variables-and-secrets')!;
    const s = parse(c.yaml);
    const { yaml, secretKeys } = renderWorkflowYaml({ spec: s, pipeline, namespace: 'n', variables: c.variables });
    expect(secretKeys).toEqual(['API_TOKEN']);
    expect(yaml).not.toContain('s3cr3t-t0ken-value');
    const docs = parseAllDocuments(yaml).map((d) => d.toJS() as Json);
    expect(docs.map((d) => d.kind)).toEqual(['ServiceAccount', 'Role', 'RoleBinding', 'Secret', 'Workflow']);
    expect(docs[3]).toMatchObject({ stringData: { API_TOKEN: REDACTED } });
    expect(docs[4].metadata).toMatchObject({ generateName: expect.stringMatching(/^deploy-db-[a-z0-9]{6}-$/) });
    expect(validateArgoWorkflow(docs[4])).toEqual([]);
  });
});

describe('renderPipelineArgo (the verb behind GET …/argo)', () => {
  it('renders a saved version with its variables; a version that no longer resolves is a clear 422', () => {
    const c = conformanceCases.find((x) => x.name === 'variables-and-secrets')!;
    const out = renderPipelineArgo({ pipeline, yaml: c.yaml, variables: [{ name: 'REGION', value: 'eu-west-1' }], secretNames: ['API_TOKEN'] });
    expect(out.yaml).toContain('value: eu-west-1');
    expect(out.yaml).toContain('namespace: gantry-pipelines');
    expect(() => renderPipelineArgo({ pipeline, yaml: c.yaml, variables: [], secretNames: ['API_TOKEN'] })).toThrow(/line \d+, column \d+: .*REGION/);
  });

  it('refuses a secret output for Argo (it would sit in clear in the Workflow status) with a 422 naming step and output', () => {
    const yaml = `steps:
  - name: Make Password
    inlineScript: head -c 18 /dev/urandom | base64 > /tmp/pw
    outputs:
      parameters:
        - { name: password, secret: true, valueFrom: { path: /tmp/pw } }
  - name: use
    env: [{ name: PW, value: "{{steps.make-password.outputs.parameters.password}}" }]
    inlineScript: echo ok
`;
    expect(() => compileWorkflow({ spec: parse(yaml), pipeline, run, namespace: 'n' })).toThrow(/Step "Make Password" has a secret output "password".*local \(docker\) engine only/);
    let err: unknown;
    try {
      renderPipelineArgo({ pipeline, yaml, variables: [], secretNames: [] });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'invalid', message: expect.stringMatching(/does not compile to an Argo Workflow: .*clear text in the Workflow's status/) });
    // The same output, not secret, compiles (a plain Argo output parameter) and validates.
    const plain = compileWorkflow({ spec: parse(yaml.replace('secret: true, ', '')), pipeline, run, namespace: 'n' });
    expect(validateArgoWorkflow(plain.workflow)).toEqual([]);
  });
});

describe('conformance cases compile to valid Workflows', () => {
  for (const c of conformanceCases) {
    it(c.name, () => {
      const s = parse(c.yaml, { variables: Object.keys(c.variables ?? {}), secrets: Object.keys(c.secrets ?? {}) });
      const { workflow, secret } = compileWorkflow({ spec: s, pipeline, run, namespace: 'n', parameters: c.parameters, variables: c.variables, defaultImage: 'busybox:1.36' });
      expect(validateArgoWorkflow(workflow)).toEqual([]);
      // Every expected step is a step of main, referring to a template that exists.
      const steps = mainSteps(workflow).flat();
      expect(steps.map((st) => st.name).sort()).toEqual(Object.keys(c.expect.steps).sort());
      const names = new Set(spec(workflow).templates.map((t) => t.name));
      for (const st of steps) expect(names.has(st.template), st.template).toBe(true);
      // Leaf templates use only what Argo resolves there; main only steps/workflow references.
      for (const t of spec(workflow).templates) {
        const refs = [...JSON.stringify(t).matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1].split('.')[0]);
        const allowed = t.name === 'main' ? ['steps', 'workflow'] : ['inputs', 'workflow'];
        for (const r of refs) expect(allowed, `${t.name}: {{${r}…}}`).toContain(r);
      }
      expect(secret.keys).toEqual(Object.keys(c.secrets ?? {}).sort());
      for (const v of c.expect.never ?? []) expect(JSON.stringify(workflow)).not.toContain(v);
      // Case-specific meaning, where the Workflow shows it.
      if (c.name === 'retry-then-succeed') expect(tpl(workflow, 'step-flaky').retryStrategy).toEqual({ limit: '2', retryPolicy: 'OnFailure' });
      if (c.name === 'step-timeout') expect(tpl(workflow, 'step-slow').timeout).toBe('2s');
      if (c.name === 'run-timeout') expect(spec(workflow).activeDeadlineSeconds).toBe(3);
      if (c.name === 'when-false-skips') expect(steps.find((st) => st.name === 'deploy')!.when).toBe('{{workflow.parameters.deploy}} == yes');
      if (c.name === 'continue-on-failed') expect(steps.find((st) => st.name === 'lint')!.continueOn).toEqual({ failed: true });
      if (c.name === 'enum-parameter-chosen') expect(spec(workflow).arguments!.parameters[0]).toMatchObject({ value: 'Production', enum: ['Development', 'Production'] });
    });
  }
});
