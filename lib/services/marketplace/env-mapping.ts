import { ServiceError } from '@/lib/errors';
import { defaultEnvName } from './find-entry';
import { ENV_NAME } from './schemas';

/**
 * The variable each of the entry's keys becomes: what the person gave, else
 * `<CONNECTION>_<KEY>`. Refuses keys the entry does not have, names that are not variable
 * names, two keys on one name, and names already in use in the scope.
 */
export function envMapping(connectionName: string, keys: string[], given: Record<string, string> | undefined, taken: Map<string, string>) {
  const unknown = Object.keys(given ?? {}).filter((k) => !keys.includes(k));
  if (unknown.length) throw ServiceError.invalid(`The entry has no key ${unknown.map((k) => `"${k}"`).join(', ')}; its keys are: ${keys.join(', ') || 'none'}.`, Object.fromEntries(unknown.map((k) => [`env.${k}`, 'Unknown key.'])));
  const env: Record<string, string> = {};
  const fields: Record<string, string> = {};
  const used = new Map<string, string>();
  for (const key of keys) {
    const name = given?.[key] ?? defaultEnvName(connectionName, key);
    if (!ENV_NAME.test(name)) fields[`env.${key}`] = `"${name}" is not a variable name: upper-case letters, digits and underscores, not starting with a digit.`;
    else if (used.has(name)) fields[`env.${key}`] = `${name} is already the variable of key ${used.get(name)}.`;
    else if (taken.has(name)) fields[`env.${key}`] = `${name} is already set by ${taken.get(name)}.`;
    used.set(name, key);
    env[key] = name;
  }
  const problems = Object.values(fields);
  if (problems.length) {
    const clash = Object.entries(fields).some(([, m]) => m.includes('already set by'));
    throw clash ? ServiceError.conflict(problems.join(' '), { fields }) : ServiceError.invalid(problems.join(' '), fields);
  }
  return env;
}
