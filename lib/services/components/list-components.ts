import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { component } from '@/db/schema';
import type { ServiceContext } from '../context';
import { loadProject } from '../projects/find-project';
import { parse } from '../validation';
import { listComponentsInput } from './schemas';

export async function listComponents(ctx: ServiceContext, input: unknown) {
  const { project: proj, body } = await loadProject(ctx, input, 'org:read');
  const q = parse(listComponentsInput, body);
  const pattern = q.search ? `%${q.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const where = and(eq(component.projectId, proj.id), pattern ? or(ilike(component.name, pattern), ilike(component.displayName, pattern)) : undefined);
  const [items, [{ total }]] = await Promise.all([
    ctx.db.select().from(component).where(where).orderBy(desc(component.createdAt), desc(component.id)).limit(q.limit).offset(q.offset),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(component).where(where),
  ]);
  return { items, total, limit: q.limit, offset: q.offset };
}
