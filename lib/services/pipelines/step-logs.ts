import { and, desc, eq } from 'drizzle-orm';
import { pipelineRun, pipelineStep } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { readLogLines, type StoredLine } from '@/lib/jobs/executions/logs';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { findRun, loadPipeline } from './load';
import { stepLogsInput } from './schemas';
import { pause } from '@/lib/util/pause';

const FINAL_RUN = new Set(['succeeded', 'failed', 'stopped', 'timed_out']);
const FINAL_STEP = new Set(['succeeded', 'failed', 'error', 'skipped', 'stopped', 'timed_out']);

/** The step attempt (latest unless `attempt` is given), by step id (slug) or row id. */
async function load(ctx: ServiceContext, input: unknown) {
  const { pipeline: p } = await loadPipeline(ctx, input, 'org:read');
  const data = parse(stepLogsInput, input);
  const r = await findRun(ctx.db, p.id, data.run);
  const rows = await ctx.db
    .select({ id: pipelineStep.id, stepId: pipelineStep.stepId, attempt: pipelineStep.attempt })
    .from(pipelineStep)
    .where(and(eq(pipelineStep.runId, r.id)))
    .orderBy(desc(pipelineStep.attempt));
  const row = rows.find((s) => (s.stepId === data.step || s.id === data.step) && (data.attempt === undefined || s.attempt === data.attempt));
  if (!row) throw ServiceError.notFound(`Step "${data.step}"`);
  return { stepRowId: row.id, runId: r.id };
}

async function isDone(ctx: ServiceContext, runId: string, stepRowId: string) {
  const [s] = await ctx.db.select({ status: pipelineStep.status }).from(pipelineStep).where(eq(pipelineStep.id, stepRowId));
  if (!s || FINAL_STEP.has(s.status)) return true;
  const [r] = await ctx.db.select({ status: pipelineRun.status }).from(pipelineRun).where(eq(pipelineRun.id, runId));
  return !r || FINAL_RUN.has(r.status);
}

/** A step's stored log (secrets already masked when stored), kept after its container is gone. */
export async function stepLogs(ctx: ServiceContext, input: unknown): Promise<{ lines: StoredLine[]; done: boolean }> {
  const { stepRowId, runId } = await load(ctx, input);
  const done = await isDone(ctx, runId, stepRowId);
  return { lines: await readLogLines(ctx.db, stepRowId, 0, 'step'), done };
}

/** The log as it grows, for SSE: polled from the database, so it works whichever process runs the step. */
export async function followStepLogs(ctx: ServiceContext, input: unknown, signal: AbortSignal, pollMs = 100): Promise<AsyncIterable<StoredLine>> {
  const { stepRowId, runId } = await load(ctx, input);
  return (async function* () {
    let next = 0;
    while (!signal.aborted) {
      const done = await isDone(ctx, runId, stepRowId);
      for (const l of await readLogLines(ctx.db, stepRowId, next, 'step')) {
        next = l.seq + 1;
        yield l;
      }
      if (done) return;
      await pause(pollMs, signal);
    }
  })();
}
