import { and, eq } from 'drizzle-orm';
import { schemaFile } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { locateComponent } from './locate';
import { savedEndpoints } from './read-endpoints';
import { schemaFileTarget } from './schemas';

/** Removes a schema file, unless the saved endpoints.yaml still references it. */
export async function deleteSchemaFile(ctx: ServiceContext, input: unknown) {
  const { org, project, component } = await locateComponent(ctx, input, 'endpoints:manage');
  const data = parse(schemaFileTarget, input);
  await ctx.db.transaction(async (tx) => {
    const users = (await savedEndpoints(tx, component.id))?.endpoints.filter((e) => e.schemaFile === data.name) ?? [];
    if (users.length) throw ServiceError.conflict(`endpoints.yaml references "${data.name}" (endpoint ${users.map((e) => e.name).join(', ')}). Remove the reference and save first.`);
    const gone = await tx.delete(schemaFile).where(and(eq(schemaFile.componentId, component.id), eq(schemaFile.name, data.name))).returning({ id: schemaFile.id });
    if (!gone.length) throw ServiceError.notFound(`Schema file "${data.name}"`);
    await audit(tx, ctx, org.id, { action: 'schema-file.delete', targetType: 'component', targetId: component.id, targetLabel: `${project.name}/${component.name}`, data: { name: data.name } });
  });
}
