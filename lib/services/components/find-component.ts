import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { authorize, type ServiceContext } from '../context';
import { componentPath, splitPath } from '../paths';
import type { Permission } from '../roles';
import { findProject } from '../projects/find-project';

export async function findComponent(db: Tx, projectId: string, name: string) {
  const [row] = await db.select().from(component).where(and(eq(component.projectId, projectId), eq(component.name, name))).limit(1);
  if (!row) throw ServiceError.notFound(`Component "${name}"`);
  return row;
}

/**
 * Authorises for the component named in `input` ({ org, project, component, …}), then loads
 * project and component. `body` is the rest of the input, for the verb's own schema.
 */
export async function loadComponent(ctx: ServiceContext, input: unknown, permission: Permission): Promise<LoadedComponent> {
  const { path, body } = splitPath(componentPath, input);
  const { org, role } = await authorize(ctx, path.org, permission);
  const proj = await findProject(ctx.db, org.id, path.project);
  const comp = await findComponent(ctx.db, proj.id, path.component);
  return { org, role, project: proj, component: comp, body };
}

export interface LoadedComponent {
  org: Awaited<ReturnType<typeof authorize>>['org'];
  role: Awaited<ReturnType<typeof authorize>>['role'];
  project: Awaited<ReturnType<typeof findProject>>;
  component: typeof component.$inferSelect;
  body: Record<string, unknown>;
}
