import { and, eq } from 'drizzle-orm';
import { pipelineSecret, pipelineVariable } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { encryptPipelineSecret } from '@/lib/pipelines/secrets';
import { audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { loadPipeline } from './load';
import { inputPathInput, setInputInput } from './schemas';

/** PUT a plain variable (visible to editors). */
export async function setVariable(ctx: ServiceContext, input: unknown): Promise<{ name: string; value: string }> {
  const { org, pipeline: p } = await loadPipeline(ctx, input, 'pipelines:manage');
  const { name, value } = parse(setInputInput, input);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(pipelineVariable).values({ pipelineId: p.id, name, value }).onConflictDoUpdate({ target: [pipelineVariable.pipelineId, pipelineVariable.name], set: { value, updatedAt: new Date() } });
    await audit(tx, ctx, org.id, { action: 'pipeline.variable.set', targetType: 'pipeline', targetId: p.id, targetLabel: p.name, data: { name } });
  });
  return { name, value };
}

/** PUT a secret: stored encrypted, write-only (only its name comes back), masked in logs. */
export async function setSecret(ctx: ServiceContext, input: unknown): Promise<{ name: string }> {
  const { org, pipeline: p } = await loadPipeline(ctx, input, 'pipelines:manage');
  const { name, value } = parse(setInputInput, input);
  const valueCiphertext = encryptPipelineSecret(p.id, name, value);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(pipelineSecret).values({ pipelineId: p.id, name, valueCiphertext }).onConflictDoUpdate({ target: [pipelineSecret.pipelineId, pipelineSecret.name], set: { valueCiphertext, updatedAt: new Date() } });
    await audit(tx, ctx, org.id, { action: 'pipeline.secret.set', targetType: 'pipeline', targetId: p.id, targetLabel: p.name, data: { name } });
  });
  return { name };
}

export async function deleteVariable(ctx: ServiceContext, input: unknown): Promise<void> {
  return deleteInput(ctx, input, 'variable');
}

export async function deleteSecret(ctx: ServiceContext, input: unknown): Promise<void> {
  return deleteInput(ctx, input, 'secret');
}

async function deleteInput(ctx: ServiceContext, input: unknown, kind: 'variable' | 'secret') {
  const { org, pipeline: p } = await loadPipeline(ctx, input, 'pipelines:manage');
  const { name } = parse(inputPathInput, input);
  await ctx.db.transaction(async (tx) => {
    const table = kind === 'variable' ? pipelineVariable : pipelineSecret;
    const gone = await tx.delete(table).where(and(eq(table.pipelineId, p.id), eq(table.name, name))).returning({ id: table.id });
    if (!gone.length) throw ServiceError.notFound(`The ${kind} "${name}"`);
    await audit(tx, ctx, org.id, { action: `pipeline.${kind}.delete`, targetType: 'pipeline', targetId: p.id, targetLabel: p.name, data: { name } });
  });
}
