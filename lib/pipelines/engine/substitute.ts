import { referencePattern } from '../spec';

/**
 * Replaces references in one string with run values. Secret values — {{SECRETS.X}}, secret
 * step outputs and inputs filled from one — are replaced only where the spec allows them
 * (references.ts checked that): in env values and the publish resource with the value itself
 * (env values reach the container through the engine, never argv), in scripts with a shell
 * reference to an env var the step gets ("${GANTRY_SECRET_X}", "${GANTRY_OUTPUT_S__P}",
 * "${GANTRY_INPUT_P}"), so the script text stays clean.
 */
export interface RunValues {
  variables: Record<string, string>;
  secrets: Record<string, string>;
  parameters: Record<string, string>;
  /** step id → output name → value (earlier steps). */
  outputs: Record<string, Record<string, string>>;
  /** "<step id>.<output>" of the outputs declared `secret: true`. */
  secretOutputs?: ReadonlySet<string>;
  /** The step's inputs, when substituting inside a step or template. */
  inputs?: Record<string, string>;
  /** Inputs filled from a secret output: secret too. */
  secretInputs?: ReadonlySet<string>;
}

export type SecretMode = 'value' | 'env-ref';

export class MissingValue extends Error {}

export function secretEnvName(name: string) {
  return `GANTRY_SECRET_${name}`;
}

const envPart = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** The env vars a step gets for the secret values its script refers to (name → value). */
export class SecretEnv {
  readonly vars: Record<string, string> = {};
  private readonly names = new Map<string, string>();

  /** The variable for one secret value (`key` says which); a name taken by another value gets a suffix. */
  ref(key: string, base: string, value: string): string {
    let name = this.names.get(key);
    if (!name) {
      name = base;
      for (let n = 2; name in this.vars; n++) name = `${base}_${n}`;
      this.names.set(key, name);
      this.vars[name] = value;
    }
    return name;
  }
}

/** Does the text use a secret output or a secret input (so what it fills is secret too)? */
export function refersToSecret(text: string, v: RunValues): boolean {
  for (const m of text.matchAll(referencePattern)) {
    const parts = m[1].trim().split('.');
    if (parts[0] === 'steps' && v.secretOutputs?.has(`${parts[1]}.${parts[4]}`)) return true;
    if (parts[0] === 'inputs' && v.secretInputs?.has(parts[2])) return true;
  }
  return false;
}

export function substitute(text: string, v: RunValues, mode: SecretMode, env?: SecretEnv): string {
  return text.replace(referencePattern, (_m, raw: string) => {
    const parts = raw.trim().split('.');
    const get = (table: Record<string, string> | undefined, key: string, what: string) => {
      const value = table?.[key];
      if (value === undefined) throw new MissingValue(`${what} "${key}" has no value.`);
      return value;
    };
    const secret = (key: string, base: string, value: string) => {
      if (mode === 'value') return value;
      if (!env) throw new MissingValue(`A secret cannot be used in {{${raw.trim()}}} here.`);
      return `\${${env.ref(key, base, value)}}`;
    };
    switch (parts[0]) {
      case 'VARIABLES':
        return get(v.variables, parts[1], 'The variable');
      case 'SECRETS':
        return secret(`s:${parts[1]}`, secretEnvName(parts[1]), get(v.secrets, parts[1], 'The secret'));
      case 'arguments':
        return get(v.parameters, parts[2], 'The parameter');
      case 'inputs': {
        const value = get(v.inputs, parts[2], 'The input');
        return v.secretInputs?.has(parts[2]) ? secret(`i:${parts[2]}`, `GANTRY_INPUT_${envPart(parts[2])}`, value) : value;
      }
      case 'steps': {
        const out = v.outputs[parts[1]];
        if (!out) throw new MissingValue(`Step "${parts[1]}" has no outputs (it did not succeed, or was skipped).`);
        const value = get(out, parts[4], `The output of step "${parts[1]}"`);
        return v.secretOutputs?.has(`${parts[1]}.${parts[4]}`) ? secret(`o:${parts[1]}.${parts[4]}`, `GANTRY_OUTPUT_${envPart(parts[1])}__${envPart(parts[4])}`, value) : value;
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
