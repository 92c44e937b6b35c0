import type { YamlPath } from '@/lib/endpoints/positions';
import { isPublishTemplate, stepGroups, stepId } from './plan';
import { publishResource, type PipelineSpec, type Step } from './schema';
import { checkWhenSyntax } from './when';

/**
 * Rules across the document, which no per-field schema can say: unique names, templates that
 * exist, references that resolve ({{VARIABLES.X}}, {{SECRETS.X}}, {{arguments.parameters.P}},
 * {{inputs.parameters.P}}, {{steps.S.outputs.parameters.P}} — the last only to steps of an
 * EARLIER group, which also rules out cycles), and {{SECRETS.X}} only where it cannot leak
 * into argv or arguments: env values, scripts (the engine rewrites it to an env var) and the
 * publish step's resource — there only as the value of an `isSecret: true` credential.
 *
 * A secret output (`outputs.parameters[].secret: true`) follows the same rules, and may also
 * be passed as an argument (`arguments.parameters[].value`) of a later step: the input it
 * fills is then secret too (tainted), in the step and in the template the step runs, and goes
 * only where a secret may.
 */

export interface CrossProblem {
  path: YamlPath;
  message: string;
}

export interface ReferenceOptions {
  /** Names of the pipeline's variables / secrets; when given, references must name one. */
  variables?: readonly string[];
  secrets?: readonly string[];
}

export const referencePattern = /\{\{([^{}]*)\}\}/g;

interface Scope {
  /** Where the string sits, relative to its step or template. */
  rel: YamlPath;
  /** Group index of the step (templates: undefined). */
  group?: number;
  inputs: Set<string>;
  /** Inputs filled from a secret output (by this step's arguments; for a template, by any step's). */
  secretInputs: Set<string>;
  publish: boolean;
}

type StepInfo = { group: number; outputs: Set<string>; secretOutputs: Set<string> };
type Steps = Map<string, StepInfo>;

/** Does the text reference a secret output of an earlier step? */
function refersToSecretOutput(text: string, steps: Steps): boolean {
  for (const m of text.matchAll(referencePattern)) {
    const parts = m[1].trim().split('.');
    if (parts[0] === 'steps' && parts.length === 5 && steps.get(parts[1])?.secretOutputs.has(parts[4])) return true;
  }
  return false;
}

