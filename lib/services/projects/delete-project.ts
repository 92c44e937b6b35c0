import { eq } from 'drizzle-orm';
import { project } from '@/db/schema';
import { audit, authorize, type ServiceContext } from '../context';
import { noFields, projectPath, splitPath } from '../paths';
import { parse } from '../validation';
import { findProject } from './find-project';
import { assertProjectEmpty } from './project-usage';

/** Deletes a project that has no components. */
export async function deleteProject(ctx: ServiceContext, input: unknown) {
  const { path, body } = splitPath(projectPath, input);
  const { org } = await authorize(ctx, path.org, 'projects:manage');
  parse(noFields, body);
  return ctx.db.transaction(async (tx) => {
    const current = await findProject(tx, org.id, path.project);
    await assertProjectEmpty(tx, current.id);
    await tx.delete(project).where(eq(project.id, current.id));
    await audit(tx, ctx, org.id, { action: 'project.delete', targetType: 'project', targetId: current.id, targetLabel: current.name });
    return { name: current.name };
  });
}
