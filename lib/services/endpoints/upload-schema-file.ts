import { schemaFile } from '@/db/schema';
import { inspectSchemaFile } from '@/lib/endpoints/schema-files';
import { ServiceError } from '@/lib/errors';
import { actorLabel, audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { locateComponent } from './locate';
import { hasEndpoints } from './read-endpoints';
import { uploadSchemaFileInput } from './schemas';

/**
 * Uploads (or replaces) an OpenAPI or GraphQL SDL file, validated by a real parser first;
 * an invalid file is refused with its position and nothing is stored.
 */
export async function uploadSchemaFile(ctx: ServiceContext, input: unknown) {
  const { org, project, component } = await locateComponent(ctx, input, 'endpoints:manage');
  const data = parse(uploadSchemaFileInput, input);
  if (!hasEndpoints(component.type)) throw ServiceError.invalid('Only services and web applications expose endpoints.');
  const inspected = await inspectSchemaFile(data.name, data.content);
  if (!inspected.ok) {
    const { code, message, line, column } = inspected.problem;
    const where = line ? ` (line ${line}, column ${column})` : '';
    if (code === 'too_large') throw new ServiceError('payload_too_large', message, { fields: { content: message } });
    throw new ServiceError('invalid', `${data.name}${where}: ${message}`, { fields: { [message.startsWith('A schema file name') ? 'name' : 'content']: message }, ...(line ? { line, column } : {}) });
  }
  const { kind, ...summary } = inspected.summary;
  const values = { kind, content: data.content, size: Buffer.byteLength(data.content, 'utf8'), summary, updatedByLabel: actorLabel(ctx.actor), updatedAt: new Date() };
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schemaFile)
      .values({ componentId: component.id, name: data.name, ...values })
      .onConflictDoUpdate({ target: [schemaFile.componentId, schemaFile.name], set: values })
      .returning({ name: schemaFile.name });
    await audit(tx, ctx, org.id, { action: 'schema-file.upload', targetType: 'component', targetId: component.id, targetLabel: `${project.name}/${component.name}`, data: { name: data.name, kind, size: values.size } });
    return { name: row.name, kind, size: values.size, summary, updatedAt: values.updatedAt, updatedBy: values.updatedByLabel };
  });
}