export function crossCheck(spec: PipelineSpec, opts: ReferenceOptions = {}): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const mark = (path: YamlPath, message: string) => problems.push({ path, message });
  const groups = stepGroups(spec);
  const pathOf = (g: number, i: number): YamlPath => (Array.isArray(spec.steps[g]) ? ['steps', g, i] : ['steps', g]);

  const params = new Set<string>();
  (spec.parameters ?? []).forEach((p, i) => (params.has(p.name) ? mark(['parameters', i, 'name'], `Duplicate parameter "${p.name}".`) : params.add(p.name)));
  (spec.arguments?.parameters ?? []).forEach((p, i) => (params.has(p.name) ? mark(['arguments', 'parameters', i, 'name'], `Duplicate parameter "${p.name}" (already a parameter).`) : params.add(p.name)));

  const templates = new Map<string, number>();
  (spec.templates ?? []).forEach((t, i) => (templates.has(t.name) ? mark(['templates', i, 'name'], `Duplicate template "${t.name}".`) : templates.set(t.name, i)));
  const volumes = new Set((spec.volumes ?? []).map((v) => v.name));

  // Step ids, with the group each is in and the outputs it declares.
  const steps: Steps = new Map();
  groups.forEach((group, g) =>
    group.forEach((s, i) => {
      const id = stepId(s.name);
      if (steps.has(id)) return mark([...pathOf(g, i), 'name'], `Duplicate step name "${s.name}" (step names are compared lower case, spaces and "_" as "-").`);
      const t = s.template ? spec.templates?.[templates.get(s.template) ?? -1] : undefined;
      const outs = (s.outputs ?? t?.outputs)?.parameters ?? [];
      steps.set(id, { group: g, outputs: new Set(outs.map((p) => p.name)), secretOutputs: new Set(outs.filter((p) => p.secret).map((p) => p.name)) });
    }),
  );
  // Inputs a secret output flows into: per step, and per template (from every step running it).
  const stepSecretInputs = new Map<Step, Set<string>>();
  const templateSecretInputs = new Map<string, Set<string>>();
  for (const group of groups)
    for (const s of group) {
      if (isPublishTemplate(s.template)) continue;
      const tainted = new Set((s.arguments?.parameters ?? []).filter((a) => a.value !== undefined && refersToSecretOutput(a.value, steps)).map((a) => a.name));
      stepSecretInputs.set(s, tainted);
      if (s.template && tainted.size) templateSecretInputs.set(s.template, new Set([...(templateSecretInputs.get(s.template) ?? []), ...tainted]));
    }

  groups.forEach((group, g) =>
    group.forEach((s, i) => {
      const at = pathOf(g, i);
      const publish = isPublishTemplate(s.template);
      let inputs = new Set([...(s.inputs?.parameters ?? []), ...(s.arguments?.parameters ?? [])].map((p) => p.name));
      if (s.template && !publish) {
        const ti = templates.get(s.template);
        if (ti === undefined) {
          mark([...at, 'template'], s.template.includes('/') ? `"${s.template}" is not a built-in template (the built-in is gantry/marketplace-publish@v1).` : `No template named "${s.template}" under templates.`);
        } else {
          const t = spec.templates![ti];
          inputs = new Set((t.inputs?.parameters ?? []).map((p) => p.name));
          const given = new Set((s.arguments?.parameters ?? []).map((p) => p.name));
          (s.arguments?.parameters ?? []).forEach((p, k) => !inputs.has(p.name) && mark([...at, 'arguments', 'parameters', k, 'name'], `Template "${t.name}" takes no parameter "${p.name}".`));
          for (const p of t.inputs?.parameters ?? []) if (p.default === undefined && p.value === undefined && !given.has(p.name)) mark([...at, 'arguments'], `Template "${t.name}" needs the parameter "${p.name}".`);
        }
      }
      if (publish) checkPublish(s, at, steps, mark);
      checkStepNames(s, at, volumes, mark);
      if (s.when) {
        const err = checkWhenSyntax(s.when);
        if (err) mark([...at, 'when'], `when: ${err}`);
      }
      walk(s, at, [], { rel: [], group: g, inputs, secretInputs: stepSecretInputs.get(s) ?? new Set(), publish }, spec, steps, params, opts, mark);
    }),
  );

  (spec.templates ?? []).forEach((t, i) => {
    const scope = { rel: [], inputs: new Set((t.inputs?.parameters ?? []).map((p) => p.name)), secretInputs: templateSecretInputs.get(t.name) ?? new Set<string>(), publish: false };
    walk(t, ['templates', i], [], scope, spec, steps, params, opts, mark);
  });
  for (const key of ['parameters', 'arguments'] as const) {
    if (spec[key]) walk(spec[key], [key], [], { rel: [], inputs: new Set(), secretInputs: new Set(), publish: false }, spec, steps, params, opts, mark, true);
  }
  return problems;
}

function checkStepNames(s: Step, at: YamlPath, volumes: Set<string>, mark: (p: YamlPath, m: string) => void) {
  const seen = new Set<string>();
  (s.env ?? []).forEach((e, k) => (seen.has(e.name) ? mark([...at, 'env', k, 'name'], `Duplicate environment variable "${e.name}".`) : seen.add(e.name)));
  const outs = new Set<string>();
  (s.outputs?.parameters ?? []).forEach((p, k) => (outs.has(p.name) ? mark([...at, 'outputs', 'parameters', k, 'name'], `Duplicate output "${p.name}".`) : outs.add(p.name)));
  (s.volumeMounts ?? []).forEach((v, k) => {
    if (!volumes.has(v.name)) mark([...at, 'volumeMounts', k, 'name'], `No volume named "${v.name}" under volumes.`);
    if (v.mountPath === '/workspace' || v.mountPath.startsWith('/workspace/')) mark([...at, 'volumeMounts', k, 'mountPath'], '/workspace is the run\'s shared volume; mount other volumes elsewhere.');
  });
  const names = (s.containerSet?.containers ?? []).map((c) => c.name);
  s.containerSet?.containers.forEach((c, k) => {
    if (names.indexOf(c.name) !== k) mark([...at, 'containerSet', 'containers', k, 'name'], `Duplicate container "${c.name}".`);
    (c.dependencies ?? []).forEach((d, n) => names.indexOf(d) < 0 || names.indexOf(d) >= k ? mark([...at, 'containerSet', 'containers', k, 'dependencies', n], `"${d}" is not a container listed before "${c.name}".`) : undefined);
  });
}

