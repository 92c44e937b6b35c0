import { z } from 'zod';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import type { Permission } from '../roles';

const locator = z.looseObject({ org: z.string(), project: z.string(), component: z.string() });

/**
 * Authorises the caller for the component named in `input` before anything else of the
 * input is looked at: someone who may not touch the component learns nothing from a 422.
 */
export async function locateComponent(ctx: ServiceContext, input: unknown, permission: Permission) {
  const ref = locator.safeParse(input);
  if (!ref.success) throw ServiceError.invalid('Name the organisation, project and component.');
  return loadComponent(ctx, ref.data, permission);
}

export type LocatedComponent = Awaited<ReturnType<typeof locateComponent>>;
