import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { loadTask } from './load-task';
import { executionById } from './present';
import { executionIdInput } from './schemas';
import type { Execution } from './types';

export async function getExecution(ctx: ServiceContext, input: unknown): Promise<Execution> {
  const { component } = await loadTask(ctx, input, 'org:read');
  const { id } = parse(executionIdInput, input);
  const found = await executionById(ctx.db, component.id, id);
  if (!found) throw ServiceError.notFound('Execution');
  return found;
}