function checkPublish(s: Step, at: YamlPath, steps: Steps, mark: (p: YamlPath, m: string) => void) {
  const params = s.arguments?.parameters ?? [];
  const k = params.findIndex((p) => p.name === 'resource');
  if (k < 0) return mark([...at, 'arguments'], 'The publish step takes the parameter "resource" (a yamlObject with name, version, category, description, connectionCredentials).');
  params.forEach((p, n) => p.name !== 'resource' && mark([...at, 'arguments', 'parameters', n, 'name'], `The publish step takes only "resource", not "${p.name}".`));
  const r = params[k];
  if (r.yamlObject === undefined) return mark([...at, 'arguments', 'parameters', k], 'The resource is a yamlObject (a map), not a value.');
  checkPublishedSecrets(r.yamlObject, [...at, 'arguments', 'parameters', k, 'yamlObject'], [], steps, mark);
  const parsed = publishResource.safeParse(r.yamlObject);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const rel = issue.path.filter((x): x is string | number => typeof x !== 'symbol');
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of keys) mark([...at, 'arguments', 'parameters', k, 'yamlObject', ...rel, ...(key ? [key] : [])], key ? `Unknown key "${key}" in the resource.` : `resource${rel.length ? '.' + rel.join('.') : ''}: ${issue.message}`);
    }
  }
}

/**
 * Secrets in the publish resource ({{SECRETS.X}}, secret outputs) only as the value of a
 * connection credential parameter marked `isSecret: true`: the marketplace encrypts those and
 * shows them as "set"; anywhere else (a description, a plain credential) it would publish the
 * value in clear.
 */
function checkPublishedSecrets(value: unknown, base: YamlPath, rel: YamlPath, steps: Steps, mark: (p: YamlPath, m: string) => void, secretSlot = false) {
  if (typeof value === 'string') {
    if (secretSlot) return;
    for (const m of value.matchAll(referencePattern)) {
      const ref = m[1].trim();
      const parts = ref.split('.');
      const isSecret = parts[0] === 'SECRETS' || (parts[0] === 'steps' && parts.length === 5 && steps.get(parts[1])?.secretOutputs.has(parts[4]));
      if (isSecret) mark([...base, ...rel], `{{${ref}}} is secret: in the publish resource it may only be the value of a connection credential parameter with isSecret: true (anywhere else the marketplace would show it in clear).`);
    }
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => checkPublishedSecrets(v, base, [...rel, i], steps, mark));
  if (value && typeof value === 'object') {
    // connectionCredentials[i].parameters[j] with isSecret: true — its `value` is the one secret slot.
    const credentialParam = rel.length === 4 && rel[0] === 'connectionCredentials' && rel[2] === 'parameters';
    for (const [k, v] of Object.entries(value)) checkPublishedSecrets(v, base, [...rel, k], steps, mark, credentialParam && k === 'value' && (value as { isSecret?: unknown }).isSecret === true);
  }
}

/** Where {{SECRETS.X}} may appear, relative to a step or template. */
function secretAllowed(rel: YamlPath, publish: boolean): boolean {
  const [a, b, c] = rel;
  if (a === 'inlineScript') return true;
  if (a === 'script' && b === 'source') return true;
  if (a === 'env' && rel[2] === 'value') return true;
  if (a === 'containerSet' && rel[3] === 'env' && rel[5] === 'value') return true;
  if (publish && a === 'arguments' && b === 'parameters' && c !== undefined && rel[3] === 'yamlObject') return true;
  return false;
}

/** `arguments.parameters[k].value` of a step that is not the publish step: a secret output may fill an input there. */
function isArgumentValue(rel: YamlPath, publish: boolean): boolean {
  return !publish && rel.length === 4 && rel[0] === 'arguments' && rel[1] === 'parameters' && rel[3] === 'value';
}

