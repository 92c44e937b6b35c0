import { asc, eq } from 'drizzle-orm';
import { schemaFile } from '@/db/schema';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { locateComponent } from './locate';
import { componentTarget } from './schemas';

/** The uploaded schema files with what they declare; the contents are fetched one at a time. */
export async function listSchemaFiles(ctx: ServiceContext, input: unknown) {
  const { component } = await locateComponent(ctx, input, 'org:read');
  parse(componentTarget, input);
  return ctx.db
    .select({ name: schemaFile.name, kind: schemaFile.kind, size: schemaFile.size, summary: schemaFile.summary, updatedAt: schemaFile.updatedAt, updatedBy: schemaFile.updatedByLabel })
    .from(schemaFile)
    .where(eq(schemaFile.componentId, component.id))
    .orderBy(asc(schemaFile.name));
}
