import { referencePattern } from '../spec';

/**
 * Replaces references in one string with run values. Secrets are replaced only where the spec
 * allows them (references.ts checked that): in env values and the publish resource with the
 * value itself (env values reach the container through the engine, never argv), in scripts
 * with "${GANTRY_SECRET_X}" — the step gets that variable — so the script text stays clean.
 */
export interface RunValues {
  variables: Record<string, string>;
  secrets: Record<string, string>;
  parameters: Record<string, string>;
  /** step id → output name → value (earlier steps). */
  outputs: Record<string, Record<string, string>>;
  /** The step's inputs, when substituting inside a step or template. */
  inputs?: Record<string, string>;
}

export type SecretMode = 'value' | 'env-ref';

export class MissingValue extends Error {}

export function secretEnvName(name: string) {
  return `GANTRY_SECRET_${name}`;
}

export function substitute(text: string, v: RunValues, secrets: SecretMode, usedSecrets?: Set<string>): string {
  return text.replace(referencePattern, (_m, raw: string) => {
    const parts = raw.trim().split('.');
    const get = (table: Record<string, string> | undefined, key: string, what: string) => {
      const value = table?.[key];
      if (value === undefined) throw new MissingValue(`${what} "${key}" has no value.`);
      return value;
    };
    switch (parts[0]) {
      case 'VARIABLES':
        return get(v.variables, parts[1], 'The variable');
      case 'SECRETS':
        get(v.secrets, parts[1], 'The secret');
        usedSecrets?.add(parts[1]);
        return secrets === 'value' ? v.secrets[parts[1]] : `\${${secretEnvName(parts[1])}}`;
      case 'arguments':
        return get(v.parameters, parts[2], 'The parameter');
      case 'inputs':
        return get(v.inputs, parts[2], 'The input');
      case 'steps': {
        const out = v.outputs[parts[1]];
        if (!out) throw new MissingValue(`Step "${parts[1]}" has no outputs (it did not succeed, or was skipped).`);
        return get(out, parts[4], `The output of step "${parts[1]}"`);
      }
      default:
        throw new MissingValue(`Unknown reference {{${raw}}}.`);
    }
  });
}

/** Substitutes every string inside a JSON-like value (the publish resource). */
export function substituteDeep<T>(value: T, v: RunValues): T {
  if (typeof value === 'string') return substitute(value, v, 'value') as T;
  if (Array.isArray(value)) return value.map((x) => substituteDeep(x, v)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, substituteDeep(x, v)])) as T;
  return value;
}