function walk(
  value: unknown,
  base: YamlPath,
  rel: YamlPath,
  scope: Scope,
  spec: PipelineSpec,
  steps: Steps,
  params: Set<string>,
  opts: ReferenceOptions,
  mark: (p: YamlPath, m: string) => void,
  topLevel = false,
) {
  if (typeof value === 'string') return checkString(value, [...base, ...rel], { ...scope, rel }, steps, params, opts, mark, topLevel);
  if (Array.isArray(value)) return value.forEach((v, i) => walk(v, base, [...rel, i], scope, spec, steps, params, opts, mark, topLevel));
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, base, [...rel, k], scope, spec, steps, params, opts, mark, topLevel);
}

function checkString(
  s: string,
  path: YamlPath,
  scope: Scope,
  steps: Steps,
  params: Set<string>,
  opts: ReferenceOptions,
  mark: (p: YamlPath, m: string) => void,
  topLevel: boolean,
) {
  const stripped = s.replace(referencePattern, '');
  if (stripped.includes('{{') || stripped.includes('}}')) return mark(path, 'An unclosed or stray "{{" / "}}": a reference is written {{KIND.NAME}}.');
  for (const m of s.matchAll(referencePattern)) {
    const ref = m[1].trim();
    const parts = ref.split('.');
    const where = `{{${ref}}}`;
    if ((parts[0] === 'VARIABLES' || parts[0] === 'SECRETS') && parts.length === 2 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(parts[1])) {
      const secret = parts[0] === 'SECRETS';
      if (secret && (topLevel || !secretAllowed(scope.rel, scope.publish))) {
        mark(path, `${where} is not allowed here: a secret may appear only in env values, scripts and the publish resource (here it could leak into arguments, argv or logs unmasked). Pass it through env instead.`);
        continue;
      }
      const known = secret ? opts.secrets : opts.variables;
      if (known && !known.includes(parts[1])) mark(path, `${where} does not resolve: the pipeline has no ${secret ? 'secret' : 'variable'} named "${parts[1]}".`);
    } else if (parts[0] === 'arguments' && parts[1] === 'parameters' && parts.length === 3) {
      if (!params.has(parts[2])) mark(path, `${where} does not resolve: no pipeline parameter named "${parts[2]}".`);
    } else if (parts[0] === 'inputs' && parts[1] === 'parameters' && parts.length === 3 && !topLevel) {
      if (!scope.inputs.has(parts[2])) mark(path, `${where} does not resolve: this ${scope.group === undefined ? 'template' : 'step'} takes no input "${parts[2]}".`);
      else if (scope.secretInputs.has(parts[2]) && !secretAllowed(scope.rel, false))
        mark(path, `${where} is filled from a secret output, so it is secret too: it may appear only in env values and scripts (here it could leak into argv, a when expression or logs unmasked).`);
    } else if (parts[0] === 'steps' && parts.length === 5 && parts[2] === 'outputs' && parts[3] === 'parameters') {
      if (scope.group === undefined || topLevel) {
        mark(path, `${where}: step outputs are used in steps; a template receives them through inputs.`);
        continue;
      }
      const target = steps.get(parts[1]);
      if (!target) mark(path, `${where} does not resolve: no step "${parts[1]}".`);
      else if (target.group === scope.group) mark(path, `${where} refers to a step of the same parallel group (or to itself): it has no outputs yet. Move it to an earlier group.`);
      else if (target.group > scope.group) mark(path, `${where} refers to a later step: outputs flow only from earlier steps (this would be a cycle).`);
      else if (!target.outputs.has(parts[4])) mark(path, `${where} does not resolve: step "${parts[1]}" has no output "${parts[4]}".`);
      else if (target.secretOutputs.has(parts[4]) && !secretAllowed(scope.rel, scope.publish) && !isArgumentValue(scope.rel, scope.publish))
        mark(path, `${where} is a secret output: it may appear only in env values, scripts, an argument value passed to the step, and the publish resource (as an isSecret credential) — here it could leak into argv, a when expression or logs unmasked.`);
    } else {
      mark(path, `${where} is not a reference Gantry knows. Use {{VARIABLES.X}}, {{SECRETS.X}}, {{arguments.parameters.P}}, {{inputs.parameters.P}} or {{steps.S.outputs.parameters.P}}.`);
    }
  }
}
