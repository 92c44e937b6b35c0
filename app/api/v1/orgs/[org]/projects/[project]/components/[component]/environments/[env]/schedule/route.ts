import { ServiceError } from '@/lib/errors';
import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { getSchedule } from '@/lib/services/tasks/get-schedule';
import { setSchedule } from '@/lib/services/tasks/set-schedule';

type P = { org: string; project: string; component: string; env: string };
const path = (p: P) => ({ org: p.org, project: p.project, component: p.component, environment: p.env });

/** The schedule in one environment, with its reading in words and the next 5 runs (ISO). */
export const GET = api<P>(async ({ ctx, params }) => {
  const s = await getSchedule(ctx, path(params));
  if (!s) throw ServiceError.notFound(`A schedule in ${params.env} (deploy the task there first)`);
  return s;
});

/** `{ cron, timeZone, concurrencyPolicy?, startingDeadlineSeconds?, paused? }`. */
export const PUT = api<P>(async ({ ctx, params, body }) => setSchedule(ctx, withPath(await body(), path(params))));
