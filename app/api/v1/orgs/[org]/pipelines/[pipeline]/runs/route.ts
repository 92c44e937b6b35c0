import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { listRuns } from '@/lib/services/pipelines/runs';
import { startRun } from '@/lib/services/pipelines/start-run';

type P = { org: string; pipeline: string };
export const GET = api<P>(async ({ ctx, params, query }) => ({ items: await listRuns(ctx, { ...Object.fromEntries(query), ...params }) }));
/** Start New Run `{ parameters?: { name: value } }` → 202 `{ id, number, status }`. */
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 202, body: await startRun(ctx, withPath(await body(), params)) }));
