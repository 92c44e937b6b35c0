import { z } from 'zod';
import { marketplaceResource, type MarketplaceResource } from '@/lib/marketplace/resource';

/**
 * The pipeline spec: Choreo's simplified Argo language as strict zod. The server validates
 * with it and the editor's JSON Schema is generated from it (json-schema.ts); every key has a
 * description, which is the hover text in the editor. Rules across fields (references, unique
 * names, limits) live in references.ts, because they need the whole document.
 */

export const maxSteps = 200;
export const maxTemplates = 100;
export const maxGroupSize = 50;
export const publishTemplates = ['gantry/marketplace-publish@v1', 'choreo/marketplace-publish@v1'] as const;

const text = (max: number, what: string) => z.string({ message: `${what} is a string (quote it).` }).max(max, `${what} is at most ${max} characters.`);

export const duration = z
  .string({ message: 'A duration is a string like "30s", "5m" or "2h".' })
  .regex(/^[0-9]{1,6}(s|m|h)$/, 'A duration is a number followed by s, m or h (for example "30s", "5m", "2h").')
  .describe('A duration: a whole number followed by s (seconds), m (minutes) or h (hours).');

const paramName = z
  .string({ message: 'A parameter name is a string.' })
  .min(1, 'A parameter name is required.')
  .max(63, 'A parameter name is at most 63 characters.')
  .regex(/^[-A-Za-z0-9_]+$/, 'A parameter name has letters, digits, "-" and "_" only.')
  .describe('The parameter name, referenced as {{arguments.parameters.NAME}} (pipeline parameters) or {{inputs.parameters.NAME}} (step inputs).');

export const stepName = z
  .string({ message: 'A step name is a string.' })
  .min(1, 'A step name is required.')
  .max(63, 'A step name is at most 63 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/, 'A step name has letters, digits, spaces, "-" and "_", and starts with a letter or digit.')
  .describe('The step name, unique in the pipeline. Later steps reference its outputs as {{steps.<name>.outputs.parameters.<p>}} (spaces become "-" there, lower case).');

const envVar = z
  .strictObject({
    name: z
      .string({ message: 'An environment variable name is a string.' })
      .max(128, 'An environment variable name is at most 128 characters.')
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'An environment variable name is upper case letters, digits and "_", and does not start with a digit.')
      .describe('The variable name (upper case, digits, "_").'),
    value: text(64 * 1024, 'An environment variable value').describe('The value. May use {{VARIABLES.X}}, {{SECRETS.X}} (injected, masked in logs), {{arguments.parameters.P}}, {{inputs.parameters.P}} and {{steps.S.outputs.parameters.P}}.'),
  })
  .describe('An environment variable of the step container.');
const env = z.array(envVar).max(100, 'At most 100 environment variables.').describe('Environment variables of the step container.');

export const retryPolicies = ['Always', 'OnFailure', 'OnError', 'OnTransientError'] as const;
export const retryStrategy = z
  .strictObject({
    limit: z.number({ message: 'The retry limit is a number from 0 to 10.' }).int('The retry limit is a whole number.').min(0).max(10, 'The retry limit is at most 10.').describe('How many times a failed step is retried (so limit + 1 attempts at most).'),
    retryPolicy: z.enum(retryPolicies, { message: `The retry policy is one of: ${retryPolicies.join(', ')}.` }).optional().describe('Which endings are retried: OnFailure (non-zero exit, the default), OnError (engine errors, such as a missing image), Always, OnTransientError.'),
    backoff: z
      .strictObject({
        duration: duration.optional().describe('The wait before the first retry.'),
        factor: z.number({ message: 'The backoff factor is a number ≥ 1.' }).min(1, 'The backoff factor is at least 1.').max(10, 'The backoff factor is at most 10.').optional().describe('Each next wait is the previous one times this factor.'),
        maxDuration: duration.optional().describe('The longest wait between attempts.'),
      })
      .optional()
      .describe('How long to wait between attempts.'),
  })
  .describe('Retry a failed step.');

const continueOn = z
  .strictObject({
    failed: z.boolean({ message: 'continueOn.failed is true or false.' }).optional().describe('Carry on with the next steps when this step fails (non-zero exit).'),
    error: z.boolean({ message: 'continueOn.error is true or false.' }).optional().describe('Carry on with the next steps when this step errors (it could not run: image, engine, timeout).'),
  })
  .describe('Whether the pipeline carries on after this step fails or errors.');

const argParam = z
  .strictObject({
    name: paramName,
    value: text(64 * 1024, 'A parameter value').optional().describe('The value (a string; may use references, but not {{SECRETS.X}}).'),
    yamlObject: z.unknown().optional().describe('A structured value (a YAML map or list), passed to the step as JSON.'),
  })
  .describe('A parameter passed to the step.');
