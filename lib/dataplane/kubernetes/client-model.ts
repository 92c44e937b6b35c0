/**
 * @kubernetes/client-node serialises a built-in kind through its generated
 * model before sending it, reading the model's property names, which are not
 * always the wire names (NetworkPolicy `from` is `_from`) and dropping every
 * property it does not know. Sending wire-format JSON as is would therefore
 * silently lose fields — an ingress rule without `from` allows everyone.
 * `toClientModel` renames wire fields to model fields and refuses unknown ones.
 */

interface Attribute {
  name: string;
  baseName: string;
  type: string;
}

/** The generated model classes, by name ("V1Deployment"), as exported by @kubernetes/client-node. */
export type ModelRegistry = Record<string, unknown>;

/** The model type name the client uses for an apiVersion and kind: "apps/v1" + "Deployment" → "V1Deployment". */
export function modelTypeName(apiVersion: string, kind: string): string {
  const version = apiVersion.split('/').pop() ?? apiVersion;
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

function attributesOf(models: ModelRegistry, type: string): Attribute[] | undefined {
  const model = models[type] as { getAttributeTypeMap?: () => Attribute[] } | undefined;
  return typeof model?.getAttributeTypeMap === 'function' ? model.getAttributeTypeMap() : undefined;
}

export function toClientModel(models: ModelRegistry, value: unknown, type: string, path = ''): unknown {
  if (value === null || value === undefined) return value;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return (value as unknown[]).map((v, i) => toClientModel(models, v, array[1], `${path}[${i}]`));
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toClientModel(models, v, map[1], `${path}.${k}`)]));
  }
  const attributes = attributesOf(models, type);
  if (!attributes || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const attribute = attributes.find((a) => a.baseName === key);
    if (!attribute) throw new Error(`${type} has no field "${key}" (at ${at}).`);
    out[attribute.name] = toClientModel(models, v, attribute.type, at);
  }
  return out;
}
