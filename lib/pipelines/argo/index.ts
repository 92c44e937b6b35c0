/** The Kubernetes engine of pipelines: the spec compiled to an Argo Workflow, applied and read back. */
export { compileWorkflow, durationSeconds, DEFAULT_DEADLINE_SECONDS, type CompileInput, type CompiledWorkflow, type Json } from './compile';
export { CompileError, secretMarker } from './translate';
export { renderWorkflowYaml, renderPipelineArgo, type RenderedWorkflow } from './render';
export { runnerAccountManifests, secretManifest, redactedSecret, REDACTED } from './manifests';
export { readBack, runStatusOf, stopPatch, type RunReadBack, type StepReadBack, type ArgoWorkflowObject } from './status';
export { loadArgoCluster, submitWorkflow, stopWorkflow, readRun, attemptLog, type ArgoCluster } from './cluster';
export { secretName, secretEnvName, workflowName, RUNNER_ACCOUNT } from './names';