const inputParam = z
  .strictObject({
    name: paramName,
    default: text(64 * 1024, 'A default').optional().describe('The value when the step passes none.'),
    value: text(64 * 1024, 'A parameter value').optional().describe('A fixed value.'),
  })
  .describe('A parameter the step or template takes.');
const outputParam = z
  .strictObject({
    name: paramName,
    valueFrom: z
      .strictObject({
        path: z.string({ message: 'valueFrom.path is a string.' }).max(1024).regex(/^\/[^\0]*$/, 'valueFrom.path is an absolute path inside the container (for example /tmp/result.txt).').describe('The file, read from the finished container, whose content is the output value.'),
      })
      .describe('Where the output value comes from.'),
    secret: z
      .boolean({ message: 'secret is true or false.' })
      .optional()
      .describe(
        'A secret output (a generated password, a token): stored encrypted, masked in every log line from the moment it is read (this step\'s stored log included), never shown (only "set"). Later steps may use it where a {{SECRETS.X}} may go — env values, scripts, the publish resource as an isSecret credential — and as an argument to a template, whose input then counts as secret too. Local engine only: Argo keeps output parameters in clear text.',
      ),
  })
  .describe('An output of the step: later steps use it as {{steps.<step>.outputs.parameters.<name>}}.');

const args = z.strictObject({ parameters: z.array(argParam).max(50).describe('Parameters passed to the step.') }).describe('Values passed to the step (its template\'s inputs).');
const inputs = z.strictObject({ parameters: z.array(inputParam).max(50).describe('The parameters taken.') }).describe('What the step or template takes, used as {{inputs.parameters.NAME}}.');
const outputs = z.strictObject({ parameters: z.array(outputParam).max(50).describe('The output parameters.') }).describe('What the step produces for later steps.');

const image = z
  .string({ message: 'An image is a string.' })
  .min(1)
  .max(512, 'An image reference is at most 512 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/, 'An image is a reference like alpine:3.20 or registry.example.com/team/tool:1.2.')
  .describe('The container image the step runs in. Without one, inline scripts run in the default image.');
const argv = z.array(text(4096, 'A command word')).max(100).describe('The command words (no {{SECRETS.X}}: argv is visible to anyone who can list processes).');

const resources = z
  .strictObject({
    limits: z.strictObject({ cpu: text(20, 'A CPU amount').optional(), memory: text(20, 'A memory amount').optional() }).optional().describe('Upper bounds: cpu like "500m" or "1", memory like "256Mi".'),
    requests: z.strictObject({ cpu: text(20, 'A CPU amount').optional(), memory: text(20, 'A memory amount').optional() }).optional().describe('What the step is expected to use (used by the Kubernetes scheduler).'),
  })
  .describe('CPU and memory for the step container.');

const inlineScript = text(256 * 1024, 'An inline script').describe('A script run in the step container. A first line "#!/bin/bash" (or another interpreter) picks the interpreter; otherwise it runs with sh. May use {{SECRETS.X}} (injected as an environment variable, masked in logs).');
const script = z
  .strictObject({
    image: image.optional(),
    command: argv.optional().describe('The interpreter, for example ["python3"]. Default: ["sh"].'),
    source: text(256 * 1024, 'A script source').describe('The script text.'),
  })
  .describe('A script with its own image and interpreter (Argo\'s script template).');
const containerSet = z
  .strictObject({
    containers: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A container name is lower case letters, digits and "-".').describe('The container name, unique in the set.'),
          image,
          command: argv.optional(),
          args: argv.optional(),
          env: env.optional(),
          dependencies: z.array(z.string().max(63)).max(20).optional().describe('Containers of this set that must finish first (locally the set runs in order).'),
        }),
      )
      .min(1, 'A containerSet has at least one container.')
      .max(10, 'A containerSet has at most 10 containers.')
      .describe('The containers, sharing /workspace.'),
  })
  .describe('Several containers run as one step (Argo\'s containerSet).');

const volumeMount = z.strictObject({
  name: z.string().max(63).describe('A volume declared under the pipeline\'s volumes.'),
  mountPath: z.string().max(256).regex(/^\/[A-Za-z0-9._/-]*$/, 'A mountPath is an absolute path.').describe('Where the volume appears in the container.'),
});

const stepFields = {
  name: stepName,
  template: z.string({ message: 'A template name is a string.' }).max(100).optional().describe('The template this step runs: one under templates, or the built-in gantry/marketplace-publish@v1 (alias choreo/marketplace-publish@v1).'),
  inlineScript: inlineScript.optional(),
  script: script.optional(),
  containerSet: containerSet.optional(),
  image: image.optional(),
  command: argv.optional(),
  args: argv.optional(),
  env: env.optional(),
  resources: resources.optional(),
  volumeMounts: z.array(volumeMount).max(10).optional().describe('Pipeline volumes mounted into the step (the run\'s /workspace is always mounted).'),
  retryStrategy: retryStrategy.optional(),
  timeout: duration.optional().describe('The longest one attempt of the step may take; it is stopped after that.'),
  when: text(1024, 'A when expression').optional().describe('Run the step only when this is true, for example "{{steps.check.outputs.parameters.changed}} == yes". Operators: == != < > <= >= && || ! and parentheses. Otherwise the step is Skipped.'),
  continueOn: continueOn.optional(),
  arguments: args.optional(),
  inputs: inputs.optional(),
  outputs: outputs.optional(),
};

