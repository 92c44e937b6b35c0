import { z } from 'zod';
import { ServiceError } from '@/lib/errors';
import { authorize, type ServiceContext } from '../context';
import { findComponent } from '../components/find-component';
import { findProject } from '../projects/find-project';
import type { Permission } from '../roles';

const scopeRef = z.looseObject({ org: z.string(), project: z.string(), component: z.string().optional() });

/** Authorises the caller for the organisation named in `input` (one rule, in the service context). */
export { authorizeOrg } from '../paths';

/**
 * A connection's scope: a component, or (no component named) a whole project. Component
 * connections need components:manage; project connections projects:manage.
 */
export async function locateScope(ctx: ServiceContext, input: unknown, write: boolean) {
  const ref = scopeRef.safeParse(input);
  if (!ref.success) throw ServiceError.invalid('Name the organisation and project (and component).');
  const permission: Permission = !write ? 'org:read' : ref.data.component ? 'components:manage' : 'projects:manage';
  const { org } = await authorize(ctx, ref.data.org, permission);
  const project = await findProject(ctx.db, org.id, ref.data.project);
  const component = ref.data.component ? await findComponent(ctx.db, project.id, ref.data.component) : null;
  return { org, project, component, label: component ? `${project.name}/${component.name}` : project.name };
}

export type ConnectionScope = Awaited<ReturnType<typeof locateScope>>;
