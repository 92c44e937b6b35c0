import { notFound } from 'next/navigation';
import { cache } from 'react';
import { isServiceError } from '@/lib/errors';
import { getOrg } from '@/lib/services/orgs/get-org';
import { getProject } from '@/lib/services/projects/get-project';
import type { Role } from '@/lib/services/roles';
import { consoleContext } from './session';

/** The signed-in user's context, once per request however many components ask. */
export const currentContext = cache(consoleContext);

/** Turns a service's "not found" (including another organisation's resources) into the 404 page. */
export async function orNotFound<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (e) {
    if (isServiceError(e) && e.code === 'not_found') notFound();
    throw e;
  }
}

/** The organisation in the URL and the caller's role in it; 404 when they are not a member. */
export const loadOrg = cache(async (slug: string) => {
  const ctx = await currentContext();
  const org = await orNotFound(getOrg(ctx, slug));
  return { ctx, org, role: org.role as Role };
});

/** The project in the URL within its organisation; 404 when either is not visible to the caller. */
export const loadProject = cache(async (orgSlug: string, name: string) => {
  const loaded = await loadOrg(orgSlug);
  const project = await orNotFound(getProject(loaded.ctx, { org: orgSlug, project: name }));
  return { ...loaded, project };
});
