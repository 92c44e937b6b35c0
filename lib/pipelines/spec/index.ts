/**
 * The pipeline spec module: the one place that says what a pipeline YAML means. Engines (the
 * local runner, the Argo compiler), services and the editor import from here only.
 */
export { parsePipelineYaml, maxPipelineBytes, type ParseResult, type SpecError } from './parse';
export { pipelineJsonSchema } from './json-schema';
export { crossCheck, referencePattern, type ReferenceOptions } from './references';
export { evaluateWhen, checkWhenSyntax, WhenError } from './when';
export { planPipeline, stepGroups, stepId, interpreterOf, isPublishTemplate, defaultStepImage, type PlannedStep, type PlannedContainer } from './plan';
export {
  pipelineSpec,
  publishResource,
  publishTemplates,
  retryPolicies,
  maxSteps,
  maxGroupSize,
  maxTemplates,
  type PipelineSpec,
  type Step,
  type Template,
  type Parameter,
  type RetryStrategy,
  type EnvVar,
  type PublishResource,
} from './schema';
