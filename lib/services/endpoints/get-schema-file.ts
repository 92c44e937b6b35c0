import { and, eq } from 'drizzle-orm';
import { schemaFile } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { locateComponent } from './locate';
import { schemaFileTarget } from './schemas';

/** One schema file with its content. */
export async function getSchemaFile(ctx: ServiceContext, input: unknown) {
  const { component } = await locateComponent(ctx, input, 'org:read');
  const data = parse(schemaFileTarget, input);
  const [row] = await ctx.db.select().from(schemaFile).where(and(eq(schemaFile.componentId, component.id), eq(schemaFile.name, data.name))).limit(1);
  if (!row) throw ServiceError.notFound(`Schema file "${data.name}"`);
  return { name: row.name, kind: row.kind, size: row.size, content: row.content, summary: row.summary, updatedAt: row.updatedAt, updatedBy: row.updatedByLabel };
}
