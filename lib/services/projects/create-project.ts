import { project } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { isUniqueViolation, parse } from '../validation';
import { createProjectInput } from './schemas';

export async function createProject(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'projects:manage');
  const data = parse(createProjectInput, body);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(project).values({ organizationId: org.id, ...data }).returning();
      await audit(tx, ctx, org.id, { action: 'project.create', targetType: 'project', targetId: row.id, targetLabel: row.name, data: { displayName: row.displayName } });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw ServiceError.conflict(`A project named "${data.name}" already exists in this organization.`, { fields: { name: 'This name is taken.' } });
    }
    throw e;
  }
}
