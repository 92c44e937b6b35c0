import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { authorize, type ServiceContext } from '../context';
import type { Permission } from '../roles';
import { findProject } from '../projects/find-project';

export async function findComponent(db: Tx, projectId: string, name: string) {
  const [row] = await db.select().from(component).where(and(eq(component.projectId, projectId), eq(component.name, name))).limit(1);
  if (!row) throw ServiceError.notFound(`Component "${name}"`);
  return row;
}

/** Authorises, then loads project and component by their names. */
export async function loadComponent(ctx: ServiceContext, orgSlug: string, projectName: string, componentName: string, permission: Permission) {
  const { org, role } = await authorize(ctx, orgSlug, permission);
  const proj = await findProject(ctx.db, org.id, projectName);
  const comp = await findComponent(ctx.db, proj.id, componentName);
  return { org, role, project: proj, component: comp };
}
