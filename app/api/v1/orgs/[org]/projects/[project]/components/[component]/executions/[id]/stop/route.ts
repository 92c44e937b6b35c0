import { api } from '@/lib/http/api';
import { stopExecution } from '@/lib/services/tasks/stop-execution';

type P = { org: string; project: string; component: string; id: string };
/** Stop: SIGTERM, then SIGKILL after the grace period; answers with the execution as it is now. */
export const POST = api<P>(async ({ ctx, params }) => ({ status: 202, body: await stopExecution(ctx, params) }));
