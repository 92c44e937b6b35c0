import { and, eq, lt } from 'drizzle-orm';
import { taskExecution } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { loadTask, taskEnvironment } from './load-task';
import { countSince, selectExecutions } from './present';
import { listExecutionsInput } from './schemas';
import type { ExecutionPage } from './types';

/** Execution history, newest first (cursor = the last number seen), with the count over the last 30 days. */
export async function listExecutions(ctx: ServiceContext, input: unknown): Promise<ExecutionPage> {
  const { org, component } = await loadTask(ctx, input, 'org:read');
  const data = parse(listExecutionsInput, input);
  const env = data.environment ? await taskEnvironment(ctx.db, org.id, data.environment) : undefined;
  let before: number | undefined;
  if (data.cursor !== undefined) {
    before = Number(data.cursor);
    if (!Number.isInteger(before) || before < 1) throw ServiceError.invalid('The cursor is not valid.', { cursor: 'Use nextCursor from the previous page.' });
  }
  const items = await selectExecutions(
    ctx.db,
    and(eq(taskExecution.componentId, component.id), env ? eq(taskExecution.environmentId, env.id) : undefined, before ? lt(taskExecution.number, before) : undefined),
    data.limit + 1,
  );
  const more = items.length > data.limit;
  const page = items.slice(0, data.limit);
  const last30Days = await countSince(ctx.db, component.id, env?.id, new Date(Date.now() - 30 * 86_400_000));
  return { items: page, last30Days, nextCursor: more ? String(page[page.length - 1].number) : null };
}
