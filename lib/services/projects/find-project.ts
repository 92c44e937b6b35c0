import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { project } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { authorize, type ServiceContext } from '../context';
import { projectPath, splitPath } from '../paths';
import type { Permission } from '../roles';

export async function findProject(db: Tx, organizationId: string, name: string) {
  const [row] = await db
    .select()
    .from(project)
    .where(and(eq(project.organizationId, organizationId), eq(project.name, name)))
    .limit(1);
  if (!row) throw ServiceError.notFound(`Project "${name}"`);
  return row;
}

/** Authorises for the organisation named in `input` ({ org, project, … }), then loads the project; `body` is the rest. */
export async function loadProject(ctx: ServiceContext, input: unknown, permission: Permission) {
  const { path, body } = splitPath(projectPath, input);
  const { org, role } = await authorize(ctx, path.org, permission);
  const proj = await findProject(ctx.db, org.id, path.project);
  return { org, role, project: proj, body };
}
