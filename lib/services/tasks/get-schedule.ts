import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { loadTask, taskEnvironment } from './load-task';
import { scheduleRow, scheduleView } from './schedule-view';
import { envPathInput } from './schemas';
import type { Schedule } from './types';

/** The schedule of a scheduled task in one environment; null before its first deployment there. */
export async function getSchedule(ctx: ServiceContext, input: unknown): Promise<Schedule | null> {
  const { org, component } = await loadTask(ctx, input, 'org:read', { scheduled: true });
  const data = parse(envPathInput, input);
  const env = await taskEnvironment(ctx.db, org.id, data.environment);
  const row = await scheduleRow(ctx.db, component.id, env.id);
  return row ? scheduleView(ctx.db, row) : null;
}
