import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { findRun, loadPipeline } from './load';
import { latestRuns, presentRun, runSteps, type RunView, type StepView } from './present';
import { listRunsInput, runInput } from './schemas';

/** The runs table: newest first. */
export async function listRuns(ctx: ServiceContext, input: unknown): Promise<RunView[]> {
  const { pipeline: p } = await loadPipeline(ctx, input, 'org:read');
  const { limit } = parse(listRunsInput, input);
  return latestRuns(ctx.db, p.id, limit);
}

/** One run with its step tree (every attempt; groups and indexes give the parallel layout). */
export async function getRun(ctx: ServiceContext, input: unknown): Promise<RunView & { steps: StepView[] }> {
  const { pipeline: p } = await loadPipeline(ctx, input, 'org:read');
  const { run } = parse(runInput, input);
  const r = await findRun(ctx.db, p.id, run);
  return { ...presentRun(r), steps: await runSteps(ctx.db, r.id) };
}
