import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { listExecutions } from '@/lib/services/tasks/list-executions';
import { runTask } from '@/lib/services/tasks/run-task';

type P = { org: string; project: string; component: string };

/** Execution history (?environment, ?cursor, ?limit). */
export const GET = api<P>(async ({ ctx, params, query }) => listExecutions(ctx, { ...Object.fromEntries(query), ...params }));

/** Run Now / Run with Arguments: `{ args?: string[], environment? }` → 202 `{ id, number, status }`. */
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 202, body: await runTask(ctx, withPath(await body(), params)) }));
