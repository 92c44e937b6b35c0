import { and, eq } from 'drizzle-orm';
import { taskExecution } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { readLogLines } from '@/lib/jobs/executions/logs';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { loadTask } from './load-task';
import { executionIdInput } from './schemas';
import type { ExecutionLogs, LogLine } from './types';
import { pause } from '@/lib/util/pause';

const FINAL = new Set(['succeeded', 'failed', 'timed_out', 'stopped', 'skipped', 'missed']);

async function load(ctx: ServiceContext, input: unknown) {
  const { component } = await loadTask(ctx, input, 'org:read');
  const { id } = parse(executionIdInput, input);
  const [row] = await ctx.db.select({ id: taskExecution.id }).from(taskExecution).where(and(eq(taskExecution.id, id), eq(taskExecution.componentId, component.id)));
  if (!row) throw ServiceError.notFound('Execution');
  return id;
}

async function isDone(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db.select({ status: taskExecution.status }).from(taskExecution).where(eq(taskExecution.id, id));
  return !row || FINAL.has(row.status);
}

/** The stored log of an execution (kept after its container is gone) and whether more may come. */
export async function executionLogs(ctx: ServiceContext, input: unknown): Promise<ExecutionLogs> {
  const id = await load(ctx, input);
  // Read "done" first: lines stored before it was final are all there.
  const done = await isDone(ctx, id);
  return { lines: await readLogLines(ctx.db, id), done };
}

/**
 * The log as it grows, for SSE: stored lines first (from line `from`: a reconnecting client's
 * Last-Event-ID + 1), then new ones as the engine stores them (polled from the database, so it
 * works whichever process runs the execution), until the execution is final or `signal` aborts.
 */
export async function followExecutionLogs(ctx: ServiceContext, input: unknown, signal: AbortSignal, pollMs = 250, from = 0): Promise<AsyncIterable<LogLine>> {
  const id = await load(ctx, input);
  return (async function* () {
    let next = Number.isSafeInteger(from) && from > 0 ? from : 0;
    while (!signal.aborted) {
      const done = await isDone(ctx, id);
      const lines = await readLogLines(ctx.db, id, next);
      for (const l of lines) {
        next = l.seq + 1;
        yield l;
      }
      if (done) return;
      await pause(pollMs, signal);
    }
  })();
}
