import { eq } from 'drizzle-orm';
import { project } from '@/db/schema';
import { audit, authorize, type ServiceContext } from '../context';
import { findProject } from './find-project';
import { assertProjectEmpty } from './project-usage';

/** Deletes a project that has no components. */
export async function deleteProject(ctx: ServiceContext, orgSlug: string, name: string) {
  const { org } = await authorize(ctx, orgSlug, 'projects:manage');
  return ctx.db.transaction(async (tx) => {
    const current = await findProject(tx, org.id, name);
    await assertProjectEmpty(tx, current.id);
    await tx.delete(project).where(eq(project.id, current.id));
    await audit(tx, ctx, org.id, { action: 'project.delete', targetType: 'project', targetId: current.id, targetLabel: current.name });
    return { name: current.name };
  });
}
