import { eq } from 'drizzle-orm';
import { project } from '@/db/schema';
import { audit, authorize, type ServiceContext } from '../context';
import { projectPath, splitPath } from '../paths';
import { parse } from '../validation';
import { findProject } from './find-project';
import { updateProjectInput } from './schemas';

/** Changes the display name or description; the name is immutable. */
export async function updateProject(ctx: ServiceContext, input: unknown) {
  const { path, body } = splitPath(projectPath, input);
  const { org } = await authorize(ctx, path.org, 'projects:manage');
  const data = parse(updateProjectInput, body);
  return ctx.db.transaction(async (tx) => {
    const current = await findProject(tx, org.id, path.project);
    const [row] = await tx
      .update(project)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(project.id, current.id))
      .returning();
    await audit(tx, ctx, org.id, { action: 'project.update', targetType: 'project', targetId: row.id, targetLabel: row.name, data });
    return row;
  });
}
