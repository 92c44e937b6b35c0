import { api } from '@/lib/http/api';
import { stopRun } from '@/lib/services/pipelines/stop-run';

type P = { org: string; pipeline: string; run: string };
/** Stop Run: running steps are stopped within the grace period, pending ones skipped. */
export const POST = api<P>(async ({ ctx, params }) => ({ status: 202, body: await stopRun(ctx, params) }));
