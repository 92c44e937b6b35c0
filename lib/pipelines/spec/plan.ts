import type { EnvVar, PipelineSpec, RetryStrategy, Step, Template } from './schema';
import { publishTemplates } from './schema';

/**
 * The spec resolved into what an engine runs: groups of steps (a single step is a group of
 * one), each with its template merged in (the step's own retryStrategy, timeout, env win),
 * its interpreter picked and its id (the slug references and Argo use). Both engines — the
 * local one and the Argo compiler — start from this, so they agree on what a step means.
 */

export const defaultStepImage = 'docker.io/library/alpine:3.20';

export interface PlannedContainer {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env: EnvVar[];
}

export interface PlannedStep {
  /** The slug: lower case, spaces and "_" as "-"; what {{steps.<id>…}} and Argo use. */
  id: string;
  name: string;
  group: number;
  index: number;
  kind: 'script' | 'containerSet' | 'publish';
  template?: string;
  image: string;
  /** The interpreter argv of a script, e.g. ["sh"] or ["/usr/bin/env", "python3"]. */
  command: string[];
  source: string;
  containers: PlannedContainer[];
  env: EnvVar[];
  /** Values passed to the step; for a template, its inputs get them. */
  arguments: { name: string; value?: string; yamlObject?: unknown }[];
  inputs: { name: string; default?: string; value?: string }[];
  /** `secret`: encrypted at rest, masked from the moment it is read, never shown (spec `secret: true`). */
  outputs: { name: string; path: string; secret: boolean }[];
  retryStrategy?: RetryStrategy;
  timeout?: string;
  when?: string;
  continueOn: { failed: boolean; error: boolean };
  resources?: Step['resources'];
  volumeMounts: { name: string; mountPath: string }[];
}

export function stepId(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

export function isPublishTemplate(name: string | undefined): boolean {
  return !!name && (publishTemplates as readonly string[]).includes(name);
}

/** The steps as groups; a bare step is a group of one. */
export function stepGroups(spec: Pick<PipelineSpec, 'steps'>): Step[][] {
  return spec.steps.map((s) => (Array.isArray(s) ? s : [s]));
}

/** "#!/bin/bash -e" → ["/bin/bash", "-e"]; no shebang → ["sh"]. */
export function interpreterOf(source: string): string[] {
  const first = source.split('\n', 1)[0];
  if (!first.startsWith('#!')) return ['sh'];
  const words = first.slice(2).trim().split(/\s+/).filter(Boolean);
  return words.length ? words : ['sh'];
}

export function planPipeline(spec: PipelineSpec, opts: { defaultImage?: string } = {}): PlannedStep[][] {
  const templates = new Map((spec.templates ?? []).map((t) => [t.name, t]));
  const fallbackImage = opts.defaultImage ?? defaultStepImage;
  return stepGroups(spec).map((group, g) => group.map((s, i) => planStep(s, g, i, s.template ? templates.get(s.template) : undefined, fallbackImage)));
}

function planStep(s: Step, group: number, index: number, t: Template | undefined, fallbackImage: string): PlannedStep {
  const body = t ?? s;
  const publish = isPublishTemplate(s.template);
  const env = mergeEnv(t?.env, s.env);
  const base = {
    id: stepId(s.name),
    name: s.name,
    group,
    index,
    template: s.template,
    env,
    arguments: s.arguments?.parameters ?? [],
    inputs: t?.inputs?.parameters ?? s.inputs?.parameters ?? [],
    outputs: (s.outputs ?? t?.outputs)?.parameters.map((p) => ({ name: p.name, path: p.valueFrom.path, secret: !!p.secret })) ?? [],
    retryStrategy: s.retryStrategy ?? t?.retryStrategy,
    timeout: s.timeout ?? t?.timeout,
    when: s.when,
    continueOn: { failed: !!s.continueOn?.failed, error: !!s.continueOn?.error },
    resources: s.resources ?? t?.resources,
    volumeMounts: s.volumeMounts ?? [],
    containers: [] as PlannedContainer[],
  };
  if (publish) return { ...base, kind: 'publish', image: fallbackImage, command: [], source: '' };
  if (body.containerSet) {
    const containers = body.containerSet.containers.map((c) => ({ name: c.name, image: c.image, command: c.command, args: c.args, env: mergeEnv(env, c.env) }));
    return { ...base, kind: 'containerSet', image: containers[0].image, command: [], source: '', containers };
  }
  if (body.script) {
    return { ...base, kind: 'script', image: body.script.image ?? body.image ?? s.image ?? fallbackImage, command: body.script.command ?? ['sh'], source: body.script.source };
  }
  const source = body.inlineScript ?? '';
  return { ...base, kind: 'script', image: body.image ?? s.image ?? fallbackImage, command: interpreterOf(source), source };
}

function mergeEnv(a: EnvVar[] | undefined, b: EnvVar[] | undefined): EnvVar[] {
  const m = new Map<string, string>();
  for (const e of [...(a ?? []), ...(b ?? [])]) m.set(e.name, e.value);
  return [...m].map(([name, value]) => ({ name, value }));
}
