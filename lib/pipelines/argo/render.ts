/**
 * The compiled Workflow as the pipeline page shows it: YAML, with the Secret it reads rendered
 * with redacted values. Secret values never enter the compiler (variables do, being visible to
 * editors anyway), so nothing here can leak one; the redacted Secret only shows its keys.
 */
import { stringify } from 'yaml';
import { ServiceError } from '@/lib/errors';
import { parsePipelineYaml } from '@/lib/pipelines/spec';
import { compileWorkflow, type CompileInput } from './compile';
import { CompileError } from './translate';
import { redactedSecret, runnerAccountManifests } from './manifests';

export interface RenderedWorkflow {
  /** Multi-document YAML: prerequisites, the redacted Secret (when secrets are used), the Workflow. */
  yaml: string;
  secretKeys: string[];
}

export function renderWorkflowYaml(input: CompileInput): RenderedWorkflow {
  const compiled = compileWorkflow(input);
  const docs = [...runnerAccountManifests(input.namespace)];
  if (compiled.secret.keys.length) docs.push(redactedSecret(compiled, input.namespace));
  docs.push(compiled.workflow);
  return { yaml: docs.map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n'), secretKeys: compiled.secret.keys };
}

/**
 * What the `GET …/pipelines/{pipeline}/argo` verb needs: a saved version's YAML (already
 * valid when saved) with the pipeline's variables, rendered for the default namespace of a
 * Kubernetes data plane. Secret values are not an input: only their names are checked.
 */
export function renderPipelineArgo(input: { pipeline: { id: string; name: string }; yaml: string; variables: { name: string; value: string }[]; secretNames: string[]; namespace?: string }): RenderedWorkflow {
  const parsed = parsePipelineYaml(input.yaml, { variables: input.variables.map((v) => v.name), secrets: input.secretNames });
  if (!parsed.spec) {
    const e = parsed.errors[0];
    throw ServiceError.invalid(`The pipeline does not compile: line ${e.line}, column ${e.column}: ${e.message}`);
  }
  try {
    return renderWorkflowYaml({
      spec: parsed.spec,
      pipeline: input.pipeline,
      namespace: input.namespace ?? 'gantry-pipelines',
      variables: Object.fromEntries(input.variables.map((v) => [v.name, v.value])),
    });
  } catch (e) {
    // A valid pipeline Argo cannot express (a secret output): the reason, as the user's 422.
    if (e instanceof CompileError) throw ServiceError.invalid(`The pipeline does not compile to an Argo Workflow: ${e.message}`);
    throw e;
  }
}
