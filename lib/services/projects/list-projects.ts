import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { project } from '@/db/schema';
import type { ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { listProjectsInput } from './schemas';

export async function listProjects(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'org:read');
  const q = parse(listProjectsInput, body);
  const pattern = q.search ? `%${q.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const where = and(eq(project.organizationId, org.id), pattern ? or(ilike(project.name, pattern), ilike(project.displayName, pattern)) : undefined);
  const [items, [{ total }]] = await Promise.all([
    ctx.db.select().from(project).where(where).orderBy(desc(project.createdAt), desc(project.id)).limit(q.limit).offset(q.offset),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(project).where(where),
  ]);
  return { items, total, limit: q.limit, offset: q.offset };
}