const bodyCount = (s: { template?: unknown; inlineScript?: unknown; script?: unknown; containerSet?: unknown }) =>
  [s.template, s.inlineScript, s.script, s.containerSet].filter((x) => x !== undefined).length;

export const step = z
  .strictObject(stepFields)
  .superRefine((s, ctx) => {
    if (bodyCount(s) !== 1) ctx.addIssue({ code: 'custom', path: [], message: `A step has exactly one of template, inlineScript, script or containerSet (step "${s.name}" has ${bodyCount(s) || 'none'}).` });
  })
  .describe('A step: runs a template, an inline script, a script or a container set.');

export const template = z
  .strictObject({
    name: z.string().max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'A template name has letters, digits, "-" and "_".').describe('The template name, used by steps as template: <name>.'),
    inlineScript: inlineScript.optional(),
    script: script.optional(),
    containerSet: containerSet.optional(),
    image: image.optional(),
    command: argv.optional(),
    args: argv.optional(),
    env: env.optional(),
    resources: resources.optional(),
    inputs: inputs.optional(),
    outputs: outputs.optional(),
    retryStrategy: retryStrategy.optional(),
    timeout: duration.optional().describe('The longest one attempt may take.'),
  })
  .superRefine((t, ctx) => {
    const n = [t.inlineScript, t.script, t.containerSet].filter((x) => x !== undefined).length;
    if (n !== 1) ctx.addIssue({ code: 'custom', path: [], message: `A template has exactly one of inlineScript, script or containerSet (template "${t.name}" has ${n || 'none'}).` });
  })
  .describe('A reusable step body.');

export const parameter = z
  .strictObject({
    name: paramName,
    displayName: text(100, 'A display name').optional().describe('The label in the Start New Run form.'),
    description: text(500, 'A description').optional().describe('Help text in the Start New Run form.'),
    default: text(4096, 'A default').optional().describe('The value filled in the Start New Run form.'),
    enum: z.array(text(4096, 'An enum value')).min(1, 'An enum lists at least one value.').max(100).optional().describe('The allowed values; the Start New Run form shows a select.'),
  })
  .superRefine((p, ctx) => {
    if (p.enum && p.default !== undefined && !p.enum.includes(p.default)) ctx.addIssue({ code: 'custom', path: ['default'], message: `The default "${p.default}" is not one of the enum values (${p.enum.join(', ')}).` });
  })
  .describe('A run-time parameter, set in Start New Run and used as {{arguments.parameters.NAME}}.');

export const pipelineSpec = z
  .strictObject({
    parameters: z.array(parameter).max(50).optional().describe('Run-time parameters, rendered as the Start New Run form.'),
    arguments: args.optional().describe('Fixed pipeline arguments, used as {{arguments.parameters.NAME}}.'),
    steps: z
      .array(z.union([step, z.array(step).min(1, 'A parallel group has at least one step.').max(maxGroupSize, `A parallel group has at most ${maxGroupSize} steps.`)]))
      .min(1, 'A pipeline has at least one step.')
      .describe('The steps, in order. A nested list is a parallel group: its steps run at the same time.'),
    templates: z.array(template).max(maxTemplates).optional().describe('Reusable step bodies.'),
    volumes: z
      .array(z.strictObject({ name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A volume name is lower case letters, digits and "-".').describe('The volume name.'), emptyDir: z.strictObject({}).describe('An empty volume for the run.') }))
      .max(10)
      .optional()
      .describe('Extra scratch volumes for the run (every run already shares /workspace).'),
    timeout: duration.optional().describe('The run deadline: the run is stopped as Timed out after this long (default 60m).'),
  })
  .describe('An automation pipeline.');

export type PipelineSpec = z.output<typeof pipelineSpec>;
export type Step = z.output<typeof step>;
export type Template = z.output<typeof template>;
export type Parameter = z.output<typeof parameter>;
export type RetryStrategy = z.output<typeof retryStrategy>;
export type EnvVar = z.output<typeof envVar>;

/**
 * The publish resource (the value of the `resource` argument of the publish step): the
 * marketplace's own schema, so a publish step is checked before its run starts by exactly
 * the rules the marketplace applies when the step publishes.
 */
export const publishResource = marketplaceResource;
export type PublishResource = MarketplaceResource;
