/**
 * The compiled Workflow as the pipeline page shows it: YAML, with the Secret it reads rendered
 * with redacted values. Secret values never enter the compiler (variables do, being visible to
 * editors anyway), so nothing here can leak one; the redacted Secret only shows its keys.
 */
import { stringify } from 'yaml';
import { compileWorkflow, type CompileInput } from './compile';
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
