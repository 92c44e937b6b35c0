/**
 * References in pipeline strings, rewritten for Argo (research note §2):
 *
 * | spec                               | Argo                                               |
 * |------------------------------------|----------------------------------------------------|
 * | {{VARIABLES.X}}                    | the value, substituted at compile time             |
 * | {{arguments.parameters.P}}         | {{workflow.parameters.P}}                          |
 * | {{inputs.parameters.P}}            | unchanged                                          |
 * | {{steps.S.outputs.parameters.P}}   | unchanged in the steps template (arguments, when); |
 * |                                    | in a leaf template: {{inputs.parameters.from-S--P}}|
 * |                                    | passed by the step (Argo resolves steps.* only in  |
 * |                                    | the steps template)                                |
 * | {{SECRETS.X}}                      | per place: see `secretForm`                        |
 */
import { referencePattern } from '@/lib/pipelines/spec';
import { hoistedInput, secretEnvName } from './names';

/** How a {{SECRETS.X}} is written where it appears. */
export type SecretForm =
  /** env value: Kubernetes expands $(VAR) from an earlier env entry (the secretKeyRef one). */
  | 'k8s-env'
  /** script source: the shell variable the secretKeyRef entry defines. */
  | 'shell'
  /** publish resource: a marker the control plane fills in from its own store; Argo never sees the value. */
  | 'marker'
  /** nowhere else (the spec parser already refused it): a compile error if met. */
  | 'refuse';

export interface TranslateContext {
  variables: Record<string, string>;
  /** Leaf template: hoist step outputs into inputs (collected here). */
  hoist?: Map<string, { step: string; param: string }>;
  secrets: SecretForm;
  /** Secret names met (their env entries are added by the caller). */
  secretsUsed: Set<string>;
}

export class CompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompileError';
  }
}

/** The marker a publish resource carries instead of a secret value. */
export const secretMarker = (name: string) => `((SECRETS.${name}))`;

export function translate(text: string, ctx: TranslateContext): string {
  return text.replace(referencePattern, (whole, inner: string) => {
    const parts = inner.trim().split('.');
    switch (parts[0]) {
      case 'VARIABLES': {
        const v = ctx.variables[parts[1]];
        if (v === undefined) throw new CompileError(`The pipeline has no variable "${parts[1]}".`);
        // A value is data, not an expression: keep Argo from reading "{{" inside it.
        return v.replace(/\{\{/g, '{ {');
      }
      case 'SECRETS': {
        ctx.secretsUsed.add(parts[1]);
        if (ctx.secrets === 'k8s-env') return `$(${secretEnvName(parts[1])})`;
        if (ctx.secrets === 'shell') return `\${${secretEnvName(parts[1])}}`;
        if (ctx.secrets === 'marker') return secretMarker(parts[1]);
        throw new CompileError(`{{SECRETS.${parts[1]}}} cannot be used here.`);
      }
      case 'arguments':
        return `{{workflow.parameters.${parts[2]}}}`;
      case 'steps':
        if (ctx.hoist) {
          const name = hoistedInput(parts[1], parts[4]);
          ctx.hoist.set(name, { step: parts[1], param: parts[4] });
          return `{{inputs.parameters.${name}}}`;
        }
        return `{{steps.${parts[1]}.outputs.parameters.${parts[4]}}}`;
      default:
        return whole;
    }
  });
}

/** Translates every string inside a JSON-like value (a yamlObject). */
export function translateDeep(value: unknown, ctx: TranslateContext): unknown {
  if (typeof value === 'string') return translate(value, ctx);
  if (Array.isArray(value)) return value.map((v) => translateDeep(v, ctx));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translateDeep(v, ctx)]));
  return value;
}
