import { z } from 'zod';
import { authorize, type ServiceContext } from './context';
import type { Permission } from './roles';
import { parse } from './validation';

// Path identifiers travel in a verb's input (CONTRACT.md §1), named as in the REST path.
// A verb reads them first, loosely, to authorise; only then does its strict schema see the rest.

const pathName = (what: string) => z.string({ message: `${what} is required.` }).min(1, `${what} is required.`).max(100, `${what} is too long.`);

export const orgPath = { org: pathName('Organization') };
export const projectPath = { ...orgPath, project: pathName('Project') };
export const componentPath = { ...projectPath, component: pathName('Component') };
export const idPath = { id: pathName('Id') };

type Shape = Record<string, z.ZodType<string>>;
type PathOf<S extends Shape> = { [K in keyof S]: string };

/**
 * Splits `input` into its path ids and the rest. The ids are checked only for being short
 * strings; the rest goes to the verb's own strict schema (unknown fields refused there).
 */
export function splitPath<S extends Shape>(shape: S, input: unknown): { path: PathOf<S>; body: Record<string, unknown> } {
  const all = parse(z.looseObject(shape), input ?? {}) as Record<string, unknown>;
  const path = {} as Record<string, string>;
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    if (k in shape) path[k] = v as string;
    else body[k] = v;
  }
  return { path: path as PathOf<S>, body };
}

/** For verbs that take nothing but their path: anything else in the input is refused. */
export const noFields = z.strictObject({});

/** Authorises for the organisation named in `input` ({ org, … }); `body` is the rest of the input. */
export async function authorizeOrg(ctx: ServiceContext, input: unknown, permission: Permission) {
  const { path, body } = splitPath(orgPath, input);
  return { ...(await authorize(ctx, path.org, permission)), body };
}
